"""The report: ratios against the starter bot, a Markdown table, results.json and the latency plot.

.venv/bin/python -m bench.report bench/results/<timestamp>/results.json   # draw the plot and table again
"""

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TARGETS = {"p95_ratio_max": 0.8, "throughput_ratio_min": 1.25}  # ours / starter, at 20 people
TARGET_LEVEL = 20
COLOURS = {"ours": "tab:blue", "starter": "tab:orange"}


def by_level(levels: list[dict], bot: str) -> dict[int, dict]:
    return {row["concurrency"]: row for row in levels if row["bot"] == bot}


def ratios(levels: list[dict]) -> dict[int, dict]:
    """ours / starter at each concurrency both were run at."""
    ours, starter = by_level(levels, "ours"), by_level(levels, "starter")
    out = {}
    for level in sorted(set(ours) & set(starter)):
        o, s = ours[level], starter[level]
        out[level] = {
            "p95_ratio": round(o["p95_ms"] / s["p95_ms"], 2) if o["p95_ms"] and s["p95_ms"] else None,
            "throughput_ratio": round(o["throughput"] / s["throughput"], 2) if s["throughput"] else None,
        }
    return out


def verdict(results: dict) -> dict | None:
    r = results["ratios"].get(TARGET_LEVEL) or results["ratios"].get(str(TARGET_LEVEL))
    if not r:
        return None
    return {
        **r,
        "concurrency": TARGET_LEVEL,
        **TARGETS,
        "p95_met": r["p95_ratio"] is not None and r["p95_ratio"] <= TARGETS["p95_ratio_max"],
        "throughput_met": r["throughput_ratio"] is not None
        and r["throughput_ratio"] >= TARGETS["throughput_ratio_min"],
    }


def table(levels: list[dict]) -> str:
    head = (
        "| bot | people | p50 ms | p95 ms | p99 ms | msg/s | messages | errors | script errors "
        "| Rasa RSS MB (peak) | action server RSS MB (peak) | server CPU ms/msg |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for row in sorted(levels, key=lambda r: (r["concurrency"], r["bot"] != "ours")):
        rss = row["rss_mb"]
        cpu = sum(v or 0 for v in row["server_cpu_ms_per_message"].values())
        lines.append(
            f"| {row['bot']} | {row['concurrency']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} "
            f"| {row['throughput']} | {row['messages']} | {row['errors']} | {row['script_errors']} "
            f"| {rss.get('rasa', {}).get('peak', '-')} | {rss.get('actions', {}).get('peak', '-')} | {cpu:.1f} |"
        )
    return "\n".join(lines)


def plot(levels: list[dict], path: Path) -> None:
    fig, (latency, throughput) = plt.subplots(1, 2, figsize=(11, 4.2))
    for bot in ("ours", "starter"):
        rows = by_level(levels, bot)
        if not rows:
            continue
        x = sorted(rows)
        colour = COLOURS[bot]
        latency.plot(x, [rows[c]["p50_ms"] for c in x], "o-", color=colour, label=f"{bot} p50")
        latency.plot(x, [rows[c]["p95_ms"] for c in x], "s--", color=colour, label=f"{bot} p95")
        throughput.plot(x, [rows[c]["throughput"] for c in x], "o-", color=colour, label=bot)
    latency.set(
        xlabel="concurrent simulated people",
        ylabel="latency per message (ms)",
        yscale="log",
        title="Latency per message",
    )
    throughput.set(xlabel="concurrent simulated people", ylabel="messages / s", title="Throughput")
    throughput.set_ylim(bottom=0)
    for ax in (latency, throughput):
        ax.set_xscale("log")
        ticks = sorted({row["concurrency"] for row in levels})
        ax.set_xticks(ticks)
        ax.set_xticklabels([str(t) for t in ticks])
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(results: dict, out: Path) -> None:
    results["ratios"] = ratios(results["levels"])
    results["targets_at_20"] = verdict(results)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if results["levels"]:
        plot(results["levels"], out / "latency.png")
    (out / "table.md").write_text(table(results["levels"]) + "\n", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Draw the plot and table of a results.json again.")
    parser.add_argument("results", type=Path)
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text())
    write(results, args.results.parent)
    print(table(results["levels"]))


if __name__ == "__main__":
    main()
