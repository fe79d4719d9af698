"""Telling the heel conditions apart (clinical reference, section 3).

Each pattern D1-D8 is a condition over findings evaluated in three-valued
logic: True, False, or None when a finding it needs has not been asked yet.
The first pattern that is not definitely False decides once it is definitely
True; while it is undecided, its unasked findings are the questions still
needed. That is how the interview "asks only what is still needed".
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .findings import NERVE_PAIN, NUMBNESS_PRESENT, UNKNOWN, YES

Tri = bool | None


@dataclass(frozen=True)
class Cond:
    slots: tuple[str, ...]
    fn: Callable[[Mapping[str, Any]], Tri]

    def __call__(self, findings: Mapping[str, Any]) -> Tri:
        return self.fn(findings)


def is_(slot: str, *values: str) -> Cond:
    def fn(f: Mapping[str, Any]) -> Tri:
        v = f.get(slot)
        return None if v is None else v in values

    return Cond((slot,), fn)


def weeks_at_least(weeks: float) -> Cond:
    def fn(f: Mapping[str, Any]) -> Tri:
        v = f.get("duration_weeks")
        if v is None:
            return None
        return v != UNKNOWN and v >= weeks

    return Cond(("duration_weeks",), fn)


def volunteered(slot: str) -> Cond:
    """True only if the person said so; never asked (no slots to request)."""
    return Cond((), lambda f: f.get(slot) == YES)


def all_(*conds: Cond) -> Cond:
    def fn(f: Mapping[str, Any]) -> Tri:
        values = [c(f) for c in conds]
        if False in values:
            return False
        return True if all(values) else None

    return Cond(tuple(s for c in conds for s in c.slots), fn)


def any_(*conds: Cond) -> Cond:
    def fn(f: Mapping[str, Any]) -> Tri:
        values = [c(f) for c in conds]
        if True in values:
            return True
        return False if all(v is False for v in values) else None

    return Cond(tuple(s for c in conds for s in c.slots), fn)


def level_by_duration(f: Mapping[str, Any]) -> str | None:
    """self_care if it has lasted 2 weeks or less, else consultation.

    An unknown duration is treated as longer (the cautious choice)."""
    weeks = f.get("duration_weeks")
    if weeks is None:
        return None
    return "self_care" if weeks != UNKNOWN and weeks <= 2 else "consultation"


def level_inconclusive(f: Mapping[str, Any]) -> str | None:
    """D8: consultation if more than 2 weeks or severe, else self_care (unknown duration: cautious)."""
    weeks = f.get("duration_weeks")
    if weeks is None:
        return None
    if weeks == UNKNOWN or weeks > 2:
        return "consultation"
    severe = f.get("severe_pain")
    if severe is None:
        return None
    return "consultation" if severe == YES else "self_care"


def fixed(level: str) -> Callable[[Mapping[str, Any]], str | None]:
    return lambda f: level


@dataclass(frozen=True)
class Pattern:
    rule: str
    condition: str
    when: Cond
    level: Callable[[Mapping[str, Any]], str | None]
    summary: str


PATTERNS = (
    Pattern(
        "D1",
        "peripheral_neuropathy",
        all_(is_("both_feet", YES), any_(is_("numbness_area", *NUMBNESS_PRESENT), is_("pain_character", "burning"))),
        fixed("consultation"),
        "numbness, tingling or burning in both feet points to the nerves of the feet as a whole "
        "(peripheral neuropathy), which needs a check-up and blood tests",
    ),
    Pattern(
        "D2",
        "lumbar_radiculopathy",
        is_("back_pain", YES),
        fixed("consultation"),
        "back pain spreading down the leg points to a trapped nerve in the lower back",
    ),
    Pattern(
        "D3",
        "calcaneal_stress_fracture",
        all_(is_("training_increase", YES), is_("pain_character", "aching")),
        fixed("consultation"),
        "a deep ache after a big rise in training can be a stress fracture of the heel bone; "
        "stop running and be seen within days",
    ),
    Pattern(
        "D4",
        "tarsal_tunnel_syndrome",
        any_(
            is_("numbness_area", "sole_toes"),
            all_(is_("pain_location", "sole_toes"), is_("pain_character", *NERVE_PAIN)),
        ),
        fixed("consultation"),
        "burning, tingling or numbness in the sole or toes points to the tibial nerve "
        "inside the tarsal tunnel; it needs an examination",
    ),
    Pattern(
        "D5",
        "medial_calcaneal_nerve_entrapment",
        all_(
            is_("pain_location", "inner_heel", "under_heel"),
            is_("pain_character", *NERVE_PAIN),
            is_("numbness_area", "none", "inner_heel", UNKNOWN),
        ),
        level_by_duration,
        "burning or electric pain on the inner side or underside of the heel, with no sole or "
        "toe symptoms, points to the small medial calcaneal nerve branch being pinched",
    ),
    Pattern(
        "D6",
        "plantar_fasciitis",
        all_(
            is_("first_step_pain", YES),
            is_("pain_character", "sharp", "aching"),
            is_("pain_location", "under_heel", "inner_heel"),
            is_("numbness_area", "none", UNKNOWN),
        ),
        level_by_duration,
        "sharp pain under the heel that is worst with the first steps in the morning, without "
        "burning or numbness, points to the plantar fascia",
    ),
    Pattern(
        "D7",
        "baxters_nerve_entrapment",
        any_(volunteered("little_toe_weakness"), all_(is_("numbness_area", "outer_edge"), weeks_at_least(8))),
        fixed("consultation"),
        "numbness on the outer sole for months can come from a small nerve (Baxter's nerve) being pinched",
    ),
    Pattern(
        "D8",
        "inconclusive",
        Cond((), lambda f: True),
        level_inconclusive,
        "your answers do not fit one pattern clearly, so a clinician should examine the foot",
    ),
)

PATTERN_LEVEL_SLOTS = {level_by_duration: ("duration_weeks",), level_inconclusive: ("duration_weeks", "severe_pain")}


def deciding_pattern(findings: Mapping[str, Any]) -> tuple[Pattern | None, tuple[str, ...]]:
    """The pattern that decides, or None with the findings still needed to decide."""
    for pattern in PATTERNS:
        verdict = pattern.when(findings)
        if verdict is False:
            continue
        if verdict is None:
            return None, tuple(s for s in pattern.when.slots if findings.get(s) is None)
        if pattern.level(findings) is not None:
            return pattern, ()
        return None, tuple(s for s in PATTERN_LEVEL_SLOTS[pattern.level] if findings.get(s) is None)[:1]
    raise AssertionError("D8 always matches")
