"""The closed-loop load generator: N simulated people, each holding one
conversation after another over REST, each sending its next message as soon
as the previous reply arrives (no think time), for a fixed duration.

Latency is per message: from sending the POST to /webhooks/rest/webhook until
the whole reply (all the bot's messages of that turn) has been read. Every
conversation uses a new sender id. When the duration ends no new message is
sent; messages in flight are awaited and counted.
"""

import asyncio
import contextlib
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import numpy as np
from tqdm import tqdm

from .bots import TOKEN, Bot
from .patients import asked_slot, assessment

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=60)
SAMPLE_EVERY = 0.5  # seconds between memory samples
_runs = itertools.count()


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, successful messages only
    errors: Counter = field(default_factory=Counter)  # HTTP status / exception name -> count
    script_errors: Counter = field(default_factory=Counter)  # the bot answered, but not as the script expects
    conversations: int = 0  # conversations that reached their end (an outcome, or the script's last line)
    abandoned: int = 0  # cut by the end of the level
    turns: list[int] = field(default_factory=list)  # messages per finished conversation


async def converse(
    session: aiohttp.ClientSession,
    bot: Bot,
    script: Any,
    sender: str,
    deadline: float,
    tally: Tally,
    check: Callable | None = None,
) -> None:
    reply = None
    while True:
        text = script.next_message(reply)
        if text is None:
            break
        if time.monotonic() >= deadline:
            tally.abandoned += 1
            return
        started = time.perf_counter()
        try:
            async with session.post(
                f"{bot.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            ) as response:
                if response.status != 200:
                    await response.read()
                    tally.errors[f"HTTP {response.status}"] += 1
                    return
                reply = await response.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
            tally.errors[type(e).__name__] += 1
            return
        tally.latencies.append(time.perf_counter() - started)
        if check:
            await check(session, sender, script, reply)
    if script.error:
        tally.script_errors[script.error.split(":")[-1].strip()] += 1
    elif script.finished:
        tally.conversations += 1
        tally.turns.append(script.turns)


async def _patient(session, bot, scripts: Iterator, deadline: float, tally: Tally, tag: str) -> None:
    for k in itertools.count():
        if time.monotonic() >= deadline:
            return
        await converse(session, bot, next(scripts), f"{tag}-{k}", deadline, tally)


async def _sample(
    bot: Bot, samples: dict[str, list[float]], stop: asyncio.Event, bar: tqdm, tally: Tally, started: float
) -> None:
    while not stop.is_set():
        for label, mb in bot.rss_mb().items():
            samples.setdefault(label, []).append(mb)
        bar.n = min(bar.total, round(time.monotonic() - started, 1))
        bar.set_postfix(msgs=len(tally.latencies), errors=sum(tally.errors.values()), refresh=False)
        bar.refresh()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY)


async def run_level(bot: Bot, patients: Callable[[int], Iterator], concurrency: int, seconds: float) -> dict:
    """`concurrency` people talking to `bot` for `seconds`; the level's figures."""
    tally, samples, stop = Tally(), {}, asyncio.Event()
    run = next(_runs)
    cpu_before, client_cpu_before = bot.cpu_seconds(), time.process_time()
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=REQUEST_TIMEOUT) as session:
        started = time.monotonic()
        deadline = started + seconds
        with tqdm(
            total=seconds,
            desc=f"{bot.name:>7} x{concurrency:<3}",
            unit="s",
            bar_format="{desc} {bar} {n:.0f}/{total:.0f} s {postfix}",
        ) as bar:
            sampler = asyncio.create_task(_sample(bot, samples, stop, bar, tally, started))
            await asyncio.gather(
                *(
                    _patient(session, bot, patients(i), deadline, tally, f"bench-{bot.name}-{run}-{concurrency}-{i}")
                    for i in range(concurrency)
                )
            )
            elapsed = time.monotonic() - started
            stop.set()
            await sampler
    cpu_after, client_cpu = bot.cpu_seconds(), time.process_time() - client_cpu_before
    return summarise(
        bot, concurrency, elapsed, tally, samples, {k: cpu_after[k] - cpu_before[k] for k in cpu_after}, client_cpu
    )


def summarise(
    bot: Bot,
    concurrency: int,
    elapsed: float,
    tally: Tally,
    samples: dict[str, list[float]],
    server_cpu: dict[str, float],
    client_cpu: float,
) -> dict:
    ms = np.array(tally.latencies) * 1000
    n = len(ms)

    def pct(q: float) -> float | None:
        return round(float(np.percentile(ms, q)), 1) if n else None

    return {
        "bot": bot.name,
        "concurrency": concurrency,
        "seconds": round(elapsed, 2),
        "messages": n,
        "throughput": round(n / elapsed, 2),
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": round(float(ms.mean()), 1) if n else None,
        "max_ms": round(float(ms.max()), 1) if n else None,
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "script_errors": sum(tally.script_errors.values()),
        "script_error_kinds": dict(tally.script_errors),
        "conversations": tally.conversations,
        "abandoned": tally.abandoned,
        # biased towards short conversations at high concurrency (long ones are more often cut at the end)
        "turns_per_completed_conversation": round(float(np.mean(tally.turns)), 2) if tally.turns else None,
        "rss_mb": {
            label: {"mean": round(float(np.mean(v)), 1), "peak": round(float(np.max(v)), 1)}
            for label, v in samples.items()
        },
        # CPU seconds the servers used per message handled, and how busy the load generator itself was
        "server_cpu_ms_per_message": {k: round(v * 1000 / n, 1) if n else None for k, v in server_cpu.items()},
        "server_cpu_share": {k: round(v / elapsed, 2) for k, v in server_cpu.items()},  # 1.0 = one core
        "client_cpu_share": round(client_cpu / elapsed, 2),
    }


async def warm_up(bot: Bot, patients: Callable[[int], Iterator], conversations: int, verify: bool = False) -> dict:
    """Conversations one at a time, not measured. With `verify` (ours), every
    question recognised from a reply's text is checked against the tracker's
    `requested_slot`, and every outcome against the vignette's gold label."""
    tally, mismatches, wrong_outcomes = Tally(), [], []

    async def check(session, sender, script, reply):
        if script.finished or assessment(reply) or script.turns < len(script.vignette.opening):
            return
        async with session.get(f"{bot.url}/conversations/{sender}/tracker", params={"token": TOKEN}) as r:
            requested = (await r.json())["slots"].get("requested_slot")
        if asked_slot(reply) != requested:
            mismatches.append({"vignette": script.vignette.id, "text": asked_slot(reply), "tracker": requested})

    scripts = patients(0)
    async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
        for k in tqdm(range(conversations), desc=f"{bot.name:>7} warm-up", unit="conv"):
            script = next(scripts)
            await converse(
                session,
                bot,
                script,
                f"warmup-{bot.name}-{next(_runs)}-{k}",
                float("inf"),
                tally,
                check if verify else None,
            )
            if verify and script.finished:
                got = (script.outcome.get("triage_level"), script.outcome.get("likely_condition"))
                if got != (script.vignette.gold_level, script.vignette.gold_condition):
                    wrong_outcomes.append({"vignette": script.vignette.id, "got": got})
    result = {
        "conversations": conversations,
        "messages": len(tally.latencies),
        "messages_per_conversation": round(len(tally.latencies) / conversations, 2),
        "errors": dict(tally.errors),
        "script_errors": dict(tally.script_errors),
    }
    if verify:
        result.update(question_text_vs_tracker_mismatches=mismatches, outcomes_not_gold=wrong_outcomes)
    return result
