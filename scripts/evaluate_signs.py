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

The statistical reader's candidates and their comparison are in scripts/sign_models.py;
the scoring and the report in scripts/sign_report.py.
"""

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a file, not with -m
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import sign_classifier as sc  # noqa: E402
from components.clinical_text import DISMISSED_SIGN  # noqa: E402
from heel import (
    lexicon,  # noqa: E402
    warning_signs,  # noqa: E402
)
from scripts.sign_models import (  # noqa: E402
    CHOSEN,
    FOLDS,
    SEED,
    compare,
    cross_validated_probabilities,
    flags_from_probabilities,
)
from scripts.sign_report import ORDINARY, markdown, summarise, timing  # noqa: E402
from settings import ROOT  # noqa: E402

TRAIN = ROOT / "corpus" / "train" / "signs.yml"
HELDOUT = ROOT / "corpus" / "heldout" / "signs.yml"
DEV = ROOT / "corpus" / "dev" / "signs.yml"
NLU = ROOT / "data" / "nlu"

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
    parser.add_argument(
        "--only", metavar="TEXT", help="with --compare: only the models whose name contains TEXT (e.g. chosen)"
    )
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
        compare(items, rules, excludes, only=args.only)
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
