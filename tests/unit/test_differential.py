"""Telling the heel conditions apart, D1-D8 (clinical reference, section 3).

Over 300 lines: tables of test cases, a finding set per row, and the few tests that run them.

Each row is a complete finding set (every slot answered, no warning sign):
a neutral base that fits none of D1-D7, with the row's findings on top.
"""

import pytest

from heel.assessment import assess
from heel.findings import normalise

# Fits none of D1-D7: back of the heel, sharp, no numbness, no first-step pain, 1 week.
NEUTRAL = {
    "red_flags": [],
    "pain_location": "back_of_heel",
    "pain_character": "sharp",
    "numbness_area": "none",
    "first_step_pain": "no",
    "night_symptoms": "no",
    "tinel_sign": "no",
    "worse_with_activity": "no",
    "both_feet": "no",
    "back_pain": "no",
    "diabetes": "no",
    "recent_injury": "no",
    "training_increase": "no",
    "duration_weeks": 1.0,
    "flat_feet": "no",
    "footwear": "good",
    "severe_pain": "no",
    "little_toe_weakness": "no",
}

MCNE = dict(
    pain_location="inner_heel",
    pain_character="burning",
    numbness_area="inner_heel",
    tinel_sign="yes",
    worse_with_activity="yes",
)
PF = dict(pain_location="under_heel", pain_character="sharp", numbness_area="none", first_step_pain="yes")


def case(id, condition, level, **findings):
    return pytest.param(findings, condition, level, id=id)


COMPLETE = [
    # D1 peripheral neuropathy
    case(
        "D1 both feet, sock-like numbness",
        "peripheral_neuropathy",
        "consultation",
        both_feet="yes",
        numbness_area="whole_foot",
        diabetes="yes",
    ),
    case(
        "D1 both feet, burning, no numbness",
        "peripheral_neuropathy",
        "consultation",
        both_feet="yes",
        pain_character="burning",
        pain_location="whole_foot",
    ),
    case(
        "D1 both feet, tingling in soles and toes",
        "peripheral_neuropathy",
        "consultation",
        both_feet="yes",
        numbness_area="sole_toes",
    ),
    case(
        "D1 both feet, short duration still consultation",
        "peripheral_neuropathy",
        "consultation",
        both_feet="yes",
        numbness_area="whole_foot",
        duration_weeks=0.5,
    ),
    # D2 lumbar radiculopathy
    case(
        "D2 back pain down the leg, outer-edge pain",
        "lumbar_radiculopathy",
        "consultation",
        back_pain="yes",
        pain_location="outer_edge",
        pain_character="electric",
    ),
    case(
        "D2 back pain, short duration still consultation",
        "lumbar_radiculopathy",
        "consultation",
        back_pain="yes",
        duration_weeks=0.5,
    ),
    # D3 calcaneal stress fracture
    case(
        "D3 training rise + deep ache",
        "calcaneal_stress_fracture",
        "consultation",
        training_increase="yes",
        pain_character="aching",
        pain_location="under_heel",
    ),
    # D4 tarsal tunnel syndrome
    case(
        "D4 numbness in sole and toes",
        "tarsal_tunnel_syndrome",
        "consultation",
        pain_location="inner_heel",
        pain_character="burning",
        numbness_area="sole_toes",
        night_symptoms="yes",
        tinel_sign="yes",
    ),
    case(
        "D4 burning in the sole/arch, no numbness",
        "tarsal_tunnel_syndrome",
        "consultation",
        pain_location="sole_toes",
        pain_character="burning",
    ),
    case(
        "D4 electric pain in the sole/arch",
        "tarsal_tunnel_syndrome",
        "consultation",
        pain_location="sole_toes",
        pain_character="electric",
    ),
    case(
        "D4 sole and toe numbness, short duration still consultation",
        "tarsal_tunnel_syndrome",
        "consultation",
        pain_location="inner_heel",
        pain_character="burning",
        numbness_area="sole_toes",
        duration_weeks=0.5,
    ),
    # D5 medial calcaneal nerve entrapment (duration rule)
    case("D5 inner heel burning, 1 week", "medial_calcaneal_nerve_entrapment", "self_care", **MCNE),
    case(
        "D5 under heel electric, no numbness, 1 week",
        "medial_calcaneal_nerve_entrapment",
        "self_care",
        pain_location="under_heel",
        pain_character="electric",
        numbness_area="none",
    ),
    case("D5 3 days", "medial_calcaneal_nerve_entrapment", "self_care", **{**MCNE, "duration_weeks": 3 / 7}),
    case("D5 exactly 2 weeks", "medial_calcaneal_nerve_entrapment", "self_care", **{**MCNE, "duration_weeks": 2}),
    case("D5 2.5 weeks", "medial_calcaneal_nerve_entrapment", "consultation", **{**MCNE, "duration_weeks": 2.5}),
    case("D5 3 weeks", "medial_calcaneal_nerve_entrapment", "consultation", **{**MCNE, "duration_weeks": 3}),
    case("D5 6 months", "medial_calcaneal_nerve_entrapment", "consultation", **{**MCNE, "duration_weeks": 26}),
    case(
        "D5 unknown duration",
        "medial_calcaneal_nerve_entrapment",
        "consultation",
        **{**MCNE, "duration_weeks": "unknown"},
    ),
    # D6 plantar fasciitis (duration rule)
    case("D6 first-step sharp pain, 1 week", "plantar_fasciitis", "self_care", **PF),
    case("D6 exactly 2 weeks", "plantar_fasciitis", "self_care", **{**PF, "duration_weeks": 2}),
    case("D6 6 weeks", "plantar_fasciitis", "consultation", **{**PF, "duration_weeks": 6}),
    case("D6 unknown duration", "plantar_fasciitis", "consultation", **{**PF, "duration_weeks": "unknown"}),
    # D7 Baxter's nerve entrapment
    case(
        "D7 outer sole numbness for 3 months",
        "baxters_nerve_entrapment",
        "consultation",
        numbness_area="outer_edge",
        duration_weeks=13,
    ),
    # D8 inconclusive (duration rule)
    case("D8 nothing fits, 1 week", "inconclusive", "self_care"),
    case("D8 nothing fits, exactly 2 weeks", "inconclusive", "self_care", duration_weeks=2),
    case("D8 nothing fits, 4 weeks", "inconclusive", "consultation", duration_weeks=4),
    case("D8 nothing fits, 1 week but severe", "inconclusive", "consultation", severe_pain="yes"),
    case("D8 nothing fits, 1 week, severity unknown", "inconclusive", "self_care", severe_pain="unknown"),
    case("D8 nothing fits, unknown duration", "inconclusive", "consultation", duration_weeks="unknown"),
    case(
        "D8 all answers 'I don't know'",
        "inconclusive",
        "consultation",
        pain_location="unknown",
        pain_character="unknown",
        numbness_area="unknown",
        first_step_pain="unknown",
        both_feet="unknown",
        back_pain="unknown",
        training_increase="unknown",
        duration_weeks="unknown",
    ),
    case(
        "D8 outer sole numbness for 1 week (not months)",
        "inconclusive",
        "self_care",
        numbness_area="outer_edge",
        duration_weeks=1,
    ),
    case(
        "D8 first-step sharp pain with inner heel numbness is not D6",
        "inconclusive",
        "self_care",
        **{**PF, "numbness_area": "inner_heel"},
    ),
    case(
        "D8 training rise with sharp pain is not D3",
        "inconclusive",
        "self_care",
        training_increase="yes",
        pain_character="sharp",
    ),
]

# First match in D1..D8 order wins when several patterns fit.
ORDER = [
    case(
        "both feet + burning + back pain -> D1 before D2",
        "peripheral_neuropathy",
        "consultation",
        both_feet="yes",
        pain_character="burning",
        back_pain="yes",
    ),
    case(
        "both feet + sole/toe numbness -> D1 before D4",
        "peripheral_neuropathy",
        "consultation",
        both_feet="yes",
        numbness_area="sole_toes",
        pain_location="sole_toes",
        pain_character="burning",
    ),
    case("back pain + MCNE picture -> D2 before D5", "lumbar_radiculopathy", "consultation", back_pain="yes", **MCNE),
    case(
        "back pain + training rise + ache -> D2 before D3",
        "lumbar_radiculopathy",
        "consultation",
        back_pain="yes",
        training_increase="yes",
        pain_character="aching",
    ),
    case(
        "training rise + ache + first-step pain -> D3 before D6",
        "calcaneal_stress_fracture",
        "consultation",
        **{**PF, "pain_character": "aching"},
        training_increase="yes",
    ),
    case(
        "sole/arch burning + outer-edge numbness for months -> D4 before D7",
        "tarsal_tunnel_syndrome",
        "consultation",
        pain_location="sole_toes",
        pain_character="burning",
        numbness_area="outer_edge",
        duration_weeks=20,
    ),
    case(
        "inner heel burning + first-step pain -> D5 before D6",
        "medial_calcaneal_nerve_entrapment",
        "self_care",
        **MCNE,
        first_step_pain="yes",
    ),
]

# D4 vs D5: the same inner-heel nerve pain, told apart by where the numbness goes.
NUMBNESS_AREA = [
    case(
        "sole_toes -> tarsal tunnel", "tarsal_tunnel_syndrome", "consultation", **{**MCNE, "numbness_area": "sole_toes"}
    ),
    case(
        "inner_heel only -> MCNE",
        "medial_calcaneal_nerve_entrapment",
        "self_care",
        **{**MCNE, "numbness_area": "inner_heel"},
    ),
    case("no numbness -> MCNE", "medial_calcaneal_nerve_entrapment", "self_care", **{**MCNE, "numbness_area": "none"}),
    case(
        "sole_toes, Tinel positive, long-standing -> tarsal tunnel",
        "tarsal_tunnel_syndrome",
        "consultation",
        **{**MCNE, "numbness_area": "sole_toes", "duration_weeks": 10},
    ),
    case(
        "inner_heel only, Tinel positive, long-standing -> MCNE",
        "medial_calcaneal_nerve_entrapment",
        "consultation",
        **{**MCNE, "numbness_area": "inner_heel", "duration_weeks": 10},
    ),
    case(
        "under heel electric, sole_toes -> tarsal tunnel",
        "tarsal_tunnel_syndrome",
        "consultation",
        pain_location="under_heel",
        pain_character="electric",
        numbness_area="sole_toes",
    ),
]


def _outcome(findings):
    complete = {**NEUTRAL, **findings}
    kept = normalise(complete)
    dropped = {k: v for k, v in complete.items() if kept[k] is None}
    assert not dropped, f"test uses values that are not canonical in findings.VALUES: {dropped}"
    a = assess(complete)
    assert a is not None, "a complete finding set must give an outcome"
    assert not a.is_warning_sign
    return a


@pytest.mark.parametrize("findings, condition, level", COMPLETE)
def test_complete_findings(findings, condition, level):
    a = _outcome(findings)
    assert (a.likely_condition, a.triage_level) == (condition, level)


@pytest.mark.parametrize("findings, condition, level", ORDER)
def test_first_match_order(findings, condition, level):
    a = _outcome(findings)
    assert (a.likely_condition, a.triage_level) == (condition, level)


@pytest.mark.parametrize("findings, condition, level", NUMBNESS_AREA)
def test_numbness_area_separates_tarsal_tunnel_from_mcne(findings, condition, level):
    a = _outcome(findings)
    assert (a.likely_condition, a.triage_level) == (condition, level)


@pytest.mark.parametrize(
    "findings, condition, level, rule",
    [
        pytest.param(
            {"red_flags": [], "both_feet": "yes", "pain_character": "burning", "back_pain": "yes"},
            "peripheral_neuropathy",
            "consultation",
            "D1",
            id="D1 decides without the rest",
        ),
        pytest.param(
            {"red_flags": [], "both_feet": "no", "back_pain": "yes"},
            "lumbar_radiculopathy",
            "consultation",
            "D2",
            id="D2 decides once D1 is ruled out",
        ),
    ],
)
def test_first_match_decides_on_partial_findings(findings, condition, level, rule):
    a = assess(findings)
    assert a is not None
    assert (a.likely_condition, a.triage_level, a.rule) == (condition, level, rule)


@pytest.mark.parametrize(
    "findings",
    [
        pytest.param(
            {"red_flags": [], **MCNE, "both_feet": "no", "back_pain": "no"}, id="D5 fits but duration not known"
        ),
        pytest.param(
            {"red_flags": [], **PF, "both_feet": "no", "back_pain": "no", "training_increase": "no"},
            id="D6 fits but duration not known",
        ),
        pytest.param(
            {"red_flags": [], "pain_character": "burning", "back_pain": "no"},
            id="D1 not ruled out (both feet not asked)",
        ),
        pytest.param({**{k: v for k, v in NEUTRAL.items() if k != "red_flags"}}, id="screen not answered"),
    ],
)
def test_undecided_until_needed_findings_are_known(findings):
    assert assess(findings) is None


@pytest.mark.parametrize(
    "findings, rule",
    [
        pytest.param(dict(both_feet="yes", numbness_area="whole_foot"), "D1", id="D1"),
        pytest.param(dict(back_pain="yes"), "D2", id="D2"),
        pytest.param(dict(training_increase="yes", pain_character="aching"), "D3", id="D3"),
        pytest.param(dict(numbness_area="sole_toes"), "D4", id="D4"),
        pytest.param(MCNE, "D5", id="D5"),
        pytest.param(PF, "D6", id="D6"),
        pytest.param(dict(numbness_area="outer_edge", duration_weeks=13), "D7", id="D7"),
        pytest.param(dict(little_toe_weakness="yes"), "D7", id="D7 little toe weakness"),
        pytest.param({}, "D8", id="D8"),
    ],
)
def test_rule_ids(findings, rule):
    assert _outcome(findings).rule == rule
