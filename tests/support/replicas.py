"""The scaled configuration for tests: `scripts/run.py --scaled`, as `make run-scaled` runs it.

Rasa replicas and action servers behind HAProxy, on free ports. They share the
local PostgreSQL (a dedicated database, emptied first) and Redis (a dedicated
db number, emptied first). Also: a conversation whose messages go to a chosen
entry point each, and the checks on the events a conversation left in the
tracker store.
"""

import itertools
import json
import os
import random
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
import requests
import sqlalchemy as sa

from harness.servers import ROOT, TEST_CHANNEL_ENV, ServerProcess, free_port, inherited_env
from tests.support.chat import Conversation, Reply
from tests.support.databases import PG_HOST, PG_PASSWORD, PG_PORT, PG_USER, drop_tables, postgres_url
from tests.support.runner import Supervised

DATABASE = "heel_replicas_test"
REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))
REDIS_DB = int(os.environ.get("TEST_REDIS_DB", "13"))  # this test's own: emptied at start
LOCK_KEY_PREFIX = "lock:"  # Rasa's RedisLockStore default


@dataclass(frozen=True)
class Entry:
    """Somewhere a message can be sent: a replica or the load balancer."""

    name: str
    url: str
    token: str


def free_port_block(count: int) -> int:
    """A port p with p … p + count - 1 all free (the balancer, then replica 1, 2, …).

    Taken below the kernel's range for outgoing connections, so that none of
    them can land in the block between this check and the servers' start."""
    try:
        lowest_outgoing = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        lowest_outgoing = 32768
    for _ in range(200):
        base = random.randrange(10000, max(lowest_outgoing - count, 10001))
        try:
            for port in range(base, base + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError(f"no block of {count} free ports")


class Scaled(Supervised):
    """`scripts/run.py --scaled --replicas N --action-servers M` on free ports."""

    def __init__(
        self, model: Path, workdir: Path, replicas: int = 2, action_servers: int = 2, token: str = "test-token"
    ) -> None:
        self.token = token
        self.replica_count = replicas
        self.rasa_port = free_port_block(replicas + 1)
        self.action_port = free_port_block(action_servers + 1)
        self.action_ports = [self.action_port + i for i in range(1, action_servers + 1)]
        self.database_url = postgres_url(DATABASE)
        self.engine = sa.create_engine(self.database_url)
        self.redis = redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB)
        self.env = {
            **inherited_env(),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(ROOT),
            "RASA_PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "WEB_PORT": str(free_port()),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            "RASA_TOKEN": token,
            "FRONTDESK_TOKEN": "front-desk-test-token",
            "TRACKER_DIALECT": "postgresql",
            "TRACKER_HOST": PG_HOST,
            "TRACKER_PORT": str(PG_PORT),
            "TRACKER_USER": PG_USER,
            "TRACKER_PASSWORD": PG_PASSWORD or "",
            "TRACKER_DB": DATABASE,
            "TRACKER_LOGIN_DB": "",  # created above
            "LOCK_STORE_TYPE": "redis",
            "REDIS_HOST": REDIS_HOST,
            "REDIS_PORT": str(REDIS_PORT),
            "REDIS_DB": str(REDIS_DB),
            "REDIS_PASSWORD": "",
            **TEST_CHANNEL_ENV,  # every test message comes from 127.0.0.1
        }
        self.process = ServerProcess(
            "scaled assistant",
            [
                sys.executable,
                "-m",
                "scripts.run",
                "--scaled",
                "--replicas",
                str(replicas),
                "--action-servers",
                str(action_servers),
                "--model",
                str(model),
            ],
            self.env,
            workdir / "scaled.log",
            self._ready,
        )

    @property
    def replicas(self) -> list[Entry]:
        return [
            Entry(f"rasa-{i}", f"http://127.0.0.1:{self.rasa_port + i}", self.token)
            for i in range(1, self.replica_count + 1)
        ]

    @property
    def supervisor_config(self) -> Path:
        return ROOT / "var" / "run" / f"supervisord-{self.rasa_port}.conf"

    def replica_ready(self, entry: Entry) -> bool:
        response = requests.get(f"{entry.url}/status", params={"token": self.token}, timeout=2)
        return response.ok and bool(response.json().get("model_id"))

    @property
    def balancer(self) -> Entry:
        return Entry("balancer", f"http://127.0.0.1:{self.rasa_port}", self.token)

    def _ready(self) -> bool:
        if not all(self.replica_ready(entry) for entry in self.replicas):
            return False
        # the balancer passes only the channels and the health check `/`
        return requests.get(f"{self.balancer.url}/", timeout=2).ok and all(
            requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok
            for port in [self.action_port, *self.action_ports]
        )

    def start(self) -> "Scaled":
        """Empty the test's database and Redis db, then start everything (the replicas in parallel)."""
        drop_tables(self.database_url)
        self.redis.flushdb()
        try:
            self.process.start().wait_ready()
        except BaseException:
            self.stop()  # no replica left running when start-up fails
            raise
        return self

    def stop(self) -> None:
        self.process.stop()
        self.engine.dispose()
        self.redis.close()

    def stored_events(self, sender: str) -> list[dict[str, Any]]:
        """The conversation's events as the tracker store holds them, in order."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
            )
            return [json.loads(data) for (data,) in rows]

    def records_per_sender(self, senders: Sequence[str]) -> Counter:
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT sender_id FROM prescreening_records WHERE sender_id IN :senders").bindparams(
                    sa.bindparam("senders", expanding=True)
                ),
                {"senders": list(senders)},
            )
            return Counter(sender for (sender,) in rows)

    def lock_keys(self) -> list[bytes]:
        return list(self.redis.scan_iter(f"{LOCK_KEY_PREFIX}*"))

    def holds_lock(self, sender: str) -> bool:
        return bool(self.redis.exists(LOCK_KEY_PREFIX + sender))


class RoutedConversation(Conversation):
    """One conversation whose every message goes to an entry point that `route` picks."""

    def __init__(
        self, entries: Sequence[Entry], route: Callable[[Sequence[Entry]], Entry], sender: str | None = None
    ) -> None:
        super().__init__(entries[0], sender)
        self.entries, self.route = entries, route
        self.said: list[str] = []
        self.sent_to: list[str] = []
        self.seconds: list[float] = []  # how long each message took to answer

    def say(self, text: str) -> Reply:
        self.stack = self.route(self.entries)
        self.said.append(text)
        self.sent_to.append(self.stack.name)
        started = time.monotonic()
        reply = super().say(text)
        self.seconds.append(time.monotonic() - started)
        return reply

    def tracker(self) -> dict[str, Any]:
        """From the first replica: the balancer passes only the channels, not the HTTP API."""
        stack, self.stack = self.stack, self.entries[0]
        try:
            return super().tracker()
        finally:
            self.stack = stack


def alternating() -> Callable[[Sequence[Entry]], Entry]:
    turn = itertools.count()
    return lambda entries: entries[next(turn) % len(entries)]


def at_random(seed: int) -> Callable[[Sequence[Entry]], Entry]:
    return random.Random(seed).choice


def turn_problems(events: list[dict[str, Any]], said: Sequence[str]) -> list[str]:
    """What is wrong with a conversation's stored events, given the messages sent one after another.

    Every message is stored once, in the order sent; none is lost or
    duplicated, nor is any other event; each message finds the previous turn
    finished (the assistant listening) and gets its own reply before the next
    message; the conversation ends listening.
    """
    problems = []
    stored = [e.get("text") for e in events if e["event"] == "user"]
    if stored != list(said):
        problems.append(f"user messages stored {stored}, sent {list(said)}")
    repeated = [e for e, n in Counter(json.dumps(e, sort_keys=True) for e in events).items() if n > 1]
    if repeated:
        problems.append(f"{len(repeated)} events stored more than once, e.g. {repeated[0][:200]}")

    def listening(event: dict[str, Any]) -> bool:
        return event["event"] == "action" and event.get("name") == "action_listen"

    starts = [i for i, e in enumerate(events) if e["event"] == "user"]
    for n, i in enumerate(starts):
        if i == 0 or not listening(events[i - 1]):
            problems.append(f"message {events[i].get('text')!r} came in before the previous turn had ended")
        turn = events[i + 1 : starts[n + 1] if n + 1 < len(starts) else len(events)]
        if not any(e["event"] == "bot" for e in turn):
            problems.append(f"message {events[i].get('text')!r} got no reply of its own")
    if events and not listening(events[-1]):
        problems.append(f"the conversation does not end listening but with {events[-1]}")
    return problems
