"""Load benchmark: our assistant against Rasa's starter bot, side by side.

    .venv/bin/python -m bench.run --levels 1 5 10 20 40 --seconds 30

Trains both (ours: cold `rasa train --force`; the starter: `rasa init`), starts
both (timing start-up to a loaded model), warms both up, then runs each level
of concurrent simulated people against ours and then the starter, and writes
bench/results/<timestamp>/{results.json,latency.png,table.md} plus the logs.
"""

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from harness.vignettes import VIGNETTES

from . import bots, report
from .load import run_level, warm_up
from .patients import PATIENTS

HERE = Path(__file__).resolve().parent


def machine() -> dict:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    from importlib.metadata import version

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_gb": round(int(mem) / 2**20, 1),
        "load_average_before": os.getloadavg(),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "memory_sampler": bots.MEMORY_SAMPLER,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--levels",
        type=int,
        nargs="+",
        default=[1, 5, 10, 20, 40],
        help="numbers of concurrent simulated people (default: 1 5 10 20 40)",
    )
    parser.add_argument("--seconds", type=float, default=30, help="duration of each level (default: 30)")
    parser.add_argument(
        "--warmup",
        type=int,
        default=len(VIGNETTES),
        help="warm-up conversations per bot, one at a time, not measured "
        f"(default: {len(VIGNETTES)}, every vignette once)",
    )
    parser.add_argument("--only", choices=["ours", "starter"], help="benchmark one bot only")
    parser.add_argument(
        "--no-train",
        action="store_true",
        help="ours: serve the cached model (scripts.train.ensure_model) instead of timing a cold `rasa train --force`",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    bots.stop_bots_on_sigterm()

    out = args.out / datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True)
    names = [args.only] if args.only else ["ours", "starter"]
    results = {
        "command": " ".join([Path(sys.executable).name, "-m", "bench.run", *sys.argv[1:]]),
        "machine": machine(),
        "levels_requested": args.levels,
        "seconds_per_level": args.seconds,
        "bots": {},
        "warm_up": {},
        "levels": [],
    }
    print(f">> results in {out}")
    started = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        try:
            # Training one after the other, never both at once (2 cores).
            models = {}
            if "ours" in names:
                if args.no_train:
                    from scripts.train import ensure_model

                    models["ours"] = (ensure_model(), None)
                else:
                    print(">> ours: cold `rasa train --force` ...", flush=True)
                    models["ours"] = bots.train_ours(tmp)
                    shutil.copy(tmp / "train.log", out / "ours-train.log")
            if "starter" in names:
                print(">> starter: `rasa init --no-prompt` (scaffold + train) ...", flush=True)
                models["starter"] = bots.init_starter(tmp)
                shutil.copy(tmp / "starter-init.log", out / "starter-init.log")
            # Start-up, one bot after the other.
            for name in reversed(names):  # the starter first: its start-up is then timed on an idle machine
                print(f">> {name}: starting ...", flush=True)
                model, trained = models[name]
                if name == "ours":
                    (out / "ours").mkdir()
                    started[name] = bots.start_ours(out / "ours", model, trained)
                else:
                    started[name] = bots.start_starter(out, model, trained)
                bot = started[name]
                results["bots"][name] = {
                    "url": bot.url,
                    "startup_seconds": bot.startup_seconds,
                    "training_seconds": round(trained, 1) if trained else None,
                    "rss_mb_ready": {k: round(v, 1) for k, v in bot.rss_mb().items()},
                    "pids": bot.processes,
                    **bot.notes,
                }
                print(f"   ready in {bot.startup_seconds} s, RSS {results['bots'][name]['rss_mb_ready']} MB")
            for name in names:
                results["warm_up"][name] = asyncio.run(
                    warm_up(started[name], PATIENTS[name], args.warmup, verify=name == "ours")
                )
                results["bots"][name]["rss_mb_after_warm_up"] = {
                    k: round(v, 1) for k, v in started[name].rss_mb().items()
                }
            for level in args.levels:
                for name in names:
                    time.sleep(2)  # let the previous level's last writes settle
                    row = asyncio.run(run_level(started[name], PATIENTS[name], level, args.seconds))
                    results["levels"].append(row)
                    print(
                        f"   {name:>7} x{level:<3} p50 {row['p50_ms']} ms  p95 {row['p95_ms']} ms  "
                        f"p99 {row['p99_ms']} ms  {row['throughput']} msg/s  errors {row['errors']}  "
                        f"script errors {row['script_errors']}  RSS {row['rss_mb']}",
                        flush=True,
                    )
            for name, bot in started.items():
                results["bots"][name]["rss_mb_end"] = {k: round(v, 1) for k, v in bot.rss_mb().items()}
                results["bots"][name]["log_error_lines"] = bot.log_errors()
        finally:
            for bot in started.values():
                bot.stop()
            if "ours" in started:
                db = out / "ours" / "conversations.db"
                if db.exists():
                    results["bots"]["ours"]["tracker_db_mb_end"] = round(db.stat().st_size / 2**20, 1)
            results["machine"]["load_average_after"] = os.getloadavg()
            report.write(results, out)
    print(report.table(results["levels"]))
    print("ratios (ours / starter):", json.dumps(results["ratios"]))
    print("targets at 20 people:", json.dumps(results["targets_at_20"]))
    print(f">> {out / 'results.json'}\n>> {out / 'latency.png'}")


if __name__ == "__main__":
    main()
