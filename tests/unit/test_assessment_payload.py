"""payload(): the structured outcome sent to channels and the clinic."""

import json

import pytest

from heel import warning_signs
from heel.assessment import assess, payload
from heel.levels import LEVELS

REQUIRED_KEYS = {"triage_level", "likely_condition", "findings", "reasons", "disclaimer"}

MCNE = {
    "red_flags": [],
    "pain_location": "inner_heel",
    "pain_character": "burning",
    "numbness_area": "inner_heel",
    "both_feet": "no",
    "back_pain": "no",
    "duration_weeks": 1,
    "diabetes": "no",
    "tinel_sign": "yes",
    "footwear": "poor",
}

OUTCOMES = [
    pytest.param(MCNE, (), id="D5 self care"),
    pytest.param({**MCNE, "duration_weeks": 6}, (), id="D5 consultation"),
    pytest.param({**MCNE, "duration_weeks": "unknown"}, (), id="D5 unknown duration"),
    pytest.param({"red_flags": [], "both_feet": "yes", "numbness_area": "whole_foot"}, (), id="D1"),
    pytest.param({"red_flags": [], "both_feet": "no", "back_pain": "yes"}, (), id="D2"),
    pytest.param(
        {
            "red_flags": [],
            "pain_location": "back_of_heel",
            "pain_character": "sharp",
            "numbness_area": "none",
            "first_step_pain": "no",
            "both_feet": "no",
            "back_pain": "no",
            "training_increase": "no",
            "duration_weeks": 3,
        },
        (),
        id="D8",
    ),
    pytest.param({"red_flags": ["cold_pale_foot"]}, (), id="R1 from the screen"),
    pytest.param({"red_flags": ["wound", "fever"], "diabetes": "yes"}, (), id="R4 from the screen"),
    pytest.param({"pain_location": "inner_heel"}, ("foot_drop",), id="R9 mid-interview"),
]


def _payload(findings, features):
    a = assess(findings, features=features)
    assert a is not None
    return a, payload(a)


@pytest.mark.parametrize("findings, features", OUTCOMES)
def test_payload_shape(findings, features):
    a, p = _payload(findings, features)
    assert set(p) == {"assessment"}
    body = p["assessment"]
    assert set(body) >= REQUIRED_KEYS
    assert body["triage_level"] in LEVELS
    assert body["triage_level"] == a.triage_level
    assert body["likely_condition"] == a.likely_condition
    assert isinstance(body["reasons"], list) and body["reasons"]
    assert all(isinstance(r, str) and r.strip() for r in body["reasons"])
    assert isinstance(body["findings"], dict)
    json.dumps(p)  # it goes over the wire


@pytest.mark.parametrize("findings, features", OUTCOMES)
def test_disclaimer_says_it_is_not_a_diagnosis(findings, features):
    _, p = _payload(findings, features)
    text = p["assessment"]["disclaimer"].lower()
    assert "pre-screening" in text and "not a diagnosis" in text


@pytest.mark.parametrize("findings, features", OUTCOMES)
def test_findings_record_only_what_is_known(findings, features):
    _, p = _payload(findings, features)
    recorded = p["assessment"]["findings"]
    assert None not in recorded.values()
    assert set(recorded) <= {k for k, v in findings.items() if v is not None}


@pytest.mark.parametrize(
    "features, diabetes, injury, rule",
    [
        pytest.param(["cold_pale_foot"], None, None, "R1", id="R1"),
        pytest.param(["saddle_numbness"], None, None, "R2", id="R2"),
        pytest.param(["red_hot_swollen", "fever"], None, None, "R3", id="R3"),
        pytest.param(["wound", "fever"], "yes", None, "R4", id="R4"),
        pytest.param(["cannot_bear_weight"], None, "yes", "R5", id="R5"),
        pytest.param(["red_hot_swollen"], "yes", None, "R6", id="R6"),
        pytest.param(["wound"], "yes", None, "R7", id="R7"),
        pytest.param(["red_hot_swollen"], "no", None, "R8", id="R8"),
        pytest.param(["foot_drop"], None, None, "R9", id="R9"),
    ],
)
def test_warning_sign_outcome_carries_the_reason(features, diabetes, injury, rule):
    a, p = _payload({"red_flags": features, "diabetes": diabetes, "recent_injury": injury}, ())
    sign = next(r for r in warning_signs.RULES if r.rule == rule)
    body = p["assessment"]
    assert (body["triage_level"], body["likely_condition"]) == (sign.level, sign.condition)
    assert body.get("rule", rule) == rule
    assert any(r.startswith("Warning sign") and sign.summary in r for r in body["reasons"])
    assert body["findings"]["red_flags"] == features


def test_differential_outcome_reasons_explain_the_pattern_and_duration():
    _, p = _payload(MCNE, ())
    reasons = " ".join(p["assessment"]["reasons"]).lower()
    assert "medial calcaneal nerve" in reasons
    assert "inner side of the heel" in reasons  # what the person told us
    assert "tinel" in reasons  # supporting finding
    assert "home care" in reasons  # why self care


def test_unknown_duration_reason_says_why_a_clinician_should_see_it():
    _, p = _payload({**MCNE, "duration_weeks": "unknown"}, ())
    assert p["assessment"]["triage_level"] == "consultation"
    assert any("not clear how long" in r for r in p["assessment"]["reasons"])


def test_long_duration_reason_mentions_more_than_two_weeks():
    _, p = _payload({**MCNE, "duration_weeks": 6}, ())
    assert any("more than 2 weeks" in r for r in p["assessment"]["reasons"])
