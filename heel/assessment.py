"""From findings to an outcome: warning sign first, then the differential.

`next_question` says which finding the interview still needs (None when the
outcome is decided); `assess` gives the outcome with its reasons; `payload`
is the structured record sent to channels and the clinic.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import differential, warning_signs
from .findings import ALL_FINDINGS, describe, normalise

# The order the interview asks in when several findings are still needed.
QUESTION_ORDER = (
    "pain_location",
    "pain_character",
    "numbness_area",
    "first_step_pain",
    "both_feet",
    "back_pain",
    "training_increase",
    "duration_weeks",
    "severe_pain",
)
# Findings that support a condition without deciding it (mentioned in the reasons).
SUPPORTING = {
    "tarsal_tunnel_syndrome": {"night_symptoms": "yes", "tinel_sign": "yes", "flat_feet": "yes"},
    "medial_calcaneal_nerve_entrapment": {
        "tinel_sign": "yes",
        "worse_with_activity": "yes",
        "flat_feet": "yes",
        "footwear": "poor",
    },
    "plantar_fasciitis": {"worse_with_activity": "yes"},
}
SUPPORTING_PHRASES = {
    "night_symptoms": "it is worse at night",
    "tinel_sign": "tapping sets it off (Tinel's sign)",
    "flat_feet": "your foot rolls in (overpronation)",
    "worse_with_activity": "activity makes it worse",
    "footwear": "tight or poorly fitting shoes",
}


@dataclass
class Assessment:
    triage_level: str
    likely_condition: str
    rule: str
    reasons: list[str] = field(default_factory=list)
    findings: dict[str, Any] = field(default_factory=dict)

    @property
    def is_warning_sign(self) -> bool:
        return self.rule in warning_signs.BY_RULE


def next_question(findings: Mapping[str, Any]) -> str | None:
    """The finding to ask about next, or None when the outcome is decided."""
    f = normalise(findings)
    if f["red_flags"] is None:
        return "red_flags"
    if f["red_flags"]:
        if warning_signs.match(f["red_flags"], f["diabetes"], f["recent_injury"]):
            return None
        context = warning_signs.missing_context(f["red_flags"], f["diabetes"], f["recent_injury"])
        if context:
            return context
    pattern, missing = differential.deciding_pattern(f)
    if pattern is None:
        return min(missing, key=QUESTION_ORDER.index)
    # Advice on ice and heat differs with diabetes (reduced temperature sense).
    return "diabetes" if f["diabetes"] is None else None


def assess(findings: Mapping[str, Any], features: Iterable[str] = ()) -> Assessment | None:
    """The outcome, or None while the findings do not decide it yet.

    `features` are warning-sign features gathered outside the screen question."""
    f = normalise(findings)
    sign = warning_signs.match(set(features) | set(f["red_flags"] or ()), f["diabetes"], f["recent_injury"])
    if sign:
        return Assessment(sign.level, sign.condition, sign.rule, [f"Warning sign: {sign.summary}."], _recorded(f))
    if f["red_flags"] is None:
        return None
    pattern, _ = differential.deciding_pattern(f)
    if pattern is None:
        return None
    level = pattern.level(f)
    reasons = [pattern.summary[0].upper() + pattern.summary[1:] + "."]
    used = [describe(s, f[s]) for s in dict.fromkeys(pattern.when.slots) if f[s] is not None]
    if used:
        reasons.append("What you told me: " + "; ".join(used) + ".")
    support = [SUPPORTING_PHRASES[s] for s, v in SUPPORTING.get(pattern.condition, {}).items() if f[s] == v]
    if support:
        reasons.append("Also fits: " + ", ".join(support) + ".")
    if f["duration_weeks"] is not None and pattern.level in differential.PATTERN_LEVEL_SLOTS:
        reasons.append(_duration_reason(f["duration_weeks"], level, f["severe_pain"]))
    return Assessment(level, pattern.condition, pattern.rule, reasons, _recorded(f))


def _duration_reason(weeks: Any, level: str, severe: str | None = None) -> str:
    if severe == "yes" and level == "consultation" and weeks != "unknown" and weeks <= 2:
        return "The pain is severe, so a clinician should see it even though it is recent."
    if level == "self_care":
        return f"It has lasted {describe('duration_weeks', weeks)}, so home care comes first."
    if weeks == "unknown":
        return "As it is not clear how long it has lasted, a clinician should see it."
    return f"It has lasted {describe('duration_weeks', weeks)} (more than 2 weeks), so a clinician should see it."


def _recorded(f: Mapping[str, Any]) -> dict[str, Any]:
    return {name: f[name] for name in ALL_FINDINGS if f[name] is not None}


def assess_slots(slots: Mapping[str, Any]) -> Assessment | None:
    """The outcome from a conversation's slots (findings and warning features)."""
    return assess({name: slots.get(name) for name in ALL_FINDINGS}, slots.get("warning_features") or ())


def payload(a: Assessment, reference_code: str | None = None) -> dict[str, Any]:
    """The structured outcome: `{"assessment": {...}}` in the custom message."""
    return {
        "assessment": {
            "triage_level": a.triage_level,
            "likely_condition": a.likely_condition,
            "rule": a.rule,
            "findings": a.findings,
            "reasons": a.reasons,
            "reference_code": reference_code,
            "disclaimer": "This is a pre-screening, not a diagnosis.",
        }
    }
