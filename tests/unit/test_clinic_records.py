"""Reference codes, the FHIR QuestionnaireResponse and the record store (SQLite)."""

import pytest
import sqlalchemy as sa

from clinic import fhir, questionnaire
from clinic.fhir_check import response_problems, structural_problems
from clinic.records import Record, RecordStore, Window
from clinic.reference import ALPHABET, new_reference_code, normalise
from heel.assessment import assess

FINDINGS = {
    "red_flags": [],
    "pain_location": "inner_heel",
    "pain_character": "burning",
    "numbness_area": "none",
    "both_feet": "no",
    "back_pain": "no",
    "duration_weeks": 1.0,
    "diabetes": "no",
}


def test_reference_codes_are_readable_and_varied():
    codes = {new_reference_code() for _ in range(2000)}
    # 2000 draws from 31^6 codes collide by chance about once in 450 runs;
    # ten collisions would mean a broken generator, never chance.
    assert len(codes) > 1990
    for code in list(codes)[:50]:
        assert len(code) == 7 and code[3] == "-"
        assert set(code.replace("-", "")) <= set(ALPHABET)
        assert normalise(code.lower().replace("-", " ")) == code
    assert normalise("too-long-code") == ""


def test_the_questionnaire_response_carries_findings_outcome_and_times():
    assessment = assess(FINDINGS)
    resource = fhir.questionnaire_response("ABC-DEF", assessment, started=1000.0, finished=1060.0)
    assert resource["resourceType"] == "QuestionnaireResponse" and resource["status"] == "completed"
    items = {i["linkId"]: i["answer"] for i in resource["item"]}
    assert items["red_flags"] == [{"valueBoolean": False}]
    assert items["duration_weeks"] == [
        {"valueQuantity": {"value": 1.0, "system": "http://unitsofmeasure.org", "code": "wk", "unit": "wk"}}
    ]
    assert items["likely_condition"][0]["valueCoding"]["code"] == "medial_calcaneal_nerve_entrapment"
    assert items["reasons"] and all("valueString" in a for a in items["reasons"])
    assert resource["authored"] == "1970-01-01T00:17:40+00:00"
    assert resource["extension"][0]["valueDateTime"] == "1970-01-01T00:16:40+00:00"
    assert structural_problems(resource) == [] and response_problems(resource, questionnaire.current()) == []


def record(code: str, level_findings: dict, created: float, sender: str = "s") -> Record:
    a = assess(level_findings)
    return Record(
        code,
        sender,
        created,
        created,
        a.triage_level,
        a.likely_condition,
        fhir.summary(code, a, created),
        fhir.questionnaire_response(code, a, None, created),
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """The two databases the tracker store supports: an SQLite file and the local PostgreSQL."""
    if request.param == "sqlite":
        yield sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
        return
    from tests.support.databases import drop_tables, postgres_url

    url = postgres_url("heelcheck_test_records")
    drop_tables(url)
    engine = sa.create_engine(url)
    yield engine
    engine.dispose()


def test_the_store_lists_by_urgency_and_updates_in_place(engine):
    store = RecordStore(engine)
    store.upsert(record("AAA-AAA", FINDINGS, 100.0))
    store.upsert(record("BBB-BBB", {"red_flags": ["cold_pale_foot"]}, 200.0, sender="t"))
    assert [r.reference_code for r in store.between(0, 1000)] == ["BBB-BBB", "AAA-AAA"]
    store.upsert(record("AAA-AAA", {**FINDINGS, "duration_weeks": 10.0}, 300.0))
    updated = store.get("AAA-AAA")
    assert updated.triage_level == "consultation" and updated.created_at == 100.0
    assert store.between(150, 1000)[0].reference_code == "BBB-BBB"


def test_the_fhir_search_lists_by_last_update_newest_first_in_pages(engine):
    store = RecordStore(engine)
    for n, code in enumerate(["AAA-AAA", "BBB-BBB", "CCC-CCC", "DDD-DDD"]):
        store.upsert(record(code, FINDINGS, 100.0 + n))
    store.upsert(record("EEE-EEE", FINDINGS, 102.0))  # the same second as CCC-CCC
    store.upsert(record("AAA-AAA", {**FINDINGS, "duration_weeks": 10.0}, 500.0))  # corrected later
    assert [r.reference_code for r in store.newest()] == ["AAA-AAA", "DDD-DDD", "EEE-EEE", "CCC-CCC", "BBB-BBB"]
    pages, after = [], None
    while True:
        page = store.newest(limit=2, after=after)
        if not page:
            break
        pages.append([r.reference_code for r in page])
        after = (page[-1].updated_at, page[-1].reference_code)
    assert pages == [["AAA-AAA", "DDD-DDD"], ["EEE-EEE", "CCC-CCC"], ["BBB-BBB"]]
    assert [r.reference_code for r in store.newest([Window(101.0, 103.0)])] == ["EEE-EEE", "CCC-CCC", "BBB-BBB"]
    assert [r.reference_code for r in store.newest([Window(101.0, 103.0, inside=False)])] == ["AAA-AAA", "DDD-DDD"]
    assert [r.reference_code for r in store.newest([Window(102.0, None), Window(None, 200.0)])] == [
        "DDD-DDD",
        "EEE-EEE",
        "CCC-CCC",
    ]
    assert store.count([Window(102.0, None)]) == 4 and store.count(codes=set()) == 0
    assert [r.reference_code for r in store.newest(codes={"BBB-BBB", "ZZZ-ZZZ"})] == ["BBB-BBB"]


def test_every_questionnaire_a_record_answers_is_kept(engine):
    store = RecordStore(engine)
    store.upsert(record("AAA-AAA", FINDINGS, 100.0))
    assert store.questionnaires() == [questionnaire.current()]
    older = {**questionnaire.current(), "version": "older"}
    RecordStore(engine).publish(older)
    RecordStore(engine).publish(older)  # a version is kept once
    assert [q["version"] for q in store.questionnaires(url=questionnaire.URL)] == ["older", questionnaire.version()]
    assert store.questionnaires(version="older") == [older]
