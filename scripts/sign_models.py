"""The statistical warning-sign reader's candidates for scripts/evaluate_signs.py: each
model cross-validated on the training part, its flags at a threshold, the threshold
that keeps false alarms within the limits, and the comparison of the candidates
(`--compare`).
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from components import sign_classifier as sc
from scripts.sign_report import ORDINARY, summarise

FOLDS = 5
SEED = 42
MAX_FALSE_FLAGS = 0.08  # statistical confirm questions on look-alikes, in CV
MAX_ORDINARY_FLAGS = 0.01  # ... and on ordinary messages (the NLU examples), in CV
MAX_COMBINED_FALSE = 0.05  # rules escalations + statistical confirm questions on look-alikes, in CV


# -- candidates, cross-validated ------------------------------------------------
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
    items: list[dict[str, Any]],
    rules: list[str | None] | None,
    excludes: list[frozenset] | None = None,
    only: str | None = None,
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
    for c in [c for c in CANDIDATES if only is None or only in c.name]:
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
