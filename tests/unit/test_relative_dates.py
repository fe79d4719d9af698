"""Durations named by a day rather than counted, read against the day written."""

from datetime import date

import pytest

from components.durations import parse_duration_weeks
from components.relative_dates import start_date


@pytest.mark.parametrize(
    "text, today, started",
    [
        ("since boxing day", date(2026, 1, 30), date(2025, 12, 26)),
        ("sinse xmas", date(2026, 2, 10), date(2025, 12, 25)),
        ("it started the day after Thanksgiving", date(2026, 12, 18), date(2026, 11, 27)),
        ("since Easter", date(2026, 5, 20), date(2026, 4, 5)),
        ("since Good Friday", date(2027, 4, 20), date(2027, 3, 26)),
        ("since the bank holiday", date(2026, 9, 14), date(2026, 8, 31)),
        ("since the clocks went back", date(2026, 11, 20), date(2026, 10, 25)),
        ("since Tuesday", date(2026, 5, 15), date(2026, 5, 12)),  # a Friday
        ("since last Monday", date(2026, 6, 9), date(2026, 6, 1)),  # a Tuesday: last week's Monday
        ("since the weekend", date(2026, 11, 18), date(2026, 11, 14)),
        ("since March", date(2026, 6, 10), date(2026, 3, 15)),  # a month without a day: its middle
        ("since the start of June", date(2026, 7, 22), date(2026, 6, 1)),
        ("since the end of last month", date(2027, 2, 12), date(2027, 1, 31)),
        ("since the 20th of last month", date(2026, 12, 9), date(2026, 11, 20)),
        ("since 2nd Jan", date(2027, 2, 20), date(2027, 1, 2)),
        ("since the summer", date(2026, 10, 20), date(2026, 7, 15)),  # a season: its middle
        ("since last summer", date(2027, 3, 3), date(2026, 7, 15)),
        ("since the beginning of the year", date(2026, 4, 10), date(2026, 1, 1)),
    ],
)
def test_the_day_it_started(text, today, started):
    assert start_date(text, today) == started


@pytest.mark.parametrize(
    "text",
    [
        "since my birthday",
        "I run on Mondays",
        "about the same as yesterday",
        "my heel burns when I run",
    ],
)
def test_no_day_named(text):
    assert start_date(text, date(2026, 11, 30)) is None


def test_weeks_are_counted_to_the_day_written_and_an_amount_wins():
    assert parse_duration_weeks("since boxing day", date(2026, 1, 30)) == 5.0
    assert parse_duration_weeks("about 3 weeks, since boxing day I think", date(2026, 1, 30)) == 3.0
    assert parse_duration_weeks("since Boxing Day", date(2025, 12, 26)) == 0.0


def test_the_clinics_day_comes_from_its_time_zone_and_a_wrong_one_is_named():
    from components.findings_extractor import clinic_zone

    assert clinic_zone({"CLINIC_TIMEZONE": "Europe/London"}).key == "Europe/London"
    assert clinic_zone({}).key == "UTC"
    with pytest.raises(ValueError, match="CLINIC_TIMEZONE='Mars/Base'"):
        clinic_zone({"CLINIC_TIMEZONE": "Mars/Base"})
