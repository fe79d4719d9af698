"""A sampling profile of a Rasa server under load (bench/profile.py --py-spy): py-spy
samples the server while the closed loop runs, and the samples are summed into
categories (exclusive) and into the share that passes through key frames (inclusive).
"""

import asyncio
import subprocess
import time
from collections import Counter
from pathlib import Path

from . import bots
from .load import run_level

# Exclusive categories: a sample goes to the first that matches anywhere in its stack.
CATEGORIES = [
    ("Rasa's check of action server responses (jsonschema)", ("jsonschema", "_validate_action_result")),
    ("tracker store (SQL)", ("tracker_store.py", "sqlalchemy", "sqlite")),
    ("clinical reader (spaCy/medspaCy)", ("findings_extractor.py", "clinical_text.py", "spacy", "rapidfuzz", "thinc")),
    ("NLU: featurizers + classifiers", ("rasa/nlu/", "sklearn", "scipy")),
    ("policies (incl. TED / rules)", ("rasa/core/policies", "policy.py", "rasa/core/featurizers")),
    ("tensorflow", ("tensorflow", "keras")),
    ("actions + action server client", ("rasa/core/actions/", "rasa/utils/endpoints.py", "aiohttp")),
    ("NLG", ("nlg",)),
    ("trackers, events, domain", ("rasa/shared/core",)),
    ("json", ("json/",)),
    ("sanic / asyncio / other", ("",)),
]
# Inclusive: the share of samples that pass through each of these frames.
KEY_FRAMES = {
    "handle_message (whole turn)": "handle_message (rasa/core/processor.py",
    "parse_message (NLU)": "parse_message (rasa/core/processor.py",
    "predict_next_with_tracker (policies)": "predict_next_with_tracker",
    "RemoteAction.run": "run (rasa/core/actions/action.py",
    "RemoteAction._validate_action_result": "_validate_action_result",
    "any jsonschema frame": "jsonschema/",
    "SQLTrackerStore.save": "save (rasa/core/tracker_store.py",
    "SQLTrackerStore.retrieve": "retrieve (rasa/core/tracker_store.py",
    "forms: unique entity mapping check": "_create_unique_entity_mappings",
    "clinical reader": "clinical_text.py",
    "tensorflow": "tensorflow/",
}


def py_spy(py_spy_path: str, bot: bots.Bot, patients, concurrency: int, seconds: float, out: Path) -> dict:
    """Sample the Rasa server under load; CPU samples per category (idle excluded)."""
    raw = out / f"py-spy-{bot.name}.txt"
    spy = subprocess.Popen(
        [
            py_spy_path,
            "record",
            "--pid",
            str(bot.processes["rasa"][0]),
            "--format",
            "raw",
            "--rate",
            "200",
            "--duration",
            str(int(seconds) + 2),
            "--output",
            str(raw),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    level = asyncio.run(run_level(bot, patients, concurrency, seconds))
    spy.wait(timeout=120)
    totals, functions, frames = Counter(), Counter(), Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        for name, needle in KEY_FRAMES.items():
            frames[name] += int(count) if needle in stack else 0
        for name, needles in CATEGORIES:
            if any(n in stack for n in needles):
                totals[name] += int(count)
                break
        functions[stack.split(";")[-1]] += int(count)
    total = sum(totals.values()) or 1
    return {
        "concurrency": concurrency,
        "throughput": level["throughput"],
        "p95_ms": level["p95_ms"],
        "samples": total,
        "share": {k: round(v / total, 3) for k, v in totals.most_common()},
        "through_frame": {k: round(v / total, 3) for k, v in frames.most_common()},
        "top_leaf_functions": {k: round(v / total, 3) for k, v in functions.most_common(15)},
        "raw": str(raw),
    }
