"""Where one message's time goes (ours, with the starter bot for comparison).

    .venv/bin/python -m bench.profile [--py-spy /path/to/py-spy] [--seconds 20]

1. NLU vs the whole turn: every warm-up message is sent to /model/parse (NLU
   only) and then, as the conversation, to /webhooks/rest/webhook; the
   difference is the dialogue part (tracker store, policies, action server, NLG).
2. Action server round trip: the request Rasa makes for `validate_prescreen_form`
   (the whole tracker + domain), replayed against the action server.
3. Tracker store: save and retrieve of real conversations with our
   ClinicTrackerStore on a SQLite file, in this process.
4. What-ifs, the same closed loop with one change made from outside the project
   (temporary files; product files untouched): the tracker store in memory
   instead of SQLite. (The what-if of Rasa's action-response validator built
   once became components/rasa_internals.py.)
5. With --py-spy: a sampling profile of the Rasa server process under load,
   summed into categories (bench/sampling.py).
"""

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

import requests

from . import bots
from .load import run_level
from .patients import PATIENTS, VIGNETTES, VignettePatient, mood_patients
from .sampling import py_spy

HERE = Path(__file__).resolve().parent


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def nlu_vs_turn(bot: bots.Bot, scripts, conversations: int) -> dict:
    """Median of /model/parse and of the full turn, over the same messages, one at a time."""
    parse, turn, trackers = [], [], []
    with requests.Session() as http:
        for k in range(conversations):
            script, sender, reply = next(scripts), f"profile-{bot.name}-{k}", None
            while (text := script.next_message(reply)) is not None:
                t0 = time.perf_counter()
                http.post(
                    f"{bot.url}/model/parse", params={"token": bots.TOKEN}, json={"text": text}
                ).raise_for_status()
                t1 = time.perf_counter()
                response = http.post(f"{bot.url}/webhooks/rest/webhook", json={"sender": sender, "message": text})
                t2 = time.perf_counter()
                response.raise_for_status()
                reply = response.json()
                parse.append(t1 - t0)
                turn.append(t2 - t1)
            trackers.append(sender)
    return {
        "messages": len(turn),
        "parse_median_ms": median_ms(parse),
        "turn_median_ms": median_ms(turn),
        "parse_p95_ms": round(sorted(parse)[int(0.95 * len(parse))] * 1000, 1),
        "turn_p95_ms": round(sorted(turn)[int(0.95 * len(turn))] * 1000, 1),
        "dialogue_part_median_ms": round(median_ms(turn) - median_ms(parse), 1),
        "senders": trackers,
    }


def actions_per_turn(bot: bots.Bot, senders: list[str]) -> dict:
    """How many actions run per message, and how many of them call the action server."""
    domain = requests.get(
        f"{bot.url}/domain", params={"token": bots.TOKEN}, headers={"Accept": "application/json"}
    ).json()
    remote = {a for a in domain.get("actions", []) if not a.startswith(("utter_", "action_listen"))}
    remote |= {"prescreen_form"}  # a form calls validate_prescreen_form on the action server
    users = actions = calls = 0
    for sender in senders:
        events = requests.get(f"{bot.url}/conversations/{sender}/tracker", params={"token": bots.TOKEN}).json()[
            "events"
        ]
        for e in events:
            if e["event"] == "user":
                users += 1
            elif e["event"] == "action" and e["name"] not in ("action_listen", "action_session_start"):
                actions += 1
                calls += e["name"] in remote
    return {
        "messages": users,
        "actions_per_message": round(actions / users, 2),
        "action_server_calls_per_message": round(calls / users, 2),
    }


def action_round_trip(ours: bots.Bot, action_url: str, senders: list[str], repeat: int = 5) -> dict:
    """Replay the request Rasa makes to the action server for `validate_prescreen_form`."""
    domain = requests.get(
        f"{ours.url}/domain", params={"token": bots.TOKEN}, headers={"Accept": "application/json"}
    ).json()
    times, sizes = [], []
    with requests.Session() as http:
        for sender in senders:
            tracker = requests.get(f"{ours.url}/conversations/{sender}/tracker", params={"token": bots.TOKEN}).json()
            body = json.dumps(
                {
                    "next_action": "validate_prescreen_form",
                    "sender_id": sender,
                    "tracker": tracker,
                    "domain": domain,
                    "version": "3.6.21",
                }
            )
            sizes.append(len(body))
            for _ in range(repeat):
                t0 = time.perf_counter()
                http.post(action_url, data=body, headers={"Content-Type": "application/json"}).raise_for_status()
                times.append(time.perf_counter() - t0)
    return {
        "requests": len(times),
        "median_ms": median_ms(times),
        "request_kb_median": round(statistics.median(sizes) / 1024, 1),
    }


def tracker_store_timing(ours: bots.Bot, senders: list[str], workdir: Path) -> dict:
    """save() and retrieve() of real conversations, ClinicTrackerStore on a fresh SQLite file."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from components.tracker_store import ClinicTrackerStore

    domain = Domain.from_dict(
        requests.get(f"{ours.url}/domain", params={"token": bots.TOKEN}, headers={"Accept": "application/json"}).json()
    )
    store = ClinicTrackerStore(domain, dialect="sqlite", db=str(workdir / "profile.db"))
    saves, retrieves, events = [], [], []
    for sender in senders:
        tracker_json = requests.get(f"{ours.url}/conversations/{sender}/tracker", params={"token": bots.TOKEN}).json()
        tracker = DialogueStateTracker.from_dict(sender, tracker_json["events"], domain.slots)
        events.append(len(tracker_json["events"]))
        for _ in range(3):  # save as a new turn would: the events so far, then again with nothing new
            t0 = time.perf_counter()
            asyncio.run(store.save(tracker))
            saves.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            asyncio.run(store.retrieve(sender))
            retrieves.append(time.perf_counter() - t0)
    return {
        "trackers": len(senders),
        "events_median": statistics.median(events),
        "save_median_ms": median_ms(saves),
        "retrieve_median_ms": median_ms(retrieves),
    }


WHAT_IFS = ("in-memory tracker store",)


def what_if(name: str, workdir: Path, model: Path) -> bots.Bot:
    """Ours with a change made from outside the project (temporary files only)."""
    if name != "in-memory tracker store":
        raise ValueError(name)
    import yaml

    workdir.mkdir()
    config = yaml.safe_load((bots.ROOT / "endpoints.yml").read_text())
    config.pop("tracker_store", None)  # Rasa's default: in memory
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(config))
    bot = bots.start_ours(workdir, model, None, endpoints=endpoints)
    bot.name = "what-if"
    return bot


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--py-spy", help="path of a py-spy binary (pip install py-spy) to sample the Rasa servers")
    parser.add_argument("--seconds", type=float, default=20, help="duration of each closed-loop run")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 20])
    args = parser.parse_args(argv)
    bots.stop_bots_on_sigterm()

    from scripts.train import ensure_model

    out = HERE / "results" / f"profile-{datetime.now():%Y%m%d-%H%M%S}"
    out.mkdir(parents=True)
    result, started = {}, []
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        tmp = Path(tmp)
        try:
            starter_model, _ = bots.init_starter(tmp)
            starter = bots.start_starter(tmp, starter_model, None)
            started.append(starter)
            (tmp / "ours").mkdir()
            ours = bots.start_ours(tmp / "ours", ensure_model(), None)
            started.append(ours)
            n = len(VIGNETTES)
            result["ours_nlu_vs_turn"] = nlu_vs_turn(ours, (VignettePatient(v) for v in VIGNETTES), n)
            result["starter_nlu_vs_turn"] = nlu_vs_turn(starter, mood_patients(0), n)
            senders = result["ours_nlu_vs_turn"].pop("senders")
            result["starter_nlu_vs_turn"].pop("senders")
            result["ours_actions_per_message"] = actions_per_turn(ours, senders)
            result["action_server_round_trip"] = action_round_trip(ours, ours.notes["action_url"], senders)
            result["tracker_store"] = tracker_store_timing(ours, senders, tmp)
            if args.py_spy:
                result["py_spy"] = {
                    b.name: py_spy(args.py_spy, b, PATIENTS[b.name], 5, args.seconds, out) for b in (ours, starter)
                }
            starter.stop()
            started.remove(starter)
            # All variants up at once and run in turn at each level, so that they share
            # the machine's conditions (run-to-run noise on this VM is ~10-25%).
            variants = {"as shipped": ours}
            for name in WHAT_IFS:
                variants[name] = what_if(name, tmp / name.replace(" ", "-"), ensure_model())
                started.append(variants[name])
                asyncio.run(run_level(variants[name], PATIENTS["ours"], 2, 5))  # warm-up
            loops = result["closed_loop"] = {name: [] for name in variants}
            for concurrency in args.concurrency:
                for name, bot in variants.items():
                    loops[name].append(asyncio.run(run_level(bot, PATIENTS["ours"], concurrency, args.seconds)))
        finally:
            for bot in started:
                bot.stop()
    (out / "profile.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f">> {out / 'profile.json'}")


if __name__ == "__main__":
    main()
