"""Evaluate the warning-sign readers on the paraphrase corpus (issue 11, item 2).

Three readers, per item of corpus/train/signs.yml (default) or
corpus/heldout/signs.yml (`--heldout`):

(a) rules: components.clinical_text.ClinicalTextReader + heel.warning_signs.match
    (diabetes / recent injury read from the same message; in mid-interview answers
    to the diabetes or recent-injury question, a leading yes-word means "yes");
(b) statistical: components.sign_classifier.SignClassifier. On the training part its
    predictions are cross-validated (5 stratified folds), so no item is scored by a
    model that saw it; on the held-out part it is trained on the whole training part;
(c) combined: the rules' rule if any (an escalation), else the statistical flag
    (a confirming question).

On the training part, the NLU examples (data/nlu) are scored too, as ordinary
messages that are no warning sign (cross-validated with the rest, as the model
is trained on them).

A sign item is caught when the reader escalates or asks to confirm a rule whose
urgency level is at least the expected rule's level. A look-alike (`sign: none`)
gets a false alarm when the reader escalates or asks to confirm anything.

Usage (from the project root):
    .venv/bin/python -m scripts.evaluate_signs [--heldout] [--json PATH]
    .venv/bin/python -m scripts.evaluate_signs --compare     # model selection, CV on the training part only

The held-out part is for the final report only: tune on the training part.
"""

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a file, not with -m
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import sign_classifier as sc  # noqa: E402
from components.clinical_text import DISMISSED_SIGN  # noqa: E402
from heel import (
    lexicon,  # noqa: E402
    warning_signs,  # noqa: E402
)
from heel.levels import rank  # noqa: E402
from settings import ROOT  # noqa: E402

TRAIN = ROOT / "corpus" / "train" / "signs.yml"
HELDOUT = ROOT / "corpus" / "heldout" / "signs.yml"
DEV = ROOT / "corpus" / "dev" / "signs.yml"
NLU = ROOT / "data" / "nlu"
FOLDS = 5
SEED = 42
MAX_FALSE_FLAGS = 0.08  # statistical confirm questions on look-alikes, in CV
MAX_ORDINARY_FLAGS = 0.01  # ... and on ordinary messages (the NLU examples), in CV
MAX_COMBINED_FALSE = 0.05  # rules escalations + statistical confirm questions on look-alikes, in CV
ORDINARY = "ordinary"  # the `near` of an NLU example used as a negative

LEVEL_OF = {r.rule: r.level for r in warning_signs.RULES}
YES_WORD = re.compile(
    r"^\W*(?:yes|yess|yeah|yeh|yea|ye|yep|yup|ya|yah|aye|sure|correct|definitely|indeed|of course|"
    r"i\s+(?:do|did|am|have|had)(?!\s*(?:not|n't|nt)\b))\b",
    re.IGNORECASE,
)
CONTEXT_QUESTIONS = ("diabetes", "recent_injury")


# -- readers ------------------------------------------------------------------
def rules_outcome(reader, item: dict[str, Any]) -> tuple[str | None, frozenset]:
    """The rule the rules reader escalates for this item, or None; and the rules whose
    words it read and set aside (which the statistical reader does not raise again)."""
    text = item["text"]
    features, found, dismissed = set(), {}, set()
    for finding in reader.read(text):
        if finding.name == DISMISSED_SIGN:
            dismissed.add(finding.value)
        elif finding.name == "warning_sign" and finding.value in warning_signs.FEATURES:
            features.add(finding.value)
        elif finding.name in CONTEXT_QUESTIONS:
            found[finding.name] = finding.value
    asked = item.get("asked")
    if item.get("context") == "mid_interview" and asked in CONTEXT_QUESTIONS and YES_WORD.match(text):
        found[asked] = "yes"
    sign = warning_signs.match(features, found.get("diabetes"), found.get("recent_injury"))
    return (sign.rule if sign else None), lexicon.rules_of_signs(dismissed)


def read_rules(items: Sequence[dict[str, Any]]) -> tuple[list[str | None], list[frozenset]]:
    """Per item: the rules' escalation, and the rules the statistical reader must not raise."""
    from components.clinical_text import ClinicalTextReader

    reader = ClinicalTextReader()
    outcomes = [rules_outcome(reader, item) for item in items]
    return [rule for rule, _ in outcomes], [excluded for _, excluded in outcomes]


def ordinary_items(nlu_path: Path = NLU) -> list[dict[str, Any]]:
    """The NLU examples (data/nlu, no intent about warning signs) as look-alike-free
    negatives: what people mostly write (greetings, answers, questions)."""
    return [{"text": t, "sign": sc.NONE, "near": ORDINARY, "context": "nlu"} for t in sc.nlu_negatives(nlu_path)]


@dataclass(frozen=True)
class Candidate:
    name: str
    model: str = sc.DEFAULT_MODEL
    features: str = sc.DEFAULT_FEATURES
    params: tuple[tuple[str, float], ...] = tuple(sc.DEFAULT_PARAMS.items())
    negatives: str | None = sc.DEFAULT_NEGATIVES  # None, or the label of the NLU examples in training
    decision: str = "rule"

    def make(self, threshold: float = 0.5) -> sc.SignClassifier:
        return sc.SignClassifier(threshold, self.model, self.features, **dict(self.params))

    def describe(self) -> str:
        params = ", ".join(f"{k}={v:g}" for k, v in self.params)
        extra = f", NLU examples as '{self.negatives}'" if self.negatives else ""
        return f"{self.model} ({params}), features {self.features}{extra}"


CHOSEN = Candidate("chosen")


def cross_validated_probabilities(
    items: Sequence[dict[str, Any]], candidate: Candidate, folds: int = FOLDS, seed: int = SEED
) -> tuple[np.ndarray, list[str]]:
    """Out-of-fold class probabilities (n, classes) for every item. Items whose
    `near` is ORDINARY (the NLU examples) are folded too: they are trained on
    (in their training folds only) when the candidate uses them as negatives,
    and are always predicted by a model that did not see them."""
    from sklearn.model_selection import StratifiedKFold

    texts = [i["text"] for i in items]
    strata = [ORDINARY if i.get("near") == ORDINARY else i["sign"] for i in items]
    classes = list(sc.RULES) + [sc.NONE, sc.OTHER]
    out = np.zeros((len(items), len(classes)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(texts, strata):
        corpus = [i for i in train if strata[i] != ORDINARY]
        negatives = [texts[i] for i in train if strata[i] == ORDINARY] if candidate.negatives else []
        model = candidate.make().fit(
            [texts[i] for i in corpus], [strata[i] for i in corpus], negatives, candidate.negatives or sc.NONE
        )
        probs = model.probabilities([texts[i] for i in test])
        for j, cls in enumerate(model.classes):
            out[test, classes.index(cls)] = probs[:, j]
    return out, classes


def flags_from_probabilities(
    probs: np.ndarray,
    classes: list[str],
    threshold: float,
    decision: str = "rule",
    excludes: Sequence[frozenset] | None = None,
) -> list[tuple[str, float] | None]:
    """What SignClassifier.flag would say for each row ("rule": the most likely rule's
    probability must reach the threshold, or sc.SET_ASIDE_THRESHOLD for a rule the rules
    reader set aside in that row (`excludes`); "any", compared only: P(some rule) must)."""
    out = []
    for n, row in enumerate(probs):
        excluded = excludes[n] if excludes is not None else frozenset()
        rule_cols = [
            classes.index(r)
            for r in sc.RULES
            if r not in excluded or row[classes.index(r)] >= max(threshold, sc.SET_ASIDE_THRESHOLD)
        ]
        if not rule_cols:
            out.append(None)
            continue
        j = max(rule_cols, key=lambda c: row[c])
        p = float(row[j]) if decision == "rule" else float(row[rule_cols].sum())
        out.append((classes[j], p) if p >= threshold else None)
    return out


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


# -- model selection (training part only) --------------------------------------
CANDIDATES = [
    Candidate("logreg C=20, word+char", features="word+char", params=(("C", 20.0),), negatives=None),
    Candidate("logreg C=50, word+char", features="word+char", params=(("C", 50.0),), negatives=None),
    Candidate("logreg C=20, word only", features="word", params=(("C", 20.0),), negatives=None),
    Candidate("logreg C=20, char only", features="char", params=(("C", 20.0),), negatives=None),
    Candidate("logreg C=50, word(neg)+char", params=(("C", 50.0),), negatives=None),
    Candidate("logreg balanced C=20, word+char", "logreg_balanced", "word+char", (("C", 20.0),), None),
    Candidate("linear SVM (sigmoid) C=1, word+char", "svm", "word+char", (("C", 1.0),), None),
    Candidate("complement NB a=0.3, word+char", "cnb", "word+char", (("alpha", 0.3),), None),
    Candidate(
        "logreg C=50, word+char, flag on P(any rule)",
        features="word+char",
        params=(("C", 50.0),),
        negatives=None,
        decision="any",
    ),
    Candidate("logreg C=50, word+char, + NLU as none", features="word+char", params=(("C", 50.0),), negatives=sc.NONE),
    Candidate("logreg C=50, word(neg)+char, + NLU as none", params=(("C", 50.0),), negatives=sc.NONE),
    Candidate(
        "logreg C=20, word+char, + NLU as other", features="word+char", params=(("C", 20.0),), negatives=sc.OTHER
    ),
    Candidate(
        "logreg C=50, word+char, + NLU as other", features="word+char", params=(("C", 50.0),), negatives=sc.OTHER
    ),
    Candidate("logreg C=20, word(neg)+char, + NLU as other", params=(("C", 20.0),), negatives=sc.OTHER),
    Candidate("logreg C=50, word(neg)+char, + NLU as other (chosen)", params=(("C", 50.0),), negatives=sc.OTHER),
    Candidate("logreg C=100, word(neg)+char, + NLU as other", params=(("C", 100.0),), negatives=sc.OTHER),
    Candidate("linear SVM C=1, word(neg)+char, + NLU as other", "svm", params=(("C", 1.0),), negatives=sc.OTHER),
    Candidate(
        "logreg C=50, word(neg)+char, + NLU as other, flag on P(any rule)",
        params=(("C", 50.0),),
        negatives=sc.OTHER,
        decision="any",
    ),
    Candidate("logreg C=20, word(neg)+char, + NLU as none", params=(("C", 20.0),), negatives=sc.NONE),
    Candidate("linear SVM C=1, word(neg)+char, + NLU as none", "svm", params=(("C", 1.0),), negatives=sc.NONE),
    Candidate("complement NB a=0.3, word(neg)+char, + NLU as none", "cnb", params=(("alpha", 0.3),), negatives=sc.NONE),
]
THRESHOLDS = [round(t, 2) for t in np.arange(0.05, 0.96, 0.01)]
SEEDS = (42, 43, 44)  # repeated 5-fold CV, pooled: one sign item is 0.08% instead of 0.25%


def best_threshold(items, rules, probs, classes, decision: str = "rule", use_rules: bool = True, excludes=None):
    """The threshold with the highest CV recall of "some sign flagged" whose false
    alarms stay within the limits: statistical flags on look-alikes <= MAX_FALSE_FLAGS,
    combined false alarms on look-alikes <= MAX_COMBINED_FALSE (when the rules
    reader is available) and statistical flags on ordinary messages <= MAX_ORDINARY_FLAGS
    (ties: level-ok recall, then the higher threshold). When no threshold keeps
    them all, the one with the fewest false alarms; `within` says which."""
    best, fallback = None, None
    for t in THRESHOLDS:
        s = summarise(items, rules, flags_from_probabilities(probs, classes, t, decision, excludes))
        ordinary = s.get("ordinary_false_alarm_rate", {}).get("statistical", 0.0)
        combined = s["false_alarm_rate"]["combined"] if use_rules else 0.0
        excess = (
            max(0.0, s["false_alarm_rate"]["statistical"] - MAX_FALSE_FLAGS)
            + max(0.0, combined - MAX_COMBINED_FALSE)
            + max(0.0, ordinary - MAX_ORDINARY_FLAGS)
        )
        if fallback is None or excess < fallback[0]:
            fallback = (excess, t, s)
        if excess > 0:
            continue
        key = (s["recall"]["statistical_any_flag"], s["recall"]["statistical"], t)
        if best is None or key >= best[0]:
            best = (key, t, s)
    if best is not None:
        return best[1], best[2], True
    return fallback[1], fallback[2], False


def compare(
    items: list[dict[str, Any]], rules: list[str | None] | None, excludes: list[frozenset] | None = None
) -> None:
    n_ordinary = sum(i.get("near") == ORDINARY for i in items)
    print("# Warning-sign statistical reader: model comparison\n")
    print(
        f"{FOLDS}-fold stratified CV, repeated with seeds {', '.join(map(str, SEEDS))} and pooled, on "
        f"the training and development parts only ({len(items) - n_ordinary} items) plus the {n_ordinary} NLU examples "
        f"of data/nlu as ordinary messages (folded too: trained on only in their training folds, and only "
        f"by the '+ NLU' models). Threshold per model: the highest recall of any flag on sign items with "
        f"statistical flags <= {MAX_FALSE_FLAGS:.0%} on look-alikes and <= {MAX_ORDINARY_FLAGS:.0%} on ordinary "
        f"messages, and combined false alarms <= {MAX_COMBINED_FALSE:.0%} on look-alikes "
        f"(* = no threshold keeps them all: the one with the fewest). "
        f"Combined: the rules' escalation if any, else the statistical confirm question; "
        f"'+ upgrade': also confirm when the statistical rule is more urgent than the rules' one.\n"
    )
    print(
        "| model | thr | stat: any flag | stat: level ok | stat flags look-alikes | stat flags ordinary | "
        "combined recall | + upgrade | combined false alarms (look-alikes) | fit+predict 5 folds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    use_rules = rules is not None
    rules = rules or [None] * len(items)
    for c in CANDIDATES:
        started = time.perf_counter()
        runs = [cross_validated_probabilities(items, c, seed=seed) for seed in SEEDS]
        took = (time.perf_counter() - started) / len(SEEDS)
        probs, classes = np.vstack([p for p, _ in runs]), runs[0][1]
        t, s, within = best_threshold(
            list(items) * len(SEEDS),
            list(rules) * len(SEEDS),
            probs,
            classes,
            c.decision,
            use_rules,
            list(excludes or [frozenset()] * len(items)) * len(SEEDS),
        )
        r = s["recall"]
        print(
            f"| {c.name} | {t:.2f}{'' if within else '*'} | {r['statistical_any_flag']:.1%} | "
            f"{r['statistical']:.1%} | {s['false_alarm_rate']['statistical']:.1%} | "
            f"{s['ordinary_false_alarm_rate']['statistical']:.1%} | {r['combined']:.1%} | "
            f"{r['combined_with_upgrade']:.1%} | {s['false_alarm_rate']['combined']:.1%} | {took:.1f} s |",
            flush=True,
        )


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--heldout", action="store_true", help="evaluate on corpus/heldout/signs.yml (final report only)"
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="evaluate on corpus/dev/signs.yml (author C, for tuning), training on the training part only",
    )
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    parser.add_argument(
        "--on",
        type=Path,
        metavar="FILE",
        help="evaluate on another corpus file (e.g. corpus/dev2/signs.yml), trained as the assistant is",
    )
    parser.add_argument("--compare", action="store_true", help="compare models by CV on the training part")
    parser.add_argument("--threshold", type=float, default=sc.DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)

    # What the assistant trains on: the training and development parts. `--dev` keeps the
    # development part out, to measure on it as it was measured while the reader was tuned.
    training = [TRAIN] if args.dev else [ROOT / p for p in sc.DEFAULT_CORPUS]
    train_items = sc.load_items(training)
    shown = " and ".join(str(p.relative_to(ROOT)) for p in training)
    ordinary = ordinary_items()
    if args.compare:
        items = train_items + ordinary
        try:
            rules, excludes = read_rules(items)
        except Exception as error:  # the rules reader is edited by others: compare the models anyway
            print(f"(rules reader unavailable: {error!r}; combined columns are the statistical reader alone)\n")
            rules, excludes = None, None
        compare(items, rules, excludes)
        return 0

    negatives = [i["text"] for i in ordinary] if CHOSEN.negatives else []
    started = time.perf_counter()
    full = CHOSEN.make(args.threshold).fit(
        [i["text"] for i in train_items], [i["sign"] for i in train_items], negatives, CHOSEN.negatives or sc.NONE
    )
    train_seconds = time.perf_counter() - started
    if args.heldout or args.dev or args.on:
        path = HELDOUT if args.heldout else DEV if args.dev else args.on.resolve()
        items = sc.load_items(path)
        rules, excludes = read_rules(items)
        name = (
            f"{'the held-out part' if args.heldout else 'the development part' if args.dev else 'a corpus'} "
            f"({path.relative_to(ROOT)})"
        )
        flags = [full.flag(i["text"], excluded) for i, excluded in zip(items, excludes, strict=False)]
        how = (
            f"trained on {shown}"
            + (" and the NLU examples" if negatives else "")
            + "; ordinary messages: see the training-part report (cross-validated)"
        )
    else:
        items = train_items + ordinary
        name = f"the training parts ({shown}) and data/nlu, statistical reader cross-validated"
        rules, excludes = read_rules(items)
        probs, classes = cross_validated_probabilities(items, CHOSEN)
        flags = flags_from_probabilities(probs, classes, args.threshold, excludes=excludes)
        how = f"{FOLDS}-fold stratified cross-validated predictions (seed {SEED})"
    summary = summarise(items, rules, flags)
    info = {
        "model": CHOSEN.describe(),
        "threshold": args.threshold,
        "how": how,
        "train_seconds": train_seconds,
        "train_items": len(train_items) + len(negatives),
        "median_us": timing(full, [i["text"] for i in items]),
    }
    sys.stdout.write(markdown(name, items, rules, flags, summary, info))
    if args.json:
        args.json.write_text(json.dumps({**info, **summary}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
