"""The FHIR API's search parameters: dates as ranges, reference codes, page sizes and page tokens."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from clinic.fhir_api import capability_statement
from clinic.fhir_check import structural_problems
from clinic.fhir_search import (
    MAX_COUNT,
    FhirError,
    date_window,
    decode_page,
    encode_page,
    page_count,
    reference_codes,
)
from clinic.records import Record, Window

UTC = timezone.utc
LONDON = ZoneInfo("Europe/London")


def ts(*args, tz=UTC):
    return datetime(*args, tzinfo=tz).timestamp()


@pytest.mark.parametrize(
    "value, window",
    [
        ("2026-11-29", Window(ts(2026, 11, 29), ts(2026, 11, 30))),
        ("eq2026-11-29", Window(ts(2026, 11, 29), ts(2026, 11, 30))),
        ("ge2026-11-29", Window(ts(2026, 11, 29), None)),
        ("gt2026-11-29", Window(ts(2026, 11, 30), None)),
        ("sa2026-11-29", Window(ts(2026, 11, 30), None)),
        ("lt2026-11-29", Window(None, ts(2026, 11, 29))),
        ("eb2026-11-29", Window(None, ts(2026, 11, 29))),
        ("le2026-11-29", Window(None, ts(2026, 11, 30))),
        ("ne2026-11-29", Window(ts(2026, 11, 29), ts(2026, 11, 30), inside=False)),
        ("2026", Window(ts(2026, 1, 1), ts(2027, 1, 1))),
        ("2026-12", Window(ts(2026, 12, 1), ts(2027, 1, 1))),
        ("ge2026-11-29T08:30Z", Window(ts(2026, 11, 29, 8, 30), None)),
        ("2026-11-29T08:30:15Z", Window(ts(2026, 11, 29, 8, 30, 15), ts(2026, 11, 29, 8, 30, 16))),
        ("lt2026-11-29T08:30:00+01:00", Window(None, ts(2026, 11, 29, 7, 30))),
        ("le2026-11-29T08:30:00.5-02:00", Window(None, ts(2026, 11, 29, 10, 30, 0, 600000))),
    ],
)
def test_a_date_is_the_range_it_names_and_the_prefix_says_which_side(value, window):
    assert date_window(value, UTC) == window


def test_a_date_without_a_zone_is_the_clinics_day_even_when_the_clocks_change():
    assert date_window("2026-06-01", LONDON) == Window(ts(2026, 5, 31, 23), ts(2026, 6, 1, 23))
    spring_forward = date_window("2026-03-29", LONDON)
    assert spring_forward.end - spring_forward.start == 23 * 3600


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2026-13-01",
        "2026-02-30",
        "ge26-11-29",
        "2026-11-29T25:00Z",
        "xx2026",
        "ap2026-11-29",
        "2026-11-29 08:00",
        "9999-12",
        "ge2026-11-29T08:00:00+1",
    ],
)
def test_anything_else_is_a_clear_400(value):
    with pytest.raises(FhirError) as error:
        date_window(value, UTC)
    assert error.value.status == 400 and value in error.value.diagnostics


def test_reference_codes_come_from_id_and_identifier_and_must_all_hold():
    assert reference_codes({}) is None
    assert reference_codes({"_id": ["hx4k9p"]}) == {"HX4-K9P"}
    assert reference_codes({"_id": ["hx4k9p,abcdef"]}) == {"HX4-K9P", "ABC-DEF"}
    assert reference_codes({"identifier": ["hx4 k9p"]}) == {"HX4-K9P"}
    assert reference_codes({"identifier": ["urn:heelcheck:reference|HX4-K9P"]}) == {"HX4-K9P"}
    assert reference_codes({"identifier": ["http://other.example/ids|HX4-K9P"]}) == set()
    assert reference_codes({"_id": ["hx4k9p"], "identifier": ["ABC-DEF"]}) == set()
    assert reference_codes({"_id": ["HX4K9P"]}) == set()  # FHIR ids are case-sensitive: ours are lower case
    assert reference_codes({"_id": ["not a code"]}) == set()
    with pytest.raises(FhirError) as error:
        reference_codes({"identifier": [",".join(["HX4-K9P"] * (MAX_COUNT + 1))]})
    assert error.value.status == 400


def test_count_is_a_whole_number_up_to_the_limit():
    assert page_count({}) == 50
    assert page_count({"_count": ["0"]}) == 0
    assert page_count({"_count": [str(MAX_COUNT)]}) == MAX_COUNT
    for value in (str(MAX_COUNT + 1), "-1", "ten", "1.5", "٣"):
        with pytest.raises(FhirError) as error:
            page_count({"_count": [value]})
        assert error.value.status == 400


def test_a_page_token_round_trips_and_a_forged_one_is_a_400():
    record = Record("HX4-K9P", "s", 1.0, 1764400000.123456, "self_care", "plantar_fasciitis", "", {})
    assert decode_page(encode_page(record)) == (1764400000.123456, "HX4-K9P")
    for token in ("garbage", "", "WzEsMl0", "bnVsbA", "W3RydWUsICJhIl0", "W05hTiwgImEiXQ"):
        with pytest.raises(FhirError) as error:
            decode_page(token)
        assert error.value.status == 400


def test_the_capability_statement_is_valid_r4():
    statement = capability_statement("http://127.0.0.1:8080/fhir")
    assert structural_problems(statement) == []
    assert statement["fhirVersion"] == "4.0.1"
    types = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert {p["name"] for p in types["QuestionnaireResponse"]["searchParam"]} == {"authored", "identifier", "_id"}
