"""Patient vignettes, end to end: the real servers over REST, people's own words.

Each vignette (harness/vignettes.py) is played as a person would: the opening
message(s), then the answer to whatever the assistant asks next (its
`requested_slot`), until the outcome arrives. One test per vignette checks the
outcome against the gold label of the clinical reference; the summary test at
the end checks the targets of the issue over all vignettes and writes them to
tests/artifacts/vignette-summary.json.
"""

import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from harness.vignettes import VIGNETTES, Vignette
from heel.levels import LEVELS, rank
from tests.support.chat import Conversation, Reply

MAX_TURNS = 20
EMERGENCIES = ("emergency_ambulance", "emergency")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SUMMARY_PATH = ARTIFACTS / "vignette-summary.json"
DID_NOT_UNDERSTAND = "Sorry, I didn't quite get that."
TARGETS = {"exact_level": 0.95, "condition": 0.90, "median_questions": 10}


@dataclass
class Turn:
    tag: str  # "opening:<i>", "mid" or "answer:<slot>"
    said: str
    reply: Reply


@dataclass
class Played:
    """What happened when a vignette was played."""

    vignette: Vignette
    turns: list[Turn] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # the questions (requested slots), in order
    outcome: dict[str, Any] | None = None
    outcome_tag: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0

    @property
    def level(self) -> str | None:
        return (self.outcome or {}).get("triage_level")

    @property
    def condition(self) -> str | None:
        return (self.outcome or {}).get("likely_condition")

    @property
    def questions(self) -> int:
        return len(self.asked)

    @property
    def reasks(self) -> int:
        return sum(DID_NOT_UNDERSTAND in t.reply.text for t in self.turns)

    def transcript(self) -> str:
        lines = []
        for t in self.turns:
            lines.append(f"> [{t.tag}] {t.said}")
            lines += [f"< {text}" for text in t.reply.texts]
            if t.reply.assessment:
                lines.append(
                    f"< (assessment: {t.reply.assessment.get('triage_level')} / "
                    f"{t.reply.assessment.get('likely_condition')} / {t.reply.assessment.get('rule')})"
                )
        return "\n".join(lines)

    def row(self) -> dict[str, Any]:
        v = self.vignette
        return {
            "id": v.id,
            "rule": v.rule,
            "gold_level": v.gold_level,
            "gold_condition": v.gold_condition,
            "level": self.level,
            "condition": self.condition,
            "rule_got": (self.outcome or {}).get("rule"),
            "questions": self.questions,
            "asked": self.asked,
            "reasks": self.reasks,
            "error": self.error,
            "seconds": round(self.seconds, 2),
        }


class VignetteError(AssertionError):
    pass


def play(person: Conversation, vignette: Vignette) -> Played:
    """Play a vignette through the assistant; errors are recorded, not raised."""
    played = Played(vignette)
    started = time.monotonic()

    def say(text: str, tag: str) -> bool:
        reply = person.say(text)
        played.turns.append(Turn(tag, text, reply))
        if reply.assessment and played.outcome is None:
            played.outcome, played.outcome_tag = reply.assessment, tag
        return played.outcome is not None

    try:
        done = False
        for i, text in enumerate(vignette.opening):
            done = say(text, f"opening:{i}")
            if done:
                break
        mid_said = False
        while not done:
            if len(played.turns) >= MAX_TURNS:
                raise VignetteError(f"no outcome after {MAX_TURNS} turns")
            slot = person.requested_slot
            if slot is None and person.slots().get("suspected_sign"):
                # a confirming question (2a): the vignette's truth answers it
                played.asked.append("confirm")
                done = say("yes" if vignette.is_warning_sign else "no", "confirm")
                continue
            if slot is None:
                raise VignetteError("the assistant neither asked a question nor gave an outcome")
            played.asked.append(slot)
            if vignette.mid and not mid_said and len(played.asked) == vignette.mid.after + 1:
                mid_said = True
                done = say(vignette.mid.text, "mid")
            elif slot in vignette.answers:
                done = say(vignette.answers[slot], f"answer:{slot}")
            else:
                raise VignetteError(f"the assistant asked {slot!r}, which this vignette has no answer for")
        played.slots = person.slots()
    except VignetteError as e:
        played.error = str(e)
    played.seconds = time.monotonic() - started
    return played


def _explain(played: Played) -> str:
    v = played.vignette
    return (
        f"\nvignette {v.id} ({v.rule}): gold {v.gold_level}/{v.gold_condition}, "
        f"got {played.level}/{played.condition} (rule {(played.outcome or {}).get('rule')}), "
        f"questions {played.asked}\n{played.transcript()}"
    )


# Filled by the parametrized tests, read by the summary test.
RESULTS: dict[str, Played] = {}


def test_the_vignettes_cover_every_level_and_condition():
    assert len(VIGNETTES) >= 48
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)
    assert {v.gold_level for v in VIGNETTES} == set(LEVELS)
    conditions = {v.gold_condition for v in VIGNETTES}
    for condition in (
        "acute_limb_ischaemia",
        "cauda_equina_syndrome",
        "cellulitis",
        "diabetic_foot_infection",
        "fracture",
        "charcot_foot",
        "diabetic_foot_ulcer",
        "foot_drop",
        "peripheral_neuropathy",
        "lumbar_radiculopathy",
        "calcaneal_stress_fracture",
        "tarsal_tunnel_syndrome",
        "medial_calcaneal_nerve_entrapment",
        "plantar_fasciitis",
        "baxters_nerve_entrapment",
        "inconclusive",
    ):
        assert condition in conditions, condition
    pairs = {(v.gold_level, v.gold_condition) for v in VIGNETTES}
    for pair in [
        ("emergency", "cellulitis"),
        ("consultation_24", "cellulitis"),
        ("self_care", "medial_calcaneal_nerve_entrapment"),
        ("consultation", "medial_calcaneal_nerve_entrapment"),
        ("self_care", "plantar_fasciitis"),
        ("consultation", "plantar_fasciitis"),
    ]:
        assert pair in pairs, pair
    assert any(v.mid and v.is_warning_sign for v in VIGNETTES)
    for v in VIGNETTES:
        assert v.gold_level in LEVELS, v.id
        if v.is_warning_sign:
            assert v.reveals, f"{v.id}: a warning-sign vignette says which message reveals it"
        if v.reveals == "mid":
            assert v.mid is not None, v.id


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_vignette(person: Conversation, vignette: Vignette):
    played = play(person, vignette)
    RESULTS[vignette.id] = played
    why = _explain(played)
    assert played.error is None, played.error + why
    assert played.level == vignette.gold_level, why
    assert played.condition == vignette.gold_condition, why
    # The outcome is kept in the conversation's slots, the same as the payload says.
    assert played.slots.get("triage_level") == played.level, why
    assert played.slots.get("likely_condition") == played.condition, why
    # No question is asked more than twice (clinical reference, 2a).
    assert max(Counter(played.asked).values(), default=0) <= 2, why
    # Every reply that gives the outcome says it is not a diagnosis.
    for turn in played.turns:
        if turn.reply.assessment:
            assert "not a diagnosis" in turn.reply.text, f"[{turn.tag}] {turn.reply.text}" + why
    if vignette.is_warning_sign:
        # Acted on in the very turn it was revealed: not earlier, not later.
        # (or on the person's yes to a confirming question about it: it was asked before they said it)
        assert played.outcome_tag in (vignette.reveals, "confirm"), (
            f"escalation arrived at {played.outcome_tag}, expected at {vignette.reveals}" + why
        )
    else:
        assert (played.outcome or {}).get("rule", "").startswith("D"), why


def test_vignette_summary_meets_the_targets(assistant):
    """The issue's targets over all vignettes (played again if not played above)."""
    for vignette in VIGNETTES:
        if vignette.id not in RESULTS:
            RESULTS[vignette.id] = play(Conversation(assistant), vignette)
    played = [RESULTS[v.id] for v in VIGNETTES]
    n = len(played)

    def less_urgent_by(p: Played) -> int:
        if p.level not in LEVELS:
            return len(LEVELS)  # no outcome at all counts as the least safe
        return rank(p.level) - rank(p.vignette.gold_level)

    emergencies = [p for p in played if p.vignette.gold_level in EMERGENCIES]
    missed = [p.vignette.id for p in emergencies if p.level not in EMERGENCIES]
    under_triaged_emergencies = [p.vignette.id for p in emergencies if less_urgent_by(p) > 0]
    too_lenient = [p.vignette.id for p in played if less_urgent_by(p) > 1]
    level_wrong = [p.vignette.id for p in played if p.level != p.vignette.gold_level]
    condition_wrong = [p.vignette.id for p in played if p.condition != p.vignette.gold_condition]
    questions = [p.questions for p in played]
    by_level = {}
    for level in LEVELS:
        group = [p for p in played if p.vignette.gold_level == level]
        by_level[level] = {"n": len(group), "exact": sum(p.level == level for p in group)}
    summary = {
        "vignettes": n,
        "exact_level_rate": round((n - len(level_wrong)) / n, 4),
        "condition_rate": round((n - len(condition_wrong)) / n, 4),
        "emergencies": len(emergencies),
        "emergencies_missed": missed,
        "emergencies_under_triaged": under_triaged_emergencies,
        "more_than_one_level_too_lenient": too_lenient,  # no outcome at all counts here too
        "no_outcome": [p.vignette.id for p in played if p.level is None],
        "over_triaged": [p.vignette.id for p in played if p.level in LEVELS and less_urgent_by(p) < 0],
        "level_wrong": level_wrong,
        "condition_wrong": condition_wrong,
        "median_questions": statistics.median(questions),
        "max_questions": max(questions),
        "mean_questions": round(statistics.mean(questions), 2),
        "reasks": sum(p.reasks for p in played),
        "errors": {p.vignette.id: p.error for p in played if p.error},
        "by_gold_level": by_level,
        "targets": TARGETS,
        "seconds": round(sum(p.seconds for p in played), 1),
        "results": [p.row() for p in played],
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    SUMMARY_PATH.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    report = json.dumps({k: v for k, v in summary.items() if k != "results"}, indent=2)
    assert not missed, report
    assert not too_lenient, report
    assert summary["exact_level_rate"] >= TARGETS["exact_level"], report
    assert summary["condition_rate"] >= TARGETS["condition"], report
    assert summary["median_questions"] <= TARGETS["median_questions"], report
