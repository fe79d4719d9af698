"""The clinic tracker store, on a SQLite file and on the local PostgreSQL.

Saving and loading go through worker threads; a conversation must come back
exactly as saved, with nothing lost or stored twice, under concurrent use.
"""

import asyncio
import threading

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_store import ClinicTrackerStore
from tests.support.databases import clinic_tracker_store, drop_tables, postgres_url

ROOT_DOMAIN = "domain.yml"
DATABASE = "heel_tracker_store_test"


@pytest.fixture(scope="module")
def domain():
    return Domain.load(ROOT_DOMAIN)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, domain, tmp_path):
    yield clinic_tracker_store(request.param, domain, tmp_path, DATABASE)
    if request.param == "postgresql":
        drop_tables(postgres_url(DATABASE))


def turn(number: int):
    return [
        UserUttered(f"my heel burns ({number})", {"name": "inform", "confidence": 0.9}),
        ActionExecuted("prescreen_form"),
        SlotSet("pain_character", "burning"),
        BotUttered(f"question {number}"),
        ActionExecuted("action_listen"),
    ]


def new_tracker(domain, sender):
    tracker = DialogueStateTracker(sender, domain.slots)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    return tracker


async def converse(store, domain, sender, turns):
    await store.save(new_tracker(domain, sender))
    for number in range(turns):
        tracker = await store.retrieve(sender)
        for event in turn(number):
            tracker.update(event)
        await store.save(tracker)
        await store.save(tracker)  # saving again stores nothing twice


def test_conversations_come_back_as_saved_under_concurrent_use(store, domain):
    senders = [f"person-{k}" for k in range(12)]

    async def all_at_once():
        await asyncio.gather(*(converse(store, domain, s, 6) for s in senders))
        return {s: await store.retrieve(s) for s in senders}

    trackers = asyncio.run(all_at_once())
    for sender, tracker in trackers.items():
        texts = [e.text for e in tracker.events if isinstance(e, UserUttered)]
        assert texts == [f"my heel burns ({n})" for n in range(6)], sender
        # as in Rasa, a conversation is read from its latest SessionStarted on
        assert isinstance(tracker.events[0], SessionStarted)
        assert len(tracker.events) == 2 + 6 * 5
        assert tracker.get_slot("pain_character") == "burning"
    with store.engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT count(*) FROM events")).scalar()
    assert stored == len(senders) * (3 + 6 * 5)


def test_database_work_runs_off_the_event_loop(store, domain):
    threads = set()
    read = store._read_events

    def spy(*args):
        threads.add(threading.current_thread().name)
        return read(*args)

    store._read_events = spy
    asyncio.run(converse(store, domain, "someone", 1))
    assert threads and all(name.startswith("tracker-db") for name in threads)


def test_a_sqlite_file_is_kept_in_write_ahead_log_mode(domain, tmp_path):
    store = ClinicTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "c.db"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
