"""The paraphrase corpus (corpus/README.md) played through the real assistant.

Each item is said in its place in a conversation of its own: as the opening
message, as the answer to the safety check, or as the answer to the question
it was written for (the interview is put at that question through Rasa's HTTP
API). What the assistant then did is read from the conversation's slots.
"""

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import yaml

from harness.servers import ROOT
from heel import warning_signs
from heel.levels import rank
from tests.support.chat import Conversation, Reply

CORPUS = ROOT / "corpus"
HELDOUT = CORPUS / "heldout"
WORKERS = 6


def load(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def frozen_problems() -> list[str]:
    """Differences between the held-out files and their pinned checksums."""
    problems = []
    for line in (HELDOUT / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        actual = hashlib.sha256((ROOT / name).read_bytes()).hexdigest()
        if actual != digest:
            problems.append(f"{name} changed (sha256 {actual}, pinned {digest})")
    return problems


@dataclass
class Outcome:
    """What the assistant did with one message."""

    item: dict[str, Any]
    reply: Reply
    slots: dict[str, Any]

    @property
    def escalated(self) -> str | None:
        """The urgency given for a warning sign, or None."""
        return self.slots.get("triage_level") if self.slots.get("red_flags") else None

    @property
    def confirming(self) -> str | None:
        """The rule of the confirming question asked, or None."""
        return (self.slots.get("suspected_sign") or {}).get("rule")

    def reaches(self, rule: str) -> bool:
        """Escalated at least as urgently as `rule`, or asked to confirm a sign that would be."""
        needed = rank(warning_signs.BY_RULE[rule].level)
        if self.escalated and rank(self.escalated) <= needed:
            return True
        return bool(self.confirming and rank(warning_signs.BY_RULE[self.confirming].level) <= needed)

    @property
    def alarmed(self) -> bool:
        return bool(self.escalated or self.confirming)

    def describe(self) -> str:
        got = (
            f"escalated {self.escalated} ({self.slots.get('likely_condition')})"
            if self.escalated
            else f"asked to confirm {self.confirming}"
            if self.confirming
            else "nothing"
        )
        return got


def place(person: Conversation, item: dict[str, Any]) -> None:
    """Bring a new conversation to where the item is said."""
    if item.get("context", "mid_interview" if item.get("asked") else "opening") == "opening":
        return
    person.say("hello")  # the greeting, then the safety check is asked
    asked = item.get("asked")
    if item.get("context") == "safety_check" or asked in (None, "red_flags"):
        return
    if asked == "confirm":  # a confirming question for the sign the answer is about
        rule = item.get("question_rule") or "R1"
        person.say(f'/inform{{"suspected_sign": "{rule}"}}')
        return
    person.say("none of these")
    set_slot(person, "requested_slot", asked)


def set_slot(person: Conversation, name: str, value: Any) -> None:
    response = requests.post(
        f"{person.stack.url}/conversations/{person.sender}/tracker/events",
        params={"token": person.stack.token},
        json=[{"event": "slot", "name": name, "value": value}],
        timeout=30,
    )
    response.raise_for_status()


def play(
    stack, items: list[dict[str, Any]], tag: str, say: Callable[[dict[str, Any]], str] | None = None
) -> list[Outcome]:
    """Every item in a conversation of its own, several at a time."""

    def one(numbered) -> Outcome:
        n, item = numbered
        person = Conversation(stack, sender=f"corpus-{tag}-{n}")
        place(person, item)
        reply = person.say(say(item) if say else item["text"])
        return Outcome(item, reply, person.slots())

    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(one, enumerate(items)))
