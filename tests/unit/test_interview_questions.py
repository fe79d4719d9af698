"""next_question: which finding the interview still needs (clinical reference, section 4).

The warning-sign screen comes first; the interview never asks what it already
knows, asks only what is still needed, and stops once the outcome is decided.
"""

import pytest
from hypothesis import given, settings

from heel.assessment import assess, next_question
from heel.findings import ALL_FINDINGS as FINDINGS
from heel.warning_signs import missing_context
from tests.support.findings import partial_findings

# --- the screen comes first -----------------------------------------------------


@pytest.mark.parametrize(
    "findings",
    [
        pytest.param({}, id="nothing known"),
        pytest.param({"pain_location": "inner_heel", "pain_character": "burning"}, id="pain described"),
        pytest.param(
            {
                "pain_location": "inner_heel",
                "pain_character": "burning",
                "numbness_area": "inner_heel",
                "both_feet": "no",
                "back_pain": "no",
                "duration_weeks": 1,
                "diabetes": "no",
            },
            id="everything but the screen",
        ),
        pytest.param({"diabetes": "yes", "recent_injury": "yes"}, id="context only"),
        pytest.param({"red_flags": None}, id="screen explicitly unset"),
    ],
)
def test_red_flags_is_asked_first(findings):
    assert next_question(findings) == "red_flags"


@settings(database=None)
@given(partial_findings)
def test_red_flags_is_asked_whenever_unanswered(findings):
    findings.pop("red_flags", None)
    assert next_question(findings) == "red_flags"


# --- asks only what is needed, never twice ---------------------------------------


@pytest.mark.parametrize(
    "findings, expected",
    [
        pytest.param({"red_flags": []}, {"pain_character"}, id="after the screen"),
        pytest.param(
            {"red_flags": [], "pain_character": "burning"}, {"numbness_area", "both_feet"}, id="burning: D1 still open"
        ),
        pytest.param(
            {"red_flags": [], "pain_character": "burning", "numbness_area": "none"},
            {"both_feet"},
            id="burning, no numbness: D1 needs both_feet",
        ),
        pytest.param(
            {"red_flags": [], "pain_character": "burning", "both_feet": "no"},
            {"back_pain"},
            id="D1 ruled out: D2 needs back_pain",
        ),
        pytest.param(
            {"red_flags": [], "pain_character": "burning", "both_feet": "no", "back_pain": "no"},
            {"pain_location", "numbness_area"},
            id="D3 ruled out by burning: D4 still open",
        ),
        pytest.param(
            {
                "red_flags": [],
                "pain_character": "aching",
                "numbness_area": "none",
                "both_feet": "no",
                "back_pain": "no",
            },
            {"training_increase"},
            id="deep ache: D3 needs training_increase",
        ),
        pytest.param(
            {
                "red_flags": [],
                "pain_location": "inner_heel",
                "pain_character": "burning",
                "numbness_area": "inner_heel",
                "both_feet": "no",
                "back_pain": "no",
            },
            {"duration_weeks"},
            id="D5 fits: its level needs duration",
        ),
    ],
)
def test_next_needed_question(findings, expected):
    assert next_question(findings) in expected


@pytest.mark.parametrize(
    "findings",
    [
        pytest.param(
            {"red_flags": [], "both_feet": "yes", "pain_character": "burning", "diabetes": "yes"}, id="D1 decided"
        ),
        pytest.param({"red_flags": [], "both_feet": "no", "back_pain": "yes", "diabetes": "no"}, id="D2 decided"),
        pytest.param(
            {
                "red_flags": [],
                "pain_location": "inner_heel",
                "pain_character": "burning",
                "numbness_area": "inner_heel",
                "both_feet": "no",
                "back_pain": "no",
                "duration_weeks": 1,
                "diabetes": "no",
            },
            id="D5 decided",
        ),
        pytest.param({"red_flags": ["cold_pale_foot"]}, id="R1 in the screen"),
        pytest.param({"red_flags": ["wound"], "diabetes": "yes"}, id="R7 in the screen"),
    ],
)
def test_no_question_once_decided(findings):
    assert assess(findings) is not None
    assert next_question(findings) is None


def test_diabetes_is_asked_after_a_decided_differential_if_unknown():
    """Diabetes changes the advice on ice and heat (section 5) and the warning
    signs R4/R6/R7; it is the one question asked after the differential decides."""
    findings = {"red_flags": [], "both_feet": "no", "back_pain": "yes"}
    assert assess(findings).likely_condition == "lumbar_radiculopathy"
    assert next_question(findings) == "diabetes"
    assert next_question({**findings, "diabetes": "unknown"}) is None


@settings(max_examples=500, database=None)
@given(partial_findings)
def test_question_is_never_one_already_answered(findings):
    q = next_question(findings)
    assert q is None or q not in findings
    assert q is None or q in FINDINGS


@settings(max_examples=500, database=None)
@given(partial_findings)
def test_no_question_means_an_outcome(findings):
    if next_question(findings) is None:
        assert assess(findings) is not None


@settings(max_examples=500, database=None)
@given(partial_findings)
def test_once_decided_only_safety_context_may_still_be_asked(findings):
    """After a decision, only diabetes (for safe advice) or the finding that would
    turn a reported feature into a warning sign (e.g. an injury after a snap)."""
    if assess(findings) is not None:
        question = next_question(findings)
        context = missing_context(
            findings.get("red_flags") or [], findings.get("diabetes"), findings.get("recent_injury")
        )
        assert question in (None, "diabetes", context)
