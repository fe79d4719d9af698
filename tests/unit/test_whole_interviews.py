"""Whole interviews: next_question asked until it says None, answered from a
person's answers (clinical reference, section 4). An interview ends, never asks
twice, agrees with what full information would decide, and stays short.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heel.assessment import assess, next_question
from heel.findings import ALL_FINDINGS as FINDINGS
from tests.support.findings import full_answers

MAX_QUESTIONS = 12


def interview(answers, given_findings=None):
    """Ask next_question until it says None, answering from `answers`."""
    findings = dict(given_findings or {})
    asked = []
    while True:
        q = next_question(findings)
        if q is None:
            return findings, asked
        assert q not in findings, f"asked {q!r} again after {asked}"
        asked.append(q)
        assert len(asked) <= MAX_QUESTIONS, f"no end to the interview: {asked}"
        findings[q] = answers[q]


def _key(a):
    return None if a is None else (a.rule, a.triage_level, a.likely_condition, a.reasons, a.findings)


@settings(max_examples=500, database=None)
@given(answers=full_answers, data=st.data())
def test_simulated_interview_terminates_and_agrees(answers, data):
    known = data.draw(st.sets(st.sampled_from(FINDINGS)), label="known upfront")
    given_findings = {slot: answers[slot] for slot in known}
    findings, asked = interview(answers, given_findings)
    assert len(asked) <= MAX_QUESTIONS
    assert not set(asked) & known
    outcome = assess(findings)
    assert outcome is not None
    restricted = {slot: answers[slot] for slot in set(asked) | known}
    assert _key(outcome) == _key(assess(restricted))


@settings(max_examples=500, database=None)
@given(answers=full_answers)
def test_clean_screen_interview_matches_full_information(answers):
    """With no warning sign in the screen, asking only what is needed gives the
    same outcome as knowing every answer (little-toe weakness is never asked,
    only volunteered: here it was not)."""
    answers = {**answers, "red_flags": [], "little_toe_weakness": None}
    findings, _ = interview(answers)
    got, full = assess(findings), assess(answers)
    assert (got.rule, got.triage_level, got.likely_condition) == (full.rule, full.triage_level, full.likely_condition)


MCNE_ANSWERS = {
    "red_flags": [],
    "pain_location": "inner_heel",
    "pain_character": "burning",
    "numbness_area": "inner_heel",
    "first_step_pain": "no",
    "night_symptoms": "no",
    "tinel_sign": "yes",
    "worse_with_activity": "yes",
    "both_feet": "no",
    "back_pain": "no",
    "diabetes": "no",
    "recent_injury": "no",
    "training_increase": "no",
    "duration_weeks": 1.0,
    "flat_feet": "yes",
    "footwear": "poor",
}


def test_typical_mcne_interview_is_short():
    findings, asked = interview(MCNE_ANSWERS)
    assert asked[0] == "red_flags"
    assert len(asked) <= 10, asked
    a = assess(findings)
    assert (a.likely_condition, a.triage_level) == ("medial_calcaneal_nerve_entrapment", "self_care")
    # Supporting findings do not decide anything, so they are not asked.
    assert not {"night_symptoms", "tinel_sign", "flat_feet", "footwear", "first_step_pain"} & set(asked)


def test_typical_mcne_interview_with_pain_already_described():
    given_findings = {"pain_location": "inner_heel", "pain_character": "burning"}
    findings, asked = interview(MCNE_ANSWERS, given_findings)
    assert "pain_location" not in asked and "pain_character" not in asked
    assert len(asked) <= 8, asked
    assert assess(findings).likely_condition == "medial_calcaneal_nerve_entrapment"


@pytest.mark.parametrize(
    "screen, injury, expected",
    [
        pytest.param(["cannot_bear_weight"], "yes", "fracture", id="cannot bear weight, injured"),
        pytest.param(["deformity"], "yes", "fracture", id="deformity, injured"),
        pytest.param(["wound"], "yes", "diabetic_foot_ulcer", id="wound, diabetic"),
    ],
)
def test_screen_feature_needing_context_gets_that_context_asked(screen, injury, expected):
    """R5 needs an injury and R7 a diabetes answer: when the screen reports the
    feature, the interview must ask for the missing context before it ends
    (section 4: ask what is still needed to decide; section 7: no emergency missed)."""
    answers = {
        **MCNE_ANSWERS,
        "red_flags": screen,
        "recent_injury": injury,
        "diabetes": "yes" if expected == "diabetic_foot_ulcer" else "no",
    }
    findings, asked = interview(answers)
    assert assess(findings).likely_condition == expected, f"asked {asked}"
