"""The held-out part of the paraphrase corpus (corpus/README.md), through the real
assistant: the Rasa server with the trained model and the action server.

Never used for training or tuning. The numbers and every miss go to
tests/artifacts/heldout-*.json and docs/nlu-evaluation.md.

- Warning signs: a sign is caught when the assistant escalates at least as
  urgently as its rule, or asks the confirming question of a rule that would
  (a "yes" then escalates). A look-alike is a false alarm when the assistant
  escalates or asks to confirm. The suite fails below 99% recall or above 5%
  false alarms.
- Answers: how often each question's answer is read as its value; a sign in
  an answer to the safety check is never read as "none of these".
"""

import json
from collections import Counter, defaultdict
from typing import Any

import pytest

from tests.support import corpus
from tests.support.browser import ARTIFACTS

RECALL_AT_LEAST = 0.99
# Issue 11's target. Measured 11.9% when the statistical reader landed (47 of 396), 5.6% (22) after
# the context cues and three development parts, 4.0% (16) after five (2026-11-30 09:08 UTC).
# docs/nlu-evaluation.md lists every false alarm.
FALSE_ALARMS_AT_MOST = 0.05
RULES = [f"R{i}" for i in range(1, 10)]
CONFIRM_RULES = {
    "cold": "R1",
    "bottom": "R2",
    "bladder": "R2",
    "fever": "R3",
    "wound": "R4",
    "injury": "R5",
    "weight": "R5",
    "drop": "R9",
}


def test_the_held_out_part_is_frozen():
    assert not corpus.frozen_problems(), corpus.frozen_problems()


@pytest.fixture(scope="module")
def sign_outcomes(assistant) -> list[corpus.Outcome]:
    return corpus.play(assistant, corpus.load(corpus.HELDOUT / "signs.yml"), "signs")


def sign_report(outcomes: list[corpus.Outcome]) -> dict[str, Any]:
    signs = [o for o in outcomes if o.item["sign"] != "none"]
    alikes = [o for o in outcomes if o.item["sign"] == "none"]
    per_rule = {}
    for rule in RULES:
        of_rule = [o for o in signs if o.item["sign"] == rule]
        per_rule[rule] = {
            "items": len(of_rule),
            "caught": sum(o.reaches(rule) for o in of_rule),
            "by_rules_reader": sum(bool(o.escalated) and o.reaches(rule) for o in of_rule),
            "by_confirming_question": sum(not o.escalated and o.reaches(rule) for o in of_rule),
        }
    near = defaultdict(lambda: [0, 0])
    for o in alikes:
        near[o.item["near"]][0] += 1
        near[o.item["near"]][1] += o.alarmed
    return {
        "signs": len(signs),
        "caught": sum(o.reaches(o.item["sign"]) for o in signs),
        "look_alikes": len(alikes),
        "false_alarms": sum(o.alarmed for o in alikes),
        "false_alarms_escalated": sum(bool(o.escalated) for o in alikes),
        "per_rule": per_rule,
        "false_alarms_by_near": {k: {"items": v[0], "alarms": v[1]} for k, v in sorted(near.items())},
        "misses": [
            {
                "text": o.item["text"],
                "sign": o.item["sign"],
                "context": o.item["context"],
                "asked": o.item.get("asked"),
                "got": o.describe(),
            }
            for o in signs
            if not o.reaches(o.item["sign"])
        ],
        "alarms": [
            {"text": o.item["text"], "near": o.item["near"], "context": o.item["context"], "got": o.describe()}
            for o in alikes
            if o.alarmed
        ],
    }


def test_warning_signs_in_peoples_own_words(sign_outcomes):
    report = sign_report(sign_outcomes)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "heldout-signs.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    recall = report["caught"] / report["signs"]
    false_alarms = report["false_alarms"] / report["look_alikes"]
    print(
        f"held-out warning signs: recall {recall:.3f} ({report['caught']}/{report['signs']}), "
        f"false alarms {false_alarms:.3f} ({report['false_alarms']}/{report['look_alikes']})"
    )
    assert recall >= RECALL_AT_LEAST, json.dumps(report["misses"], indent=1)
    assert false_alarms <= FALSE_ALARMS_AT_MOST, json.dumps(report["alarms"], indent=1)


def expected_value(item: dict[str, Any]) -> Any:
    value = item["expect"]
    if item["asked"] == "footwear":
        return {"yes": "poor", "no": "good"}.get(value, value)
    return value


def read_right(outcome: corpus.Outcome) -> bool:
    item, slots = outcome.item, outcome.slots
    asked, expect = item["asked"], expected_value(item)
    if asked == "red_flags":
        if expect == "none":
            return slots.get("red_flags") == []
        if expect == "sign":
            return bool(outcome.escalated or outcome.confirming)
        return slots.get("red_flags") is None or bool(outcome.confirming)  # unclear: asked again
    if asked == "confirm":
        if expect == "yes":
            return bool(outcome.escalated)
        if expect == "no":
            return not outcome.escalated and not outcome.confirming
        return not outcome.escalated and bool(outcome.confirming)  # unclear: asked once more
    value = slots.get(asked)
    if expect == "unclear":
        return value is None
    if asked == "duration_weeks" and isinstance(expect, (int, float)):
        return isinstance(value, (int, float)) and abs(value - expect) <= float(item.get("tolerance") or 0.5)
    return value == expect


def confirm_rule(item: dict[str, Any]) -> str:
    question = item.get("question", "").lower()
    return next((rule for word, rule in CONFIRM_RULES.items() if word in question), "R1")


def test_answers_to_each_question_in_peoples_own_words(assistant):
    items = [
        dict(item, question_rule=confirm_rule(item))
        for item in corpus.load(corpus.HELDOUT / "answers.yml")
        if not item.get("date")
    ]  # read against their own day: test_durations_against_the_day_written
    outcomes = corpus.play(assistant, items, "answers")
    totals, right = Counter(), Counter()
    wrong = []
    for outcome in outcomes:
        asked = outcome.item["asked"]
        totals[asked] += 1
        if read_right(outcome):
            right[asked] += 1
        else:
            wrong.append(
                {
                    "asked": asked,
                    "text": outcome.item["text"],
                    "expect": outcome.item["expect"],
                    "got": outcome.slots.get(asked) if asked not in ("red_flags", "confirm") else outcome.describe(),
                }
            )
    report = {
        "answers": sum(totals.values()),
        "read_right": sum(right.values()),
        "per_question": {q: {"items": totals[q], "right": right[q]} for q in sorted(totals)},
        "wrong": wrong,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "heldout-answers.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"held-out answers: {report['read_right']}/{report['answers']} read right")
    # Safety: a warning sign given as the answer to the safety check is never "none of these".
    unsafe = [w for w in wrong if w["asked"] == "red_flags" and w["expect"] == "sign"]
    assert not unsafe, unsafe


DATED_AT_LEAST = 0.8  # measured 13 of 14 when relative days were first read (2026-11-30)


def test_durations_against_the_day_written():
    """ "since Boxing Day", written on 30 January: the reader the Rasa server runs
    (ClinicalTextReader, as ClinicalFindingsExtractor calls it), given the day each answer
    was written, which a live conversation takes from the clinic's clock."""
    from datetime import date

    from components.clinical_text import ClinicalTextReader

    reader = ClinicalTextReader()
    items = [i for i in corpus.load(corpus.HELDOUT / "answers.yml") if i.get("date")]
    rows = []
    for item in items:
        weeks = next(
            (
                f.value
                for f in reader.read(item["text"], today=date.fromisoformat(str(item["date"])))
                if f.name == "duration_weeks"
            ),
            None,
        )
        expect = item["expect"]
        right = (
            weeks is None
            if not isinstance(expect, (int, float))
            else weeks is not None and abs(weeks - expect) <= float(item.get("tolerance") or 0.5)
        )
        rows.append({"text": item["text"], "date": str(item["date"]), "expect": expect, "got": weeks, "right": right})
    report = {"answers": len(rows), "read_right": sum(r["right"] for r in rows), "rows": rows}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "heldout-dates.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    assert items and report["read_right"] >= DATED_AT_LEAST * len(items), [r for r in rows if not r["right"]]
