"""Cross-validate the intent classifier and write docs/nlu-evaluation.md.

Runs `rasa test nlu --nlu data/nlu --config <cfg> --cross-validation --folds 5
--out <dir>` as a subprocess, reads <dir>/intent_report.json, prints the F1 of
every intent and the macro average, and writes the report in docs/.

The default config is config.yml without FallbackClassifier, written to
build/config-crossval.yml at each run (never kept by hand), so that an
uncertain prediction is scored as the intent the classifier chose instead of
as `nlu_fallback`.

Rasa shuffles the folds with NumPy's global random state and no seed, so two
bare runs split the data differently. By default this script seeds NumPy
(`--seed 42`) before handing over to Rasa's own CLI, so the report can be
reproduced exactly; `--seed -1` runs the bare `rasa` executable instead.

Running Rasa's cross-validation is scripts/nlu_crossval.py's; the report is made here.

Usage (from the project root):
    .venv/bin/python -m scripts.evaluate_nlu
    .venv/bin/python -m scripts.evaluate_nlu --report-only   # re-read <dir>, no run
"""

import argparse
import json
import os
import platform
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from scripts.nlu_crossval import CROSSVAL_CONFIG, crossval_config, display_command, run_cross_validation
from settings import ROOT

AGGREGATES = ("accuracy", "macro avg", "weighted avg", "micro avg")


def read_report(out: Path) -> dict:
    path = out / "intent_report.json"
    if not path.exists():
        sys.exit(f"{path} not found: run without --report-only first")
    return json.loads(path.read_text())


def per_intent(report: dict) -> dict[str, dict]:
    return {name: scores for name, scores in report.items() if name not in AGGREGATES and isinstance(scores, dict)}


def confusions(intents: dict[str, dict], top: int) -> list[tuple[str, str, int]]:
    pairs = Counter()
    for name, scores in intents.items():
        for other, count in (scores.get("confused_with") or {}).items():
            pairs[(name, other)] += int(count)
    return [(true, predicted, n) for (true, predicted), n in pairs.most_common(top)]


def misclassified(out: Path, limit: int) -> list[dict]:
    path = out / "intent_errors.json"
    if not path.exists():
        return []
    errors = json.loads(path.read_text())
    errors.sort(key=lambda e: -float((e.get("intent_prediction") or {}).get("confidence") or 0))
    return errors[:limit]


def print_summary(intents: dict[str, dict], report: dict) -> None:
    width = max(len(n) for n in intents)
    print(f"\n{'intent':<{width}}  {'F1':>6}  {'support':>7}")
    for name in sorted(intents, key=lambda n: (intents[n]["f1-score"], n)):
        print(f"{name:<{width}}  {intents[name]['f1-score']:6.3f}  {intents[name]['support']:7d}")
    macro = report["macro avg"]
    print(f"\nmacro avg F1 {macro['f1-score']:.4f}  precision {macro['precision']:.4f}  recall {macro['recall']:.4f}")
    print(f"weighted avg F1 {report['weighted avg']['f1-score']:.4f}  accuracy {report['accuracy']:.4f}")


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_markdown(
    args: argparse.Namespace, report: dict, elapsed: float | None, other_seeds: dict[int, dict] | None = None
) -> str:
    intents = per_intent(report)
    macro, weighted = report["macro avg"], report["weighted avg"]
    total = sum(s["support"] for s in intents.values())
    target = args.target
    verdict = "meets" if macro["f1-score"] >= target else "does NOT meet"
    config_text = (ROOT / args.config).read_text() if (ROOT / args.config).exists() else ""
    lines = [
        "# NLU evaluation: intent classification, 5-fold cross-validation",
        "",
        f"- **Date**: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        "- **Reproduce**: `.venv/bin/python -m scripts.evaluate_nlu"
        + (" --also-seeds " + " ".join(map(str, args.also_seeds)) if args.also_seeds else "")
        + "` (from the project root; `--help` for options)",
        f"- **It runs**: `{display_command(args)}`"
        + (
            f" with NumPy's random state seeded to {args.seed} so the folds are the same every run"
            if args.seed >= 0
            else " (unseeded: the folds differ from run to run)"
        ),
        f"- **Config**: `{args.config}` (the pipeline and policies of `config.yml` without `FallbackClassifier`)",
        f"- **Data**: `{args.nlu}`, {total} examples in {len(intents)} intents",
        f"- **Environment**: Rasa {_rasa_version()}, Python {platform.python_version()}"
        + (
            f", {elapsed:.0f} s for the whole cross-validation on {os.cpu_count()} cores" if elapsed is not None else ""
        ),
        "",
        "## Summary",
        "",
        f"Intent macro-F1 is **{macro['f1-score']:.4f}**, which {verdict} the target of {target:.2f}.",
        "",
        "| metric | value |",
        "| --- | --- |",
        f"| macro F1 | {macro['f1-score']:.4f} |",
        f"| macro precision | {macro['precision']:.4f} |",
        f"| macro recall | {macro['recall']:.4f} |",
        f"| weighted F1 | {weighted['f1-score']:.4f} |",
        f"| accuracy | {report['accuracy']:.4f} |",
        "",
    ]
    if other_seeds:
        runs = {args.seed: report, **other_seeds}
        macros = [r["macro avg"]["f1-score"] for r in runs.values()]
        lines += [
            "The same cross-validation with other fold splits (other seeds), to show how much the"
            " score depends on the split:",
            "",
            "| seed | macro F1 | weighted F1 | accuracy |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {seed} | {r['macro avg']['f1-score']:.4f} | {r['weighted avg']['f1-score']:.4f} | {r['accuracy']:.4f} |"
            for seed, r in runs.items()
        ]
        lines += [f"| mean (min-max) | {sum(macros) / len(macros):.4f} ({min(macros):.4f}-{max(macros):.4f}) | | |", ""]
    lines += [
        "## Per intent",
        "",
        "Scores over the held-out folds (every example is tested exactly once), sorted from the weakest intent.",
        "",
        "| intent | precision | recall | F1 | support | confused with |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in sorted(intents, key=lambda n: (intents[n]["f1-score"], n)):
        s = intents[name]
        confused = ", ".join(
            f"{o} ({n})" for o, n in sorted((s.get("confused_with") or {}).items(), key=lambda kv: -kv[1])
        )
        lines.append(
            f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1-score']:.3f} "
            f"| {s['support']} | {confused or '-'} |"
        )
    lines += ["", "## Most frequent confusions", ""]
    top = confusions(intents, args.top_confusions)
    if top:
        lines += ["| true intent | predicted as | count |", "| --- | --- | --- |"]
        lines += [f"| {t} | {p} | {n} |" for t, p, n in top]
    else:
        lines.append("None: every held-out example was classified correctly.")
    errors = misclassified(args.out if args.out.is_absolute() else ROOT / args.out, args.examples)
    if errors:
        lines += [
            "",
            "### Misclassified examples (most confident first)",
            "",
            "| text | true intent | predicted | confidence |",
            "| --- | --- | --- | --- |",
        ]
        for e in errors:
            pred = e.get("intent_prediction") or {}
            lines.append(
                f"| {_cell(e.get('text'))} | {e.get('intent')} | {pred.get('name')} "
                f"| {float(pred.get('confidence') or 0):.2f} |"
            )
    lines += [
        "",
        "## Notes",
        "",
    ]
    lines += [
        "- Cross-validation uses config.yml without `FallbackClassifier` (generated at each run):"
        " the only difference is"
        " that `FallbackClassifier` (threshold 0.3) is left out. With it, a held-out example"
        " classified with low confidence would count as `nlu_fallback`, an intent with no"
        " training examples, which says more about the threshold than about the classifier."
        " In production such messages get `utter_default` (or are handled by the form).",
        "- Rasa's folds are stratified by intent and shuffled; the score of a single run moves"
        " by about ±0.01 with the split, so compare runs made with the same seed"
        " (`--also-seeds` adds runs with other splits to the summary).",
        "- Only intents are scored here. Entities come from the rule-based"
        " `ClinicalFindingsExtractor` (its own unit tests cover it); the NLU data has no entity"
        " annotations, so the entity report Rasa also writes lists only its extractions as"
        " unmatched and is not meaningful.",
        "- Short answers (`affirm`, `deny`, `dont_know`) are also disambiguated by the form:"
        " during the interview the slot mappings only use them for the question being asked,"
        ' and a negated symptom ("no numbness") is `inform`, not `deny`.',
        '- Known weak spot: short negated findings ("no numbness", "not diabetic", "no back pain")'
        " are sometimes classified as `deny` (see the confusions above). When that happens during the"
        ' interview, `deny` also fills the question being asked with "no", so the form should not'
        " rely on the intent alone when the message itself names a different finding.",
        f"- Every report file (`intent_report.json`, `intent_errors.json`, confusion matrix,"
        f" histogram) is in `{args.out}/`, which is not committed.",
        "",
        "<details><summary>Config used</summary>",
        "",
        "```yaml",
        config_text.rstrip(),
        "```",
        "",
        "</details>",
        "",
    ]
    return "\n".join(lines)


def _rasa_version() -> str:
    try:
        import rasa.version

        return rasa.version.__version__
    except Exception:  # pragma: no cover - only for the report
        return "unknown"


KEPT_SECTION = "\n<!-- Below: the held-out corpus evaluation, kept when this script rewrites the page. -->\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="default: config.yml without FallbackClassifier, generated into build/",
    )
    parser.add_argument("--nlu", type=Path, default=Path("data/nlu"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("results/nlu-crossval"),
        help="where rasa writes its reports (default: %(default)s, not committed)",
    )
    parser.add_argument("--doc", type=Path, default=Path("docs/nlu-evaluation.md"))
    parser.add_argument(
        "--seed", type=int, default=42, help="seed for the fold split; -1 runs the bare rasa CLI (default: %(default)s)"
    )
    parser.add_argument(
        "--also-seeds",
        type=int,
        nargs="*",
        default=[],
        metavar="SEED",
        help="also cross-validate with these seeds (into <out>-seed<N>) and report their macro-F1 in the summary",
    )
    parser.add_argument("--target", type=float, default=0.95, help="macro-F1 required (default: %(default)s)")
    parser.add_argument("--fail-under", action="store_true", help="exit with status 1 when macro-F1 is below --target")
    parser.add_argument("--top-confusions", type=int, default=15)
    parser.add_argument("--examples", type=int, default=25, help="misclassified examples listed")
    parser.add_argument("--report-only", action="store_true", help="do not run rasa: re-read --out and rewrite --doc")
    parser.add_argument("--no-doc", action="store_true", help="print only, do not write --doc")
    args = parser.parse_args()

    if args.config is None:
        crossval_config()
        args.config = CROSSVAL_CONFIG
    elapsed = None if args.report_only else run_cross_validation(args)
    report = read_report(args.out if args.out.is_absolute() else ROOT / args.out)
    other_seeds = {}
    for seed in args.also_seeds:
        out = args.out.with_name(f"{args.out.name}-seed{seed}")
        if not args.report_only:
            run_cross_validation(args, seed=seed, out=out)
        other_seeds[seed] = read_report(out if out.is_absolute() else ROOT / out)
    print_summary(per_intent(report), report)
    for seed, other in other_seeds.items():
        print(f"seed {seed}: macro avg F1 {other['macro avg']['f1-score']:.4f}")
    if not args.no_doc:
        doc = args.doc if args.doc.is_absolute() else ROOT / args.doc
        doc.parent.mkdir(parents=True, exist_ok=True)
        # The held-out corpus section (written from tests/language/) is kept as it is.
        kept = doc.read_text().partition(KEPT_SECTION)[2] if doc.exists() else ""
        doc.write_text(write_markdown(args, report, elapsed, other_seeds) + (KEPT_SECTION + kept if kept else ""))
        print(f">> wrote {doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc}")
    if args.fail_under and report["macro avg"]["f1-score"] < args.target:
        sys.exit(1)


if __name__ == "__main__":
    main()
