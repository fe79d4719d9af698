"""Every outcome the clinical core can give becomes a QuestionnaireResponse that is valid R4
and conforms to the published Questionnaire, in standard codes; the checker catches what does not."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic import fhir, questionnaire
from clinic.fhir_check import response_problems, structural_problems
from clinic.terminology import ASKED_UNKNOWN, CONDITION_SNOMED, DATA_ABSENT_REASON, SNOMED_CT, UCUM, URGENCY_DISPLAY
from heel import warning_signs
from heel.assessment import assess
from heel.findings import ALL_FINDINGS, VALUES

SELF_CARE = {
    "red_flags": [],
    "pain_location": "inner_heel",
    "pain_character": "burning",
    "numbness_area": "none",
    "both_feet": "no",
    "back_pain": "no",
    "duration_weeks": 1.43,
    "diabetes": "no",
}


def response_for(findings, features=()):
    assessment = assess(findings, features)
    assert assessment is not None, findings
    return fhir.questionnaire_response("HX4-K9P", assessment, started=1000.0, finished=1060.0)


def conforms(resource):
    problems = structural_problems(resource) + response_problems(resource, questionnaire.current())
    assert problems == [], problems
    return {item["linkId"]: item["answer"] for item in resource["item"]}


# --- every outcome ---------------------------------------------------------------------


@pytest.mark.parametrize("rule", sorted(warning_signs.CONFIRMED))
def test_every_warning_sign_conforms_with_its_snomed_code_where_one_exists(rule):
    features, context = warning_signs.confirmed(rule)
    answers = conforms(response_for({"red_flags": sorted(features), **context}))
    sign = warning_signs.BY_RULE[rule]
    assert answers["red_flags"] == [{"valueBoolean": True}]
    assert {a["valueCoding"]["code"] for a in answers["warning_signs"]} == features
    assert answers["likely_condition"][0]["valueCoding"]["code"] == sign.condition
    assert answers["rule"][0]["valueCoding"]["code"] == rule
    if sign.condition in CONDITION_SNOMED:
        snomed = answers["likely_condition_snomed"][0]["valueCoding"]
        assert (snomed["system"], snomed["code"]) == (SNOMED_CT, CONDITION_SNOMED[sign.condition].code)
    else:
        assert "likely_condition_snomed" not in answers


def test_an_escalation_from_the_first_message_has_no_screen_answer_and_still_conforms():
    answers = conforms(response_for({"pain_location": "inner_heel"}, features=["cold_pale_foot"]))
    assert "red_flags" not in answers and "warning_signs" not in answers
    assert answers["triage_level"][0]["valueCoding"]["code"] == "emergency_ambulance"


durations = st.one_of(st.floats(min_value=0, max_value=200, allow_nan=False), st.just("unknown"))
findings = st.fixed_dictionaries(
    {},
    optional={
        name: (
            st.lists(st.sampled_from(sorted(warning_signs.FEATURES)), max_size=3, unique=True)
            if name == "red_flags"
            else durations
            if name == "duration_weeks"
            else st.sampled_from(VALUES[name])
        )
        for name in ALL_FINDINGS
    },
)


@settings(max_examples=300, database=None, deadline=None)
@given(findings)
def test_any_decided_outcome_conforms_to_the_questionnaire(given_findings):
    assessment = assess(given_findings)
    if assessment is not None:
        conforms(fhir.questionnaire_response("HX4-K9P", assessment, None, 1060.0))


# --- standard codes ------------------------------------------------------------------


def test_yes_no_is_boolean_durations_are_ucum_weeks_and_dont_know_is_asked_unknown():
    answers = conforms(
        response_for({**SELF_CARE, "diabetes": "unknown", "night_symptoms": "yes", "pain_character": "burning"})
    )
    assert answers["back_pain"] == [{"valueBoolean": False}]
    assert answers["night_symptoms"] == [{"valueBoolean": True}]
    assert answers["duration_weeks"] == [{"valueQuantity": {"value": 1.43, "system": UCUM, "code": "wk", "unit": "wk"}}]
    assert answers["diabetes"] == [
        {"_valueBoolean": {"extension": [{"url": DATA_ABSENT_REASON, "valueCode": ASKED_UNKNOWN}]}}
    ]
    assert answers["red_flags"] == [{"valueBoolean": False}] and "warning_signs" not in answers


def test_unknown_coded_and_duration_answers_are_asked_unknown_too():
    answers = conforms(
        response_for({**SELF_CARE, "pain_location": "unknown", "duration_weeks": "unknown", "numbness_area": "unknown"})
    )
    assert answers["pain_location"][0]["valueCoding"]["code"] == ASKED_UNKNOWN
    assert answers["duration_weeks"][0]["valueQuantity"]["extension"][0]["valueCode"] == ASKED_UNKNOWN


def test_the_urgency_keeps_its_triage_code_with_a_clinicians_display():
    answers = conforms(response_for(SELF_CARE))
    urgency = answers["triage_level"][0]["valueCoding"]
    assert urgency["code"] == "self_care" and urgency["display"] == URGENCY_DISPLAY["self_care"]


def test_a_condition_with_a_snomed_code_carries_it_beside_the_projects_code():
    answers = conforms(response_for({**SELF_CARE, "numbness_area": "sole_toes"}))
    assert answers["likely_condition"][0]["valueCoding"]["code"] == "tarsal_tunnel_syndrome"
    assert answers["likely_condition_snomed"] == [
        {"valueCoding": {"system": SNOMED_CT, "code": "47374004", "display": "Tarsal tunnel syndrome"}}
    ]


def test_the_response_points_at_the_published_questionnaire_and_keeps_its_times():
    resource = response_for(SELF_CARE)
    assert resource["questionnaire"] == questionnaire.canonical()
    assert resource["id"] == "hx4k9p" and resource["identifier"]["value"] == "HX4-K9P"
    assert resource["authored"] == resource["meta"]["lastUpdated"] == "1970-01-01T00:17:40+00:00"
    assert resource["extension"][0]["valueDateTime"] == "1970-01-01T00:16:40+00:00"


# --- the checker catches what does not conform ----------------------------------------------


def _mutate(resource, link_id, change):
    item = next(i for i in resource["item"] if i["linkId"] == link_id)
    change(item)


MUTATIONS = {
    "an unknown linkId": (
        lambda r: r["item"].append({"linkId": "favourite_colour", "answer": [{"valueString": "red"}]}),
        "no item with this linkId",
    ),
    "a string for a yes/no": (
        lambda r: _mutate(r, "back_pain", lambda i: i.update(answer=[{"valueString": "no"}])),
        "takes valueBoolean",
    ),
    "a code that is no option": (
        lambda r: _mutate(r, "pain_location", lambda i: i["answer"][0]["valueCoding"].update(code="ankle")),
        "not one of the item's answer options",
    ),
    "a duration in days": (
        lambda r: _mutate(r, "duration_weeks", lambda i: i["answer"][0]["valueQuantity"].update(code="d")),
        "not one of the item's units",
    ),
    "two answers to one question": (
        lambda r: _mutate(r, "back_pain", lambda i: i["answer"].append({"valueBoolean": True})),
        "does not repeat",
    ),
    "a required item missing": (
        lambda r: r.update(item=[i for i in r["item"] if i["linkId"] != "triage_level"]),
        "required, but not answered",
    ),
    "signs after no to the screen": (
        lambda r: r["item"].insert(
            1,
            {
                "linkId": "warning_signs",
                "answer": [{"valueCoding": {"system": "urn:heelcheck:red_flags", "code": "fever"}}],
            },
        ),
        "enableWhen does not hold",
    ),
    "another version": (lambda r: r.update(questionnaire=questionnaire.URL + "|0"), "answers"),
    "a changed text": (lambda r: _mutate(r, "diabetes", lambda i: i.update(text="Sugar?")), "text differs"),
    "a changed display": (
        lambda r: _mutate(r, "triage_level", lambda i: i["answer"][0]["valueCoding"].update(display="whatever")),
        "differs from the option's",
    ),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_the_checker_names_what_does_not_conform(mutation):
    change, expected = MUTATIONS[mutation]
    resource = copy.deepcopy(response_for(SELF_CARE))
    change(resource)
    problems = response_problems(resource, questionnaire.current())
    assert any(expected in p for p in problems), problems


def test_the_r4_models_catch_structural_errors():
    two_values = response_for(SELF_CARE)
    two_values["item"][0]["answer"] = [{"valueBoolean": True, "valueString": "yes"}]
    assert any("answer" in p for p in structural_problems(two_values))
    no_status = response_for(SELF_CARE)
    del no_status["status"]
    assert any("status" in p for p in structural_problems(no_status))
    assert structural_problems({"resourceType": "NoSuchThing"}) and structural_problems({})
