"""Warning signs R1-R9 (clinical reference, section 2).

Each row: the features the person reported, the diabetes and recent-injury
findings, and the expected (rule, level, likely_condition), or None when no
warning sign applies.
"""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heel import warning_signs
from heel.assessment import assess, next_question
from heel.levels import LEVELS, rank
from heel.questions import QUESTIONS

R1 = ("R1", "emergency_ambulance", "acute_limb_ischaemia")
R2 = ("R2", "emergency_ambulance", "cauda_equina_syndrome")
R3 = ("R3", "emergency", "cellulitis")
R4 = ("R4", "emergency", "diabetic_foot_infection")
R5 = ("R5", "emergency", "fracture")
R6 = ("R6", "consultation_24", "charcot_foot")
R7 = ("R7", "consultation_24", "diabetic_foot_ulcer")
R8 = ("R8", "consultation_24", "cellulitis")
R9 = ("R9", "consultation_24", "foot_drop")


def row(id, features, expected, diabetes=None, injury=None):
    return pytest.param(tuple(features), diabetes, injury, expected, id=id)


POSITIVE = [
    # R1 acute limb ischaemia
    row("R1 cold pale foot", ["cold_pale_foot"], R1),
    row("R1 cold pale foot with diabetes", ["cold_pale_foot"], R1, diabetes="yes"),
    # R2 cauda equina
    row("R2 saddle numbness", ["saddle_numbness"], R2),
    row("R2 new bladder or bowel loss", ["bladder_bowel_loss"], R2),
    # R3 cellulitis with fever
    row("R3 red hot swollen + fever", ["red_hot_swollen", "fever"], R3),
    row("R3 spreading redness + fever", ["spreading_redness", "fever"], R3),
    row("R3 red hot swollen + fever, no diabetes", ["red_hot_swollen", "fever"], R3, diabetes="no"),
    row("R3 red hot swollen + fever, with diabetes", ["red_hot_swollen", "fever"], R3, diabetes="yes"),
    # R4 diabetic foot infection
    row("R4 diabetes + wound + fever", ["wound", "fever"], R4, diabetes="yes"),
    row("R4 diabetes + wound + spreading redness", ["wound", "spreading_redness"], R4, diabetes="yes"),
    row("R4 diabetes + wound + black skin", ["wound", "black_skin"], R4, diabetes="yes"),
    # R5 fracture (Ottawa)
    row("R5 injury + cannot bear weight", ["cannot_bear_weight"], R5, injury="yes"),
    row("R5 injury + deformity", ["deformity"], R5, injury="yes"),
    row("R5 injury + heard a snap", ["heard_snap"], R5, injury="yes"),
    row("R5 injury reported as a feature + cannot bear weight", ["injury", "cannot_bear_weight"], R5),
    # R6 Charcot foot
    row("R6 diabetes + red hot swollen, no fever", ["red_hot_swollen"], R6, diabetes="yes"),
    # R7 diabetic foot ulcer
    row("R7 diabetes + wound, no fever", ["wound"], R7, diabetes="yes"),
    row("R7 diabetes + colour change, no fever", ["colour_change"], R7, diabetes="yes"),
    # R8 cellulitis without fever
    row("R8 red hot swollen, no fever, no diabetes", ["red_hot_swollen"], R8, diabetes="no"),
    row("R8 spreading redness, no fever, no diabetes", ["spreading_redness"], R8, diabetes="no"),
    # R9 foot drop
    row("R9 foot drop", ["foot_drop"], R9),
    row("R9 foot drop with diabetes", ["foot_drop"], R9, diabetes="yes"),
    # "I don't know" to diabetes or an injury is taken cautiously (section 2a)
    row("wound, diabetes unknown", ["wound"], R7, diabetes="unknown"),
    row("wound + fever, diabetes unknown", ["wound", "fever"], R4, diabetes="unknown"),
    row("cannot bear weight, injury unknown", ["cannot_bear_weight"], R5, injury="unknown"),
    row("colour change + fever with diabetes", ["colour_change", "fever"], R4, diabetes="yes"),
]

NEGATIVE = [
    row("nothing reported", [], None),
    row("injury alone (finding)", [], None, injury="yes"),
    row("injury alone (feature)", ["injury"], None),
    row("cannot bear weight without injury", ["cannot_bear_weight"], None, injury="no"),
    row("cannot bear weight, injury not known", ["cannot_bear_weight"], None),
    row("deformity without injury", ["deformity"], None, injury="no"),
    row("snap without injury", ["heard_snap"], None, injury="no"),
    row("fever alone", ["fever"], None),
    row("fever alone with diabetes", ["fever"], None, diabetes="yes"),
    row("diabetes alone", [], None, diabetes="yes"),
    row("wound without diabetes", ["wound"], None, diabetes="no"),
    row("wound + fever without diabetes", ["wound", "fever"], None, diabetes="no"),
    row("colour change without diabetes", ["colour_change"], None, diabetes="no"),
    row("black skin without diabetes", ["black_skin"], None, diabetes="no"),
    row("screen answered 'none'", ["none"], None),
]

# Several rules match: the most urgent one wins.
PRECEDENCE = [
    row("cold pale foot + R8 features -> R1", ["cold_pale_foot", "red_hot_swollen"], R1, diabetes="no"),
    row("cold pale foot + R4 features -> R1", ["cold_pale_foot", "wound", "fever"], R1, diabetes="yes"),
    row("cold pale foot + foot drop -> R1", ["cold_pale_foot", "foot_drop"], R1),
    row("saddle numbness + R3 features -> R2", ["saddle_numbness", "red_hot_swollen", "fever"], R2),
    row("bladder loss + R5 features -> R2", ["bladder_bowel_loss", "cannot_bear_weight"], R2, injury="yes"),
    row("R3 beats R6: diabetes + red hot swollen + fever", ["red_hot_swollen", "fever"], R3, diabetes="yes"),
    row(
        "R4 beats R6 and R7: diabetes + wound + black skin + red hot swollen",
        ["wound", "black_skin", "red_hot_swollen"],
        R4,
        diabetes="yes",
    ),
    row("R4 beats R7: diabetes + wound + spreading redness", ["wound", "spreading_redness"], R4, diabetes="yes"),
    row("R5 beats R9: injury + cannot bear weight + foot drop", ["cannot_bear_weight", "foot_drop"], R5, injury="yes"),
    row(
        "R5 beats R8: injury + deformity + red hot swollen",
        ["deformity", "red_hot_swollen"],
        R5,
        diabetes="no",
        injury="yes",
    ),
    row("R3 beats R9: red hot swollen + fever + foot drop", ["red_hot_swollen", "fever", "foot_drop"], R3),
    row("R6 not R8 when diabetes", ["red_hot_swollen"], R6, diabetes="yes"),
]

# Several rules of the same level match: the level is that level.
SAME_LEVEL = [
    pytest.param(
        ("cold_pale_foot", "saddle_numbness"),
        None,
        None,
        "emergency_ambulance",
        {"R1", "R2"},
        id="R1 + R2 -> emergency_ambulance",
    ),
    pytest.param(
        ("red_hot_swollen", "fever", "cannot_bear_weight"),
        None,
        "yes",
        "emergency",
        {"R3", "R5"},
        id="R3 + R5 -> emergency",
    ),
    pytest.param(
        ("wound", "fever", "red_hot_swollen"), "yes", None, "emergency", {"R3", "R4"}, id="R3 + R4 -> emergency"
    ),
    pytest.param(
        ("red_hot_swollen", "foot_drop"), "no", None, "consultation_24", {"R8", "R9"}, id="R8 + R9 -> consultation_24"
    ),
    pytest.param(
        ("red_hot_swollen", "wound"), "yes", None, "consultation_24", {"R6", "R7"}, id="R6 + R7 -> consultation_24"
    ),
]


def _as_triple(sign):
    return None if sign is None else (sign.rule, sign.level, sign.condition)


@pytest.mark.parametrize("features, diabetes, injury, expected", POSITIVE + NEGATIVE + PRECEDENCE)
def test_match(features, diabetes, injury, expected):
    assert _as_triple(warning_signs.match(features, diabetes, injury)) == expected


@pytest.mark.parametrize("features, diabetes, injury, expected", POSITIVE + PRECEDENCE)
def test_assess_reports_the_warning_sign(features, diabetes, injury, expected):
    """Through assess(): the screen answer plus the diabetes/injury findings."""
    findings = {"red_flags": list(features), "diabetes": diabetes, "recent_injury": injury}
    a = assess(findings)
    assert a is not None
    assert (a.rule, a.triage_level, a.likely_condition) == expected
    assert a.is_warning_sign


@pytest.mark.parametrize("features, diabetes, injury, expected", NEGATIVE)
def test_assess_without_warning_sign(features, diabetes, injury, expected):
    findings = {"red_flags": list(features), "diabetes": diabetes, "recent_injury": injury}
    a = assess(findings)
    assert a is None or not a.is_warning_sign


@pytest.mark.parametrize("features, diabetes, injury, level, rules", SAME_LEVEL)
def test_same_level_ties(features, diabetes, injury, level, rules):
    sign = warning_signs.match(features, diabetes, injury)
    assert sign is not None
    assert sign.level == level
    assert sign.rule in rules


@pytest.mark.parametrize("features, diabetes, injury, expected", POSITIVE)
def test_warning_sign_ends_the_interview(features, diabetes, injury, expected):
    """Acted on at once: no further question once the screen shows a warning sign."""
    findings = {"red_flags": list(features), "diabetes": diabetes, "recent_injury": injury}
    assert next_question(findings) is None


@pytest.mark.parametrize(
    "features, expected",
    [
        pytest.param(("cold_pale_foot",), R1, id="R1 mid-interview"),
        pytest.param(("saddle_numbness",), R2, id="R2 mid-interview"),
        pytest.param(("red_hot_swollen", "fever"), R3, id="R3 mid-interview"),
        pytest.param(("foot_drop",), R9, id="R9 mid-interview"),
    ],
)
def test_warning_sign_mentioned_mid_interview(features, expected):
    """A sign mentioned outside the screen question acts at once, before the screen
    is answered and whatever else is still missing."""
    partial = {"pain_location": "inner_heel", "pain_character": "burning"}
    a = assess(partial, features=features)
    assert a is not None
    assert (a.rule, a.triage_level, a.likely_condition) == expected


def test_warning_sign_overrides_a_decided_differential():
    mcne = {
        "red_flags": [],
        "pain_location": "inner_heel",
        "pain_character": "burning",
        "numbness_area": "inner_heel",
        "both_feet": "no",
        "back_pain": "no",
        "training_increase": "no",
        "duration_weeks": 1,
        "diabetes": "no",
    }
    assert assess(mcne).likely_condition == "medial_calcaneal_nerve_entrapment"
    a = assess(mcne, features=["foot_drop"])
    assert (a.rule, a.triage_level, a.likely_condition) == R9


def test_warning_sign_combines_with_findings_given_later():
    """A wound reported in the screen becomes R7 once diabetes is known."""
    assert warning_signs.match(["wound"]) is None
    a = assess({"red_flags": ["wound"], "diabetes": "yes"})
    assert (a.rule, a.triage_level, a.likely_condition) == R7


def test_rules_are_listed_most_urgent_first():
    ranks = [rank(r.level) for r in warning_signs.RULES]
    assert ranks == sorted(ranks)
    # the reference's R1-R9 in order, and 2a (a sign that could not be named) after the emergency ones
    assert [r.rule for r in warning_signs.RULES] == [
        *(f"R{i}" for i in range(1, 6)),
        "2a",
        *(f"R{i}" for i in range(6, 10)),
    ]
    assert {r.level for r in warning_signs.RULES} <= set(LEVELS)


@settings(database=None)
@given(
    features=st.sets(st.sampled_from(sorted(warning_signs.FEATURES))),
    diabetes=st.sampled_from([None, "yes", "no", "unknown"]),
    injury=st.sampled_from([None, "yes", "no", "unknown"]),
)
def test_most_urgent_matching_rule_wins(features, diabetes, injury):
    ctx = warning_signs.features_with_context(features, diabetes, injury)
    matching = [r for r in warning_signs.RULES if r.test(ctx)]
    sign = warning_signs.match(features, diabetes, injury)
    if not matching:
        assert sign is None
    else:
        assert sign is not None
        assert rank(sign.level) == min(rank(r.level) for r in matching)


def test_the_safety_check_has_a_button_for_every_sign_it_lists_and_each_matches_its_rule():
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
