"""Scoring and the report of scripts/evaluate_signs.py: whether a reader caught each
warning sign or raised a false alarm, the summary per reader, rule and look-alike,
and the Markdown report with every miss and false alarm of the combined reader.
"""

import statistics
import time
from collections.abc import Sequence
from typing import Any

from components import sign_classifier as sc
from heel import warning_signs
from heel.levels import rank

ORDINARY = "ordinary"  # the `near` of an NLU example used as a negative
LEVEL_OF = {r.rule: r.level for r in warning_signs.RULES}


# -- scoring ------------------------------------------------------------------
def caught(expected: str, got: str | None) -> bool:
    return got is not None and rank(LEVEL_OF[got]) <= rank(LEVEL_OF[expected])


def combine(rule: str | None, flag: tuple[str, float] | None) -> tuple[str | None, str]:
    """(rule, how): the rules' escalation if any, else the statistical confirm question."""
    if rule:
        return rule, "escalate"
    if flag:
        return flag[0], "confirm"
    return None, ""


def summarise(items, rules: list[str | None], flags: list[tuple[str, float] | None]) -> dict[str, Any]:
    signs = [i for i, item in enumerate(items) if item["sign"] != sc.NONE]
    looks = [i for i, item in enumerate(items) if item["sign"] == sc.NONE and item.get("near") != ORDINARY]
    ordinary = [i for i, item in enumerate(items) if item.get("near") == ORDINARY]
    stat = [f[0] if f else None for f in flags]
    comb = [combine(r, f)[0] for r, f in zip(rules, flags, strict=False)]
    # Variant: also ask to confirm when the statistical rule is more urgent than the rules' escalation.
    upgraded = [
        f[0] if f and r and rank(LEVEL_OF[f[0]]) < rank(LEVEL_OF[r]) else c
        for r, f, c in zip(rules, flags, comb, strict=False)
    ]
    readers = (("rules", rules), ("statistical", stat), ("combined", comb))

    def recall(idx, got):
        return sum(caught(items[i]["sign"], got[i]) for i in idx) / len(idx) if idx else float("nan")

    def alarms(idx, got):
        return sum(got[i] is not None for i in idx)

    per_rule = {}
    for rule in sc.RULES:
        idx = [i for i in signs if items[i]["sign"] == rule]
        per_rule[rule] = {"n": len(idx), **{k: recall(idx, v) for k, v in readers}}
    per_near = {}
    for rule in sc.RULES:
        idx = [i for i in looks if items[i].get("near") == rule]
        per_near[rule] = {"n": len(idx), **{k: alarms(idx, v) for k, v in readers}}
    out = {
        "signs": len(signs),
        "look_alikes": len(looks),
        "recall": {
            **{k: recall(signs, v) for k, v in readers},
            "statistical_any_flag": sum(stat[i] is not None for i in signs) / len(signs),
            "combined_with_upgrade": recall(signs, upgraded),
        },
        "misses": {
            **{k: sum(not caught(items[i]["sign"], v[i]) for i in signs) for k, v in readers},
            "combined_with_upgrade": sum(not caught(items[i]["sign"], upgraded[i]) for i in signs),
        },
        "false_alarms": {k: alarms(looks, v) for k, v in readers},
        "false_alarm_rate": {k: alarms(looks, v) / len(looks) for k, v in readers},
        "confirm_questions_on_signs": sum(rules[i] is None and flags[i] is not None for i in signs),
        "per_rule": per_rule,
        "per_near": per_near,
    }
    if ordinary:
        out["ordinary"] = {"n": len(ordinary), **{k: alarms(ordinary, v) for k, v in readers}}
        out["ordinary_false_alarm_rate"] = {k: alarms(ordinary, v) / len(ordinary) for k, v in readers}
    return out


# -- report ---------------------------------------------------------------------
def timing(model: sc.SignClassifier, texts: Sequence[str]) -> float:
    """Median microseconds per message of SignClassifier.flag (after a warm-up)."""
    for text in texts[:20]:
        model.flag(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        model.flag(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def fmt(x: float) -> str:
    return f"{x:.1%}"


def markdown(name: str, items, rules, flags, summary, info: dict[str, Any]) -> str:
    lines = [f"# Warning-sign readers on {name}", ""]
    lines += [
        f"- items: {summary['signs']} warning signs, {summary['look_alikes']} look-alikes"
        + (f", {summary['ordinary']['n']} ordinary messages (data/nlu)" if "ordinary" in summary else ""),
        f"- statistical reader: {info['model']}, threshold {info['threshold']:.2f}; {info['how']}",
        f"- training time {info['train_seconds']:.2f} s on {info['train_items']} examples; "
        f"median {info['median_us']:.0f} µs per message",
        "- a sign is caught when a rule of at least its urgency level is escalated (rules) or "
        "asked to confirm (statistical)",
        "",
    ]
    r, fa = summary["recall"], summary["false_alarm_rate"]
    ordinary = summary.get("ordinary")
    lines += [
        "## Overall",
        "",
        "| reader | recall | misses | false alarms on look-alikes |" + (" on ordinary messages |" if ordinary else ""),
        "|---|---|---|---|" + ("---|" if ordinary else ""),
    ]
    for k, label in (
        ("rules", "rules alone (escalations)"),
        ("statistical", "statistical alone (confirm questions)"),
        ("combined", "combined"),
    ):
        lines.append(
            f"| {label} | {fmt(r[k])} | {summary['misses'][k]} | {summary['false_alarms'][k]} ({fmt(fa[k])}) |"
            + (f" {ordinary[k]} ({fmt(summary['ordinary_false_alarm_rate'][k])}) |" if ordinary else "")
        )
    lines += [
        "",
        f"Combined, if the confirm question were also asked when the statistical rule is more urgent "
        f"than the rules' escalation: recall {fmt(r['combined_with_upgrade'])}, "
        f"{summary['misses']['combined_with_upgrade']} misses (same false alarms).",
        "",
    ]
    lines += [
        f"Statistical reader, any flag on a sign item: {fmt(r['statistical_any_flag'])}. "
        f"Confirm questions asked on sign items the rules missed: {summary['confirm_questions_on_signs']}.",
        "",
    ]
    lines += [
        "## Recall per rule",
        "",
        "| rule | level | n | rules | statistical | combined |",
        "|---|---|---|---|---|---|",
    ]
    for rule, s in summary["per_rule"].items():
        lines.append(
            f"| {rule} | {LEVEL_OF[rule]} | {s['n']} | {fmt(s['rules'])} | {fmt(s['statistical'])} | "
            f"{fmt(s['combined'])} |"
        )
    lines += [
        "",
        "## False alarms on look-alikes, per rule they resemble",
        "",
        "| near | n | rules escalations | statistical confirms | combined |",
        "|---|---|---|---|---|",
    ]
    for rule, s in summary["per_near"].items():
        lines.append(f"| {rule} | {s['n']} | {s['rules']} | {s['statistical']} | {s['combined']} |")
    misses, alarms = [], []
    for item, rule, flag in zip(items, rules, flags, strict=False):
        got, how = combine(rule, flag)
        got_text = "nothing" if got is None else f"{got} ({how}{f' p={flag[1]:.2f}' if how == 'confirm' else ''})"
        text = item["text"].replace("|", "/").replace("\n", " ")
        if item["sign"] != sc.NONE and not caught(item["sign"], got):
            misses.append(f"| {text} | {item['sign']} | {got_text} |")
        elif item["sign"] == sc.NONE and got is not None:
            alarms.append(f"| {text} | none ({item.get('near')}) | {got_text} |")
    lines += ["", f"## Every miss of the combined reader ({len(misses)})", ""]
    lines += (["| text | expected | got |", "|---|---|---|"] + misses) if misses else ["None."]
    lines += ["", f"## Every false alarm of the combined reader ({len(alarms)})", ""]
    lines += (["| text | expected | got |", "|---|---|---|"] + alarms) if alarms else ["None."]
    return "\n".join(lines) + "\n"
