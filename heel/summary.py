"""What was understood, in plain words (clinical reference, 2a, last bullet).

`noted(findings)` lists the findings a conversation holds ("I noted: burning
pain, on the inner side of the heel, for about 2 months, no numbness or
tingling."), skipping what was not said and "I don't know". It is shown after
the opening description and before the outcome, so that people can correct
what was misunderstood; a correction replaces the finding.
"""

from collections.abc import Mapping
from typing import Any

from .findings import LABELS, NO, YES, describe, normalise
from .warning_signs import FEATURES

# The order findings are listed in: the pain first, then the clues, then the rest.
ORDER = (
    "pain_character",
    "pain_location",
    "numbness_area",
    "first_step_pain",
    "night_symptoms",
    "worse_with_activity",
    "tinel_sign",
    "both_feet",
    "duration_weeks",
    "severe_pain",
    "back_pain",
    "training_increase",
    "recent_injury",
    "diabetes",
    "flat_feet",
    "footwear",
    "little_toe_weakness",
    "red_flags",
)

LOCATION = {
    "inner_heel": "on the inner side of the heel",
    "under_heel": "under the heel",
    "back_of_heel": "at the back of the heel",
    "sole_toes": "in the sole, arch or toes",
    "outer_edge": "on the outer edge of the foot",
    "whole_foot": "all over the foot",
}
CHARACTER = {
    "burning": "burning pain",
    "electric": "electric or shooting pain",
    "sharp": "sharp or stabbing pain",
    "aching": "a deep ache",
}
# Yes/no findings (and footwear): one phrase per answer.
ANSWERS: dict[str, dict[str, str]] = {
    "first_step_pain": {
        YES: "worst with the first steps in the morning",
        NO: "not worst with the first steps in the morning",
    },
    "night_symptoms": {YES: "worse at night", NO: "not worse at night"},
    "worse_with_activity": {YES: "worse with activity", NO: "not worse with activity"},
    "tinel_sign": {
        YES: "tapping behind the inner ankle bone sets it off",
        NO: "tapping behind the inner ankle bone does not set it off",
    },
    "both_feet": {YES: "in both feet", NO: "in one foot"},
    "severe_pain": {YES: "severe pain", NO: "not severe"},
    "back_pain": {YES: "back pain spreading down the leg", NO: "no back pain spreading down the leg"},
    "training_increase": {YES: "a recent rise in running or training", NO: "no recent rise in training"},
    "recent_injury": {YES: "it started after an injury", NO: "no recent injury"},
    "diabetes": {YES: "diabetes", NO: "no diabetes"},
    "flat_feet": {YES: "flat feet or a foot that rolls in", NO: "no flat feet"},
    "footwear": {"poor": "tight, worn-out or unsupportive shoes", "good": "supportive shoes"},
    "little_toe_weakness": {YES: "weakness spreading the little toe", NO: "no weakness of the little toe"},
}
NO_WARNING_SIGNS = "none of the warning signs"
# Numbness read next to "under the heel" before the form has validated it
# (the form's validation does the same).
NUMBNESS_OF_LOCATION = {"under_heel": "inner_heel", "back_of_heel": "inner_heel"}

PREFIX = "I noted: "
HOW_TO_CORRECT = 'If I got something wrong, just tell me, for example "{example}".'
EXAMPLES = {
    "inner_heel": "it's under my heel, not the inside",
    "under_heel": "it's on the inside of my heel",
}
DEFAULT_EXAMPLE = "it's on the inside of my heel, and it's been 3 weeks"


def phrases(findings: Mapping[str, Any]) -> list[str]:
    """The known findings as short plain phrases, in ORDER (unknown and unasked ones left out)."""
    raw = dict(findings)
    if raw.get("numbness_area") in NUMBNESS_OF_LOCATION:
        raw["numbness_area"] = NUMBNESS_OF_LOCATION[raw["numbness_area"]]
    f = normalise(raw)
    out: list[str] = []
    for name in ORDER:
        value = f.get(name)
        if value is None or value == "unknown":
            continue
        if name == "red_flags":
            signs = [FEATURES[v] for v in value if v in FEATURES]
            out.append("the warning signs: " + ", ".join(signs) if signs else NO_WARNING_SIGNS)
        elif name == "pain_location":
            out.append(LOCATION[value])
        elif name == "pain_character":
            out.append(CHARACTER[value])
        elif name == "numbness_area":
            out.append(LABELS["numbness_area"][value])
        elif name == "duration_weeks":
            out.append("for " + describe(name, value))
        elif name in ANSWERS:
            out.append(ANSWERS[name][value])
    return out


def noted(findings: Mapping[str, Any]) -> str:
    """ "I noted: a, b, c." or "" when nothing is known yet."""
    found = phrases(findings)
    return PREFIX + ", ".join(found) + "." if found else ""


def how_to_correct(findings: Mapping[str, Any]) -> str:
    """How to correct a finding, with an example that fits what was noted."""
    example = EXAMPLES.get(normalise(findings).get("pain_location"), DEFAULT_EXAMPLE)
    return HOW_TO_CORRECT.format(example=example)
