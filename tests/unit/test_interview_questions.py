"""next_question: which finding the interview still needs (clinical reference, section 4).

The warning-sign screen comes first; the interview never asks what it already
knows, asks only what is still needed, and stops once the outcome is decided.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heel import warning_signs
from heel.assessment import assess, next_question
from heel.findings import ALL_FINDINGS as FINDINGS
from heel.findings import VALUES
from heel.warning_signs import missing_context

MAX_QUESTIONS = 12

# --- strategies ---------------------------------------------------------------

durations = st.one_of(
    st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.5, 1.0, 2.0, 2.5, 3.0, 8.0, 13.0]),  # the thresholds and either side
    st.just("unknown"),
)
# The screen answer: nothing, or a few of the features the screen can report.
screens = st.one_of(
    st.just([]),
    st.lists(st.sampled_from(sorted(warning_signs.FEATURES)), max_size=3, unique=True),
)


def _strategy(slot):
    if slot == "red_flags":
        return screens
    if slot == "duration_weeks":
        return durations
    return st.sampled_from(VALUES[slot])


full_answers = st.fixed_dictionaries({slot: _strategy(slot) for slot in FINDINGS})
partial_findings = st.fixed_dictionaries({}, optional={slot: _strategy(slot) for slot in FINDINGS})


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


# --- whole interviews -------------------------------------------------------------


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


def test_the_safety_check_has_a_button_for_every_sign_it_lists_and_each_matches_its_rule():
    import json

    from heel import warning_signs
    from heel.questions import QUESTIONS

    question = QUESTIONS["red_flags"]
    listed = [line for line in question.text.splitlines() if line.startswith("- ")]
    sign_buttons = [payload for _, payload in question.buttons if payload != "/deny"]
    assert len(sign_buttons) == len(listed)
    rules = []
    for payload in sign_buttons:
        entities = json.loads(payload[len("/inform") :])
        features = (
            entities["warning_sign"] if isinstance(entities["warning_sign"], list) else [entities["warning_sign"]]
        )
        sign = warning_signs.match(features, entities.get("diabetes"), entities.get("recent_injury"))
        rules.append(sign.rule if sign else None)
    assert rules == ["R1", "R2", "R3", "R4", "R7", "R5", "R9"]
