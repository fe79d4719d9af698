"""The findings the interview collects (the Rasa slot names) and their values."""

from collections.abc import Mapping
from typing import Any

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO = (YES, NO, UNKNOWN)
# Findings asked as either/or ("Both feet, or just one?"): a bare yes or no does not answer them.
EITHER_OR = ("both_feet",)

# Canonical values of the categorical findings; "unknown" is "I don't know".
VALUES: dict[str, tuple] = {
    "pain_location": ("inner_heel", "under_heel", "back_of_heel", "sole_toes", "outer_edge", "whole_foot", UNKNOWN),
    "pain_character": ("burning", "electric", "sharp", "aching", UNKNOWN),
    "numbness_area": ("none", "inner_heel", "sole_toes", "outer_edge", "whole_foot", UNKNOWN),
    "first_step_pain": YES_NO,
    "night_symptoms": YES_NO,
    "tinel_sign": YES_NO,
    "worse_with_activity": YES_NO,
    "both_feet": YES_NO,
    "back_pain": YES_NO,
    "diabetes": YES_NO,
    "recent_injury": YES_NO,
    "training_increase": YES_NO,
    "flat_feet": YES_NO,
    "footwear": ("poor", "good", UNKNOWN),
    "severe_pain": YES_NO,
    "little_toe_weakness": YES_NO,
}

# The public slot contract, in the order of the clinical reference.
FINDINGS = (
    "red_flags",
    "pain_location",
    "pain_character",
    "numbness_area",
    "first_step_pain",
    "night_symptoms",
    "tinel_sign",
    "worse_with_activity",
    "both_feet",
    "back_pain",
    "diabetes",
    "recent_injury",
    "training_increase",
    "duration_weeks",
    "flat_feet",
    "footwear",
)

# Two more findings the reference's patterns need (D8 "or severe", D7 "weakness
# spreading the little toe"); not part of the 16-slot contract above.
EXTRA_FINDINGS = ("severe_pain", "little_toe_weakness")
ALL_FINDINGS = FINDINGS + EXTRA_FINDINGS

NUMBNESS_PRESENT = ("inner_heel", "sole_toes", "outer_edge", "whole_foot")
NERVE_PAIN = ("burning", "electric")

LABELS = {
    "pain_location": {
        "inner_heel": "the inner side of the heel",
        "under_heel": "under the heel",
        "back_of_heel": "the back of the heel",
        "sole_toes": "the sole, arch or toes",
        "outer_edge": "the outer edge of the foot",
        "whole_foot": "the whole foot",
    },
    "pain_character": {
        "burning": "burning",
        "electric": "electric or shooting",
        "sharp": "sharp or stabbing",
        "aching": "a deep ache",
    },
    "numbness_area": {
        "none": "no numbness or tingling",
        "inner_heel": "numbness only on the inner heel",
        "sole_toes": "numbness or tingling in the sole or toes",
        "outer_edge": "numbness on the outer edge of the sole",
        "whole_foot": "numbness in a sock-like pattern",
    },
}


def normalise(findings: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only known findings, with canonical values; anything else is None."""
    out: dict[str, Any] = {name: None for name in ALL_FINDINGS}
    for name, value in findings.items():
        if name not in out or value is None:
            continue
        if name == "red_flags":
            out[name] = list(value) if isinstance(value, (list, tuple)) else [value]
        elif name == "duration_weeks":
            out[name] = parse_weeks(value)
        elif str(value).lower() in VALUES[name]:
            out[name] = str(value).lower()
    return out


def parse_weeks(value: Any) -> Any | None:
    """A duration in weeks (float), or UNKNOWN, or None when it is not a duration."""
    if value is None:
        return None
    if isinstance(value, str) and value.lower() == UNKNOWN:
        return UNKNOWN
    try:
        weeks = float(value)
    except (TypeError, ValueError):
        return None
    return weeks if 0 <= weeks < 52 * 100 else None


def describe(name: str, value: Any) -> str:
    """A short human phrase for a finding (used in reasons and summaries)."""
    if name in LABELS and value in LABELS[name]:
        return LABELS[name][value]
    if name == "duration_weeks" and isinstance(value, (int, float)):
        return _duration(float(value))
    return f"{name.replace('_', ' ')}: {value}"


def _duration(weeks: float) -> str:
    """1.43 -> "10 days", 3 -> "3 weeks", 8.67 -> "about 9 weeks", 26 -> "about 6 months"."""

    def plural(n: int, unit: str) -> str:
        return f"{n} {unit}" + ("" if n == 1 else "s")

    if weeks < 4 and abs(weeks - round(weeks)) > 0.05:
        return plural(max(1, round(weeks * 7)), "day")
    if weeks < 4:
        return plural(round(weeks), "week")
    if weeks < 13:
        return "about " + plural(round(weeks), "week")
    return "about " + plural(round(weeks * 12 / 52), "month")
