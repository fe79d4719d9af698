"""Write the held-out corpus section of docs/nlu-evaluation.md from the figures
the suite leaves in tests/artifacts/ (tests/language/test_heldout.py):

    make test PYTEST_ARGS="tests/language -q"
    .venv/bin/python -m scripts.heldout_report

Everything above the marker (the intent cross-validation, written by
scripts/evaluate_nlu.py) is kept.
"""

import json
import sys
from datetime import datetime, timezone

from scripts.evaluate_nlu import KEPT_SECTION
from settings import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
DOC = ROOT / "docs" / "nlu-evaluation.md"


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def section(signs: dict, answers: dict, dates: dict) -> str:
    lines = [
        "## Held-out paraphrase corpus",
        "",
        f"- **Date**: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        '- **Reproduce**: `make test PYTEST_ARGS="tests/language -q"`, then '
        "`.venv/bin/python -m scripts.heldout_report`",
        "- **Data**: `corpus/heldout/` (corpus/README.md): written by a second author who never saw the "
        "training part; never used for training or tuning.",
        "- **How**: each message is said in its place in a conversation of its own (the opening message, the "
        "answer to the safety check, or the answer to the question it was written for) to the real Rasa "
        "and action servers with the trained model. How the two readers and the confirming question work: "
        "[`understanding.md`](understanding.md).",
        "",
        "### Warning signs",
        "",
        "A sign is **caught** when the assistant escalates at least as urgently as its rule, or asks the "
        "confirming question of a rule that would (a yes then escalates at once). A look-alike is a **false "
        "alarm** when the assistant escalates or asks to confirm.",
        "",
        f"**Recall {pct(signs['caught'], signs['signs'])}** ({signs['caught']} of {signs['signs']}); "
        f"**false alarms {pct(signs['false_alarms'], signs['look_alikes'])}** "
        f"({signs['false_alarms']} of {signs['look_alikes']} look-alikes; "
        f"{signs['false_alarms_escalated']} escalated, the rest asked to confirm).",
        "",
        "| rule | phrasings | caught | recall | by the rules | by a confirming question |",
        "|---|---|---|---|---|---|",
    ]
    for rule, row in signs["per_rule"].items():
        lines.append(
            f"| {rule} | {row['items']} | {row['caught']} | {pct(row['caught'], row['items'])} | "
            f"{row['by_rules_reader']} | {row['by_confirming_question']} |"
        )
    lines += ["", "| look-alikes of | items | false alarms | rate |", "|---|---|---|---|"]
    for rule, row in signs["false_alarms_by_near"].items():
        lines.append(f"| {rule} | {row['items']} | {row['alarms']} | {pct(row['alarms'], row['items'])} |")
    lines += ["", f"Every miss ({len(signs['misses'])}):", "", "| sign | said as | text | got |", "|---|---|---|---|"]
    for miss in signs["misses"]:
        where = miss["context"] + (f" ({miss['asked']})" if miss.get("asked") else "")
        lines.append(f"| {miss['sign']} | {where} | {cell(miss['text'])} | {miss['got']} |")
    lines += [
        "",
        f"Every false alarm ({len(signs['alarms'])}):",
        "",
        "| like | said as | text | got |",
        "|---|---|---|---|",
    ]
    for alarm in signs["alarms"]:
        lines.append(f"| {alarm['near']} | {alarm['context']} | {cell(alarm['text'])} | {alarm['got']} |")
    lines += [
        "",
        "### Answers to each question",
        "",
        f"{answers['read_right']} of {answers['answers']} answers read as meant "
        f'({pct(answers["read_right"], answers["answers"])}); answers relative to a day ("since Boxing '
        'Day") are below.',
        "",
        "| question | answers | read right |",
        "|---|---|---|",
    ]
    for question, row in answers["per_question"].items():
        lines.append(f"| {question} | {row['items']} | {row['right']} ({pct(row['right'], row['items'])}) |")
    lines += [
        "",
        f"Every answer read otherwise ({len(answers['wrong'])}):",
        "",
        "| question | text | meant | got |",
        "|---|---|---|---|",
    ]
    for wrong in answers["wrong"]:
        lines.append(f"| {wrong['asked']} | {cell(wrong['text'])} | {wrong['expect']} | {wrong['got']} |")
    lines += [
        "",
        "### How long, relative to the day written",
        "",
        f'{dates["read_right"]} of {dates["answers"]} durations named by a day ("since Boxing Day", '
        f'"since the clocks went back") read within their tolerance '
        f"({pct(dates['read_right'], dates['answers'])}), each against the day it was written "
        "(live, the clinic's today: `CLINIC_TIMEZONE`).",
        "",
        "| written | text | meant (weeks) | got |",
        "|---|---|---|---|",
    ]
    for row in dates["rows"]:
        if not row["right"]:
            lines.append(f"| {row['date']} | {cell(row['text'])} | {row['expect']} | {row['got']} |")
    return "\n".join(lines) + "\n"


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def main() -> None:
    try:
        signs = json.loads((ARTIFACTS / "heldout-signs.json").read_text())
        answers = json.loads((ARTIFACTS / "heldout-answers.json").read_text())
        dates = json.loads((ARTIFACTS / "heldout-dates.json").read_text())
    except FileNotFoundError as missing:
        sys.exit(f'{missing.filename} is missing: run `make test PYTEST_ARGS="tests/language -q"` first')
    kept = DOC.read_text().partition(KEPT_SECTION)[0] if DOC.exists() else ""
    DOC.write_text(kept.rstrip("\n") + "\n" + KEPT_SECTION + "\n" + section(signs, answers, dates))
    print(f">> wrote the held-out section of {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
