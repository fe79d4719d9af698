"""A warning sign made of parts, told apart: "red, hot, swollen" (R3, R6, R8).

The reader raises `red_hot_swollen` on any one of its parts, so that doubt never
guesses down ("my foot's gone red" is enough to ask about it). But a message that
names one part and denies the other two ("a bit red where my trainers rub, but
it's not hot or swollen"; "feels hot at night, yet it looks normal: no redness, no
swelling") describes a red mark or a hot feeling, not an inflamed foot. Such a
mention is set aside, like a denied one, unless a fever is also reported.
"""

import re
from collections.abc import Iterable

from .places import Mention

SIGN = "red_hot_swollen"
PARTS = {
    "red": re.compile(r"\b(red|redness|reddish|pink|flushed|inflamed|angry)\b", re.IGNORECASE),
    "hot": re.compile(r"\b(hot|warm|warmer|heat|burning to the touch)\b", re.IGNORECASE),
    "swollen": re.compile(
        r"\b(swollen|swelling|swell|swells|swelled|puffy|puffed|puffing|swolen|bloated)\b", re.IGNORECASE
    ),
}


# A denial and what it reaches: to the end of the clause ("not hot or swollen", "no redness, no swelling").
DENIAL = re.compile(
    r"\b(?:no|not|n't|isn't|isnt|aren't|arent|wasn't|wasnt|without|never|nor)\b(?!\s+(?:sure|certain))"
    r"(?P<reach>[^,.;:!?]*?)(?=[,.;:!?]|\bbut\b|\bhowever\b|\bthough\b|$)",
    re.IGNORECASE,
)


def parts(text: str) -> set[str]:
    return {name for name, pattern in PARTS.items() if pattern.search(text)}


def denied_parts(text: str) -> set[str]:
    """The parts a message denies in so many words, mentioned by the reader or not ("it's not hot or swollen")."""
    return set().union(*(parts(m.group(0)) for m in DENIAL.finditer(text)), set())


def one_part_only(mentions: Iterable[Mention], denials_before: frozenset, text: str = "") -> bool:
    """Does the message name one part of a red, hot, swollen foot and deny both others in so many
    words ("not hot", "no swelling": the denial before the part), with no fever?"""
    mentions = [m for m in mentions if m.category == "warning_sign" and not m.discarded]
    signs = [m for m in mentions if m.value == SIGN]
    said = set().union(*(parts(m.text) for m in signs if not m.negated), set())
    denied = set().union(*(parts(m.text) for m in signs if m.negated and m.denied_by & denials_before), set())
    denied |= denied_parts(text)
    fever = any(m.value == "fever" and not (m.negated or m.historical) for m in mentions)
    return len(said) == 1 and len(denied - said) == 2 and not fever
