"""How long it has lasted, in weeks, from phrases like "about two months"."""

import re
from datetime import date
from typing import Optional

from .relative_dates import weeks_since

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "couple": 2,
    "a few": 3,
    "few": 3,
    "several": 4,
    "a handful of": 4,
    "half a": 0.5,
    "a half": 0.5,
}
UNIT_WEEKS = {
    "day": 1 / 7,
    "night": 1 / 7,
    "week": 1,
    "wk": 1,
    "fortnight": 2,
    "month": 52 / 12,
    "mo": 52 / 12,
    "mth": 52 / 12,
    "mnth": 52 / 12,
    "year": 52,
    "yr": 52,
}
_NUMBER = (
    r"(?P<num>\d+(?:[.,]\d+)?|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")"
)
_RANGE = rf"(?:{_NUMBER}\s*(?:-|to|or)\s*)?"
_UNIT = r"(?P<unit>" + "|".join(UNIT_WEEKS) + r")s?\b"
QUANTITY = re.compile(
    rf"\b{_RANGE}(?P<num2>\d+(?:[.,]\d+)?|"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + rf")\s*(?:and a half\s*)?{_UNIT}",
    re.IGNORECASE,
)
BARE_UNIT = re.compile(r"\b(?:a|one|last|past|this)\s+(?P<unit>day|week|fortnight|month|year)\b", re.IGNORECASE)
AGE = re.compile(r"\s*(old|of age)\b", re.IGNORECASE)
HALF = re.compile(r"\s*and a half\b", re.IGNORECASE)
HOW_OFTEN = re.compile(
    r"\b(?:once|twice|\w+\s+times?)\s+(?:a|an|per|each|every)\s+(?:day|night|week|fortnight|month|year)\b"
    r"|\b(?:per|each|every)\s+(?:day|night|week|fortnight|month|year|morning)\b",
    re.IGNORECASE,
)
HOW_LONG_AT_A_TIME = re.compile(
    r"\b(?:stand|standing|stood|sit|sitting|sat|walk|walking|run|running|drive|driving|feet)\s+"
    r"(?:for\s+)?(?:a\s+)?(?:long\s+(?:time|while|periods?)|ages|hours|(?:a\s+)?(?:few|couple\s+of)\s+hours|"
    r"\d+\s+(?:minutes?|mins?|hours?))\b",
    re.IGNORECASE,
)
AGE_PHRASE = re.compile(r"\b\d+\s*(?:years?|yrs?|y/o)\s*(?:old|of age)\b|\baged?\s+\d+\b", re.IGNORECASE)
FIXED = [
    (re.compile(r"\b(today|this morning|since this morning|last night|tonight)\b", re.I), 0.1),
    (re.compile(r"\byesterday\b", re.I), 1 / 7),
    (re.compile(r"\b(a few|couple of|couple) days\b", re.I), 3 / 7),
    (re.compile(r"\bsince last (week)\b", re.I), 1),
    (re.compile(r"\bsince last (month)\b", re.I), 52 / 12),
    (re.compile(r"\b(ages|forever|for ever|a long time|years)\b", re.I), 52),
    (re.compile(r"\bmonths\b", re.I), round(2 * 52 / 12, 2)),
    (re.compile(r"\bweeks\b", re.I), 3),
]


def _number(text: str) -> float:
    text = text.lower().replace(",", ".")
    return NUMBER_WORDS[text] if text in NUMBER_WORDS else float(text)


def parse_duration_weeks(text: str, today: Optional[date] = None) -> Optional[float]:
    """The duration mentioned in `text` in weeks (rounded), or None. A day named rather
    than counted ("since Boxing Day") is read against `today` (default: the local date)."""
    text = AGE_PHRASE.sub(" ", text)  # "I'm 45 years old" is an age, not a duration
    text = HOW_OFTEN.sub(" ", text)  # "three times a week" is how often, not how long
    text = HOW_LONG_AT_A_TIME.sub(" ", text)  # "when I stand for a long time" is not how long it has lasted
    match = next((m for m in QUANTITY.finditer(text) if not AGE.match(text, m.end())), None)
    if match:
        value = _number(match.group("num2"))
        if "and a half" in match.group(0).lower() or HALF.match(text, match.end()):
            value += 0.5
        weeks = value * UNIT_WEEKS[match.group("unit").lower()]
        return round(weeks, 2)
    since = weeks_since(text, today or date.today())
    if since is not None:
        return since
    for pattern, weeks in FIXED:
        if pattern.search(text):
            return round(weeks, 2)
    match = BARE_UNIT.search(text)
    if match:
        return round(UNIT_WEEKS[match.group("unit").lower()], 2)
    return None
