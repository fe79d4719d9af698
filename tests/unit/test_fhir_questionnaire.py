"""The published Questionnaire: generated from the clinical core, valid R4, versioned by its content."""

import pytest

from clinic import questionnaire
from clinic.fhir_check import structural_problems
from clinic.terminology import ASKED_UNKNOWN_CODING, CONDITION_SNOMED, SNOMED_CT, UCUM
from heel.advice import CONDITION_NAMES
from heel.differential import PATTERNS
from heel.findings import ALL_FINDINGS, UNKNOWN, VALUES
from heel.levels import LEVELS
from heel.questions import QUESTIONS, WHICH_SIGN
from heel.warning_signs import FEATURES, RULES


@pytest.fixture
def items():
    return {item["linkId"]: item for item in questionnaire.current()["item"]}


def test_it_is_a_valid_r4_questionnaire_whose_id_ends_its_url():
    resource = questionnaire.current()
    assert structural_problems(resource) == []
    assert resource["url"].rsplit("/", 1)[-1] == resource["id"] == questionnaire.QUESTIONNAIRE_ID
    assert resource["url"].split("/")[-2] == "Questionnaire"
    assert questionnaire.canonical() == f"{resource['url']}|{resource['version']}"


def test_every_finding_is_an_item_in_the_clinical_cores_order_worded_as_the_interview_asks(items):
    findings = [link_id for link_id in items if link_id in ALL_FINDINGS]
    assert findings == list(ALL_FINDINGS)
    for name in ALL_FINDINGS:
        if name in QUESTIONS:
            assert items[name]["text"].startswith(QUESTIONS[name].text), name
    assert items["warning_signs"]["text"] == WHICH_SIGN


def test_each_item_has_the_type_of_its_finding(items):
    assert items["red_flags"]["type"] == "boolean"
    assert items["duration_weeks"]["type"] == "quantity"
    unit = items["duration_weeks"]["extension"][0]["valueCoding"]
    assert (unit["system"], unit["code"]) == (UCUM, "wk")
    for name, values in VALUES.items():
        item = items[name]
        if set(values) == {"yes", "no", UNKNOWN}:
            assert item["type"] == "boolean", name
            continue
        assert item["type"] == "choice", name
        codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
        assert codes == [v for v in values if v != UNKNOWN] + [ASKED_UNKNOWN_CODING["code"]], name


def test_which_sign_is_asked_only_after_a_yes_to_the_safety_check(items):
    which = items["warning_signs"]
    assert which["enableWhen"] == [{"question": "red_flags", "operator": "=", "answerBoolean": True}]
    assert which["repeats"] and [o["valueCoding"]["code"] for o in which["answerOption"]] == list(FEATURES)


def test_findings_never_asked_are_hidden_and_the_outcome_is_read_only(items):
    hidden = {
        link_id
        for link_id, item in items.items()
        if any(e["url"].endswith("questionnaire-hidden") for e in item.get("extension", ()))
    }
    assert hidden == set(ALL_FINDINGS) - questionnaire.ASKED
    assert {"night_symptoms", "tinel_sign", "little_toe_weakness"} <= hidden
    for link_id in questionnaire.OUTCOME:
        assert items[link_id]["readOnly"] is True
    assert not any(items[name].get("readOnly") for name in ALL_FINDINGS)


def test_the_outcome_lists_every_level_condition_and_rule_of_the_clinical_core(items):
    assert [o["valueCoding"]["code"] for o in items["triage_level"]["answerOption"]] == list(LEVELS)
    conditions = [o["valueCoding"]["code"] for o in items["likely_condition"]["answerOption"]]
    assert conditions == list(CONDITION_NAMES)
    assert {p.condition for p in PATTERNS} | {s.condition for s in RULES} <= set(conditions)
    rules = [o["valueCoding"]["code"] for o in items["rule"]["answerOption"]]
    assert rules == [s.rule for s in RULES] + [p.rule for p in PATTERNS]


def test_the_snomed_item_exists_exactly_for_the_conditions_that_have_a_code(items):
    snomed = items["likely_condition_snomed"]
    assert snomed["enableBehavior"] == "any"
    assert {c["answerCoding"]["code"] for c in snomed["enableWhen"]} == set(CONDITION_SNOMED)
    assert {o["valueCoding"]["system"] for o in snomed["answerOption"]} == {SNOMED_CT}
    assert [o["valueCoding"]["code"] for o in snomed["answerOption"]] == [
        CONDITION_SNOMED[c].code for c in CONDITION_NAMES if c in CONDITION_SNOMED
    ]


def test_the_same_clinical_core_gives_the_same_version():
    assert questionnaire.version_of(questionnaire.items()) == questionnaire.version()
    assert questionnaire.version_of(questionnaire.items()) == questionnaire.version_of(questionnaire.items())


@pytest.mark.parametrize("change", ["a new value", "a reworded question", "a new warning sign", "a new finding"])
def test_a_change_to_the_findings_or_their_wording_changes_the_version(monkeypatch, change):
    before = questionnaire.version_of(questionnaire.items())
    if change == "a new value":
        monkeypatch.setitem(VALUES, "pain_location", VALUES["pain_location"] + ("ankle",))
    elif change == "a reworded question":
        monkeypatch.setitem(
            QUESTIONS,
            "diabetes",
            QUESTIONS["diabetes"].__class__(
                "Have you ever been told you have diabetes?",
                QUESTIONS["diabetes"].explanation,
                QUESTIONS["diabetes"].buttons,
            ),
        )
    elif change == "a new warning sign":
        monkeypatch.setitem(FEATURES, "gangrene", "gangrene")
    else:
        monkeypatch.setattr(questionnaire, "ALL_FINDINGS", ALL_FINDINGS + ("morning_stiffness",))
        monkeypatch.setitem(VALUES, "morning_stiffness", ("yes", "no", UNKNOWN))
        monkeypatch.setitem(QUESTIONS, "morning_stiffness", QUESTIONS["diabetes"].__class__("Stiff?", "", ()))
    assert questionnaire.version_of(questionnaire.items()) != before
