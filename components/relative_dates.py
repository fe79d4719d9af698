"""How long since a day people name rather than count: "since Boxing Day",
"since last Monday", "since the start of June", "on and off since the summer".

Read against the day the message is written (`today`). Holidays, weekdays,
months, dates and seasons; the most recent such day on or before today.
python-dateutil (already installed with Rasa) gives Easter and the n-th
weekday of a month; dateparser was considered and left out: it knows no
holidays, seasons or "the start of June", and costs 10-50 ms a message.

A day of a month said without one ("since March") is read as its middle, a
season as its middle (northern hemisphere: spring is March to May): the person
does not know the day, and the middle is the least wrong guess.

This module imports neither spaCy nor Rasa.
"""

import calendar
import re
from datetime import date, timedelta
from typing import Callable, List, Optional, Tuple

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, TH, relativedelta

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name[:3]: n for name, n in list(MONTHS.items())})
MONTHS.update({"sept": 9})
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name[:3]: n for name, n in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b"


def _nth_weekday(month: int, weekday, n: int) -> Callable[[int], date]:
    """The n-th (or, with n = -1, the last) weekday of a month, in a year."""

    def day(year: int) -> date:
        start = date(year, month, 1) if n > 0 else date(year, month, 1) + relativedelta(day=31)
        return start + relativedelta(weekday=weekday(n))

    return day


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


# Named days: (pattern, the day in a given year). Longer names first.
NAMED_DAYS: List[Tuple[str, Callable[[int], date]]] = [
    (r"christmas eve|xmas eve", _fixed(12, 24)),
    (r"boxing day", _fixed(12, 26)),
    (r"new year'?s? eve|nye|hogmanay", _fixed(12, 31)),
    (r"christmas|xmas|chrimbo|crimbo", _fixed(12, 25)),
    (r"new year'?s?(?: day)?|the new year", _fixed(1, 1)),
    (r"valentine'?s?(?: day)?", _fixed(2, 14)),
    (r"st\.? patrick'?s?(?: day)?|saint patrick'?s?(?: day)?|paddy'?s day", _fixed(3, 17)),
    (r"good friday", lambda y: easter(y) - timedelta(days=2)),
    (r"easter monday", lambda y: easter(y) + timedelta(days=1)),
    (r"easter(?: sunday| weekend| holidays?)?", easter),
    (r"halloween|hallowe'en", _fixed(10, 31)),
    (r"(?:the )?clocks (?:went|go|going|changed) back", lambda y: date(y, 10, 31) + relativedelta(weekday=SU(-1))),
    (r"(?:the )?clocks (?:went|go|going|changed) forward", lambda y: date(y, 3, 31) + relativedelta(weekday=SU(-1))),
    (r"bonfire night|guy fawkes(?: night)?", _fixed(11, 5)),
    (r"black friday", lambda y: _nth_weekday(11, TH, 4)(y) + timedelta(days=1)),
    (r"thanksgiving", _nth_weekday(11, TH, 4)),  # the US's
    (r"(?:the )?(?:4th|fourth) of july|july (?:4th|fourth)|independence day", _fixed(7, 4)),
    (r"canada day", _fixed(7, 1)),
    (r"australia day", _fixed(1, 26)),
    (r"labou?r day", _nth_weekday(9, MO, 1)),  # the US's and Canada's
    (r"memorial day(?: weekend)?", _nth_weekday(5, MO, -1)),
    (r"(?:the )?(?:late may|spring|whitsun) bank holiday", _nth_weekday(5, MO, -1)),
    (r"(?:the )?(?:early may|may day) bank holiday|may day", _nth_weekday(5, MO, 1)),
    (r"(?:the )?(?:august|summer|late summer) bank holiday", _nth_weekday(8, MO, -1)),
]
# "the bank holiday": the most recent of England's.
BANK_HOLIDAYS: List[Callable[[int], date]] = [
    _fixed(1, 1),
    lambda y: easter(y) - timedelta(days=2),
    lambda y: easter(y) + timedelta(days=1),
    _nth_weekday(5, MO, 1),
    _nth_weekday(5, MO, -1),
    _nth_weekday(8, MO, -1),
    _fixed(12, 25),
    _fixed(12, 26),
]
SEASONS = {  # (first day, middle day, last day) as (month, day)
    "spring": ((3, 1), (4, 15), (5, 31)),
    "summer": ((6, 1), (7, 15), (8, 31)),
    "autumn": ((9, 1), (10, 15), (11, 30)),
    "fall": ((9, 1), (10, 15), (11, 30)),
    "winter": ((12, 1), (1, 15), (2, 28)),
    "summer holidays": ((7, 20), (8, 1), (8, 31)),
    "summer holiday": ((7, 20), (8, 1), (8, 31)),
    "school holidays": ((7, 20), (8, 1), (8, 31)),
}
SEASON = r"(?P<season>" + "|".join(sorted(SEASONS, key=len, reverse=True)) + r")\b"
# Where in a month or season: start, early, mid, late, end.
PART = r"(?:(?:the\s+)?(?P<part>start|beginning|early|mid|middle|late|end)(?:\s+of)?[\s-]+)?"
PART_DAY = {"start": 1, "beginning": 1, "early": 5, "mid": 15, "middle": 15, "late": 25}
# Words that make a named day the start of the trouble ("since", "after", "started on").
SINCE = r"\b(?:since|sinse|sence|snce|from|after|started|start|began|begun|begin|round|around|about|over|at|on|in)\b"
TYPOS = {"sinse": "since", "sence": "since", "snce": "since", "chrismas": "christmas", "crimbo": "christmas"}
ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


def _latest(day_in: Callable[[int], date], today: date, before: bool = False) -> Optional[date]:
    """The most recent such day on (or, `before`, strictly before) today, in the last two years."""
    for year in (today.year, today.year - 1, today.year - 2):
        try:
            day = day_in(year)
        except ValueError:  # 30 February
            continue
        if day < today or (day == today and not before):
            return day
    return None


def _weekday(match: "re.Match[str]", today: date) -> date:
    back = (today.weekday() - WEEKDAYS[match.group("weekday")]) % 7 or 7
    day = today - timedelta(days=back)
    text = match.group(0)
    if re.search(r"\bbefore last\b", text):
        day -= timedelta(days=7)
    elif re.search(r"\blast\b", text) and day.isocalendar()[1] == today.isocalendar()[1]:
        day -= timedelta(days=7)  # "last Monday", said on a Tuesday: the Monday of last week
    return day


def _month(match: "re.Match[str]", today: date) -> Optional[date]:
    month = MONTHS[match.group("month")]
    part = match.groupdict().get("part")
    if match.groupdict().get("day"):
        day_of = lambda y: date(y, month, int(match.group("day")))  # noqa: E731
    elif part == "end":
        day_of = lambda y: date(y, month, 1) + relativedelta(day=31)  # noqa: E731
    else:
        day_of = lambda y: date(y, month, PART_DAY.get(part, 15))  # noqa: E731
    this_month = (today.year, today.month) == (today.year, month)
    return _latest(day_of, today, before=bool(re.search(r"\blast\b", match.group(0))) and not this_month)


def _season(match: "re.Match[str]", today: date) -> Optional[date]:
    first, middle, last = SEASONS[match.group("season")]
    part = match.group("part")
    month, day = first if part in ("start", "beginning", "early") else last if part in ("end", "late") else middle
    return _latest(lambda y: date(y, month, day), today)


def _this_or_last(match: "re.Match[str]", today: date) -> Optional[date]:
    text, part = match.group(0), match.groupdict().get("part")
    last = bool(re.search(r"\blast\b", text))
    if "year" in text:
        start = date(today.year - last, 1, 1)
        if part is None and last:  # "since last year": some time in it
            return start.replace(month=7)
        return start + relativedelta(month=12, day=31) if part == "end" else start
    start = date(today.year, today.month, 1) - relativedelta(months=int(last))
    if match.groupdict().get("day"):
        return start.replace(day=int(match.group("day")))
    return start + relativedelta(day=31) if part == "end" else start.replace(day=PART_DAY.get(part, 1))


def _day_of_month(match: "re.Match[str]", today: date) -> Optional[date]:
    return (
        _latest(lambda y: date(y, today.month, int(match.group("day"))), today)
        if today.day >= int(match.group("day"))
        else (date(today.year, today.month, 1) - relativedelta(months=1)).replace(day=min(int(match.group("day")), 28))
    )


READERS: List[Tuple["re.Pattern[str]", Callable[["re.Match[str]", date], Optional[date]]]] = [
    (
        re.compile(
            rf"{SINCE}\s+(?:the\s+)?(?:day\s+)?(?:(?P<after>after)\s+)?(?:last\s+)?(?P<name>{'|'.join(p for p, _ in NAMED_DAYS)})\b"
        ),
        lambda m, today: _named(m, today),
    ),
    (
        re.compile(rf"{SINCE}\s+(?:the\s+)?(?:bank holiday)\b"),
        lambda m, today: max(filter(None, (_latest(d, today, before=True) for d in BANK_HOLIDAYS))),
    ),
    (
        re.compile(
            rf"{SINCE}\s+{PART}(?:the\s+)?(?:(?:this|last)\s+)?(?P<what>(?:the\s+)?(?:month|year))\b"
            rf"|{SINCE}\s+(?:the\s+)?{ORDINAL}\s+of\s+(?:this|last|the)\s+month\b"
        ),
        _this_or_last,
    ),
    (re.compile(rf"{SINCE}\s+(?:the\s+)?{ORDINAL}\s+(?:of\s+)?{MONTH}"), _month),
    (re.compile(rf"{SINCE}\s+{MONTH}\s+(?:the\s+)?{ORDINAL}\b"), _month),
    (re.compile(rf"{SINCE}\s+{PART}(?:last\s+)?{MONTH}"), _month),
    (re.compile(rf"{SINCE}\s+(?:the\s+)?{ORDINAL}\b(?!\s*(?:weeks?|days?|months?|years?|times?|of))"), _day_of_month),
    (re.compile(rf"{SINCE}\s+{PART}(?:the\s+|last\s+|this\s+past\s+)?{SEASON}"), _season),
    (re.compile(rf"{SINCE}\s+(?:the\s+)?(?:last\s+)?{WEEKDAY}(?:\s+before\s+last)?"), _weekday),
    (
        re.compile(rf"{SINCE}\s+(?:the\s+|last\s+)?weekend\b"),
        lambda m, today: today - timedelta(days=(today.weekday() - 5) % 7 or 7),
    ),
]


def _named(match: "re.Match[str]", today: date) -> Optional[date]:
    name = match.group("name")
    day_in = next(day for pattern, day in NAMED_DAYS if re.fullmatch(pattern, name))
    day = _latest(day_in, today)
    if day is not None and match.group("after"):
        day += timedelta(days=1)
    return day


def start_date(text: str, today: date) -> Optional[date]:
    """The day the trouble started, if the text names one, else None."""
    lower = " ".join(TYPOS.get(w, w) for w in text.lower().replace("\u2019", "'").split())
    found = []
    for pattern, reader in READERS:
        match = pattern.search(lower)
        if match:
            day = reader(match, today)
            if day is not None and day <= today:
                found.append((match.start(), day))
    return min(found)[1] if found else None


def weeks_since(text: str, today: date) -> Optional[float]:
    """Weeks from the day the text names to `today`, rounded, or None."""
    day = start_date(text, today)
    return None if day is None else round((today - day).days / 7, 2)
