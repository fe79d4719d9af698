"""What every channel accepts from a person before Rasa sees it, and what it
answers instead. The same rules for REST, socket.io (web chat), Telegram and
Slack; the channels call them through `channels.gate.Gate`.

- Control characters are removed; line breaks, tabs and every other kind of
  space become one space; lone surrogates (invalid UTF-16 from a JSON
  `\\ud800` escape), private-use characters and invisible format characters
  (bidi overrides, zero-width spaces, BOM) are dropped, except the
  zero-width joiners emoji need. The text is NFKC-normalised (full-width
  letters become plain ones). Emoji and other scripts are kept.
- Nothing left (empty, only spaces or control characters): "I didn't get any
  text", without bothering Rasa.
- Longer than MAX_MESSAGE_CHARS (default 2000) characters: an explanation
  instead of processing it.
- Clearly not English (channels/language.py): "I only speak English for now".
- Typed `/intent` shortcuts are what buttons send, so they stay allowed; they
  cannot set the outcome (`triage_level`, `likely_condition` have no entity
  mapping). Rasa's internal intents would end in silence: `/restart` becomes
  the assistant's own `/start_over`, `/session_start` and `/back` are read as
  plain words. So is anything else after a slash that is not a well-formed
  shortcut (`/name`, `/name{json}`): "/my foot is cold" is the person's words,
  and Rasa would otherwise log the message in a warning.

Every reply that refuses a message still says what to do in an emergency.
"""

import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import settings
from channels.language import other_language
from clinic.responses import template_values

logger = logging.getLogger(__name__)

MAX_METADATA_BYTES = 4096  # a message's metadata is stored with it in the tracker
# A raw text this many times over the limit is refused before it is cleaned.
RAW_LENGTH_FACTOR = 4
KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d")  # zero-width (non-)joiner: emoji sequences, Indic scripts
DROPPED_CATEGORIES = frozenset(("Cc", "Cs", "Co"))  # control, surrogate, private use
SURROGATES = re.compile("[\ud800-\udfff]")
SHORTCUT = re.compile(r"^/(\w+)(@[0-9.]+)?(\{.*\})?$", re.DOTALL)
# Rasa's default intents that end a turn in silence when typed.
INTERNAL_SHORTCUTS = {"restart": "/start_over", "session_start": None, "back": None}

SAFETY_NET = "If you have a warning sign or feel unwell, don't wait: call {emergency_number}."
REPLIES = {
    "empty": "I didn't get any text. Please type your answer, or describe your heel pain in your own words.",
    "too_long": (
        "Your message is too long for me: I can read up to {limit} characters at a time and it has "
        "{length}. Please send it again in shorter parts, a sentence or two at a time. " + SAFETY_NET
    ),
    "not_english": (
        "Sorry, I only speak English for now. Please write to me in English, or contact {clinic_contact}. " + SAFETY_NET
    ),
    "rate_limited": (
        "You're sending messages faster than I can answer. Please wait a few seconds, then send "
        "your message again. " + SAFETY_NET
    ),
    "failed": (
        "Sorry, something went wrong on my side and I couldn't read your message. Please send it again "
        "in a minute; I'll carry on from where we were. If you have a warning sign or feel unwell, "
        "don't wait: call {emergency_number} or contact {clinic_contact}."
    ),
}


def reply(reason: str, **values: Any) -> str:
    """The text a person gets instead of an answer from Rasa (`reason`: a key of REPLIES)."""
    return REPLIES[reason].format(**template_values(), **values)


@dataclass(frozen=True)
class Verdict:
    """`text` goes to Rasa; when it is None the person is told `reply` instead (None: nothing)."""

    text: str | None = None
    reply: str | None = None
    reason: str = "ok"
    retry_after: int | None = None  # seconds, when rate-limited

    @property
    def accepted(self) -> bool:
        return self.text is not None


def metadata_ok(metadata: Any) -> bool:
    """A JSON object of at most MAX_METADATA_BYTES (None is fine: no metadata)."""
    if metadata is None:
        return True
    return (
        isinstance(metadata, dict)
        and len(json.dumps(metadata, ensure_ascii=False).encode("utf-8", "replace")) <= MAX_METADATA_BYTES
    )


def clean(text: str) -> str:
    """Control characters out, every kind of space to one space, NFKC, trimmed."""
    text = unicodedata.normalize("NFKC", SURROGATES.sub("", text))
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
            continue
        category = unicodedata.category(char)
        if category in DROPPED_CATEGORIES or (category == "Cf" and char not in KEPT_FORMAT_CHARACTERS):
            continue
        kept.append(char)
    return " ".join("".join(kept).split())


def _shortcut(text: str) -> str:
    """A typed shortcut as Rasa should see it; anything else after a slash as plain words."""
    match = SHORTCUT.match(text)
    if not match or (match.group(3) and not _json_object(match.group(3))):
        return text.lstrip("/ ")
    if match.group(1) not in INTERNAL_SHORTCUTS:
        return text
    return INTERNAL_SHORTCUTS[match.group(1)] or text[1:].replace("_", " ")


def _json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


@dataclass(frozen=True)
class InputRules:
    max_chars: int = settings.default("MAX_MESSAGE_CHARS")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "InputRules":
        """MAX_MESSAGE_CHARS, from settings.load(environ)."""
        return cls(settings.load(environ).max_message_chars)

    def too_long(self, length: int) -> Verdict:
        return Verdict(reply=reply("too_long", limit=self.max_chars, length=length), reason="too_long")

    def check(self, text: str) -> Verdict:
        """What to do with a person's text (a str: checking the type is the channel's job)."""
        if len(text) > self.max_chars * RAW_LENGTH_FACTOR:
            return self.too_long(len(text))
        text = clean(text)
        if not text:
            return Verdict(reply=reply("empty"), reason="empty")
        if len(text) > self.max_chars:
            return self.too_long(len(text))
        if text.startswith("/"):
            text = _shortcut(text)
            if not text:
                return Verdict(reply=reply("empty"), reason="empty")
            if text.startswith("/"):
                return Verdict(text)
        if other_language(text):
            return Verdict(reply=reply("not_english"), reason="not_english")
        return Verdict(text)


@lru_cache(maxsize=1)
def shared_rules() -> InputRules:
    """The rules from the settings, read once for all channels."""
    return InputRules.from_env()
