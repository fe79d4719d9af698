"""Deleting data in the database, on SQLite and the local PostgreSQL: one person's
("delete my data"), what a save may write back after it, and everything older than
the retention period (the purge), also through its command (`python -m scripts.purge`)."""

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered

from clinic import privacy
from clinic.records import Record
from tests.support.databases import clinic_tracker_store
from tests.support.trackers import NOW, session_start, tracker_of

ROOT = Path(__file__).resolve().parents[2]
DAY = 24 * 3600
CUTOFF = NOW - 30 * DAY


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


# -- the database: deleting one person, and the retention purge ------------------
DATABASE = "heel_privacy_test"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, domain, tmp_path):
    store = clinic_tracker_store(request.param, domain, tmp_path, DATABASE)
    yield store
    store.engine.dispose()


def session(start: float, turns: int = 2, step: float = 60.0):
    events = session_start(start)
    for number in range(turns):
        at = start + (number + 1) * step
        events += [
            UserUttered(f"my heel burns ({number})", {"name": "inform"}, timestamp=at),
            ActionExecuted("prescreen_form", timestamp=at),
            BotUttered(f"question {number}", timestamp=at),
            ActionExecuted("action_listen", timestamp=at),
        ]
    return events


def save(store, domain, sender, events):
    asyncio.run(store.save(tracker_of(domain, events, sender)))


def file_record(store, sender, code, created):
    store.records.upsert(Record(code, sender, created, created, "self_care", "plantar_fasciitis", "summary", {}))


def stored_events(store, sender):
    with store.engine.connect() as connection:
        return connection.execute(
            sa.select(sa.func.count()).select_from(privacy.events).where(privacy.events.c.sender_id == sender)
        ).scalar_one()


def test_deleting_a_person_removes_their_conversation_and_records_only(store, domain):
    save(store, domain, "me", session(NOW - 2 * DAY) + session(NOW))
    save(store, domain, "someone else", session(NOW))
    file_record(store, "me", "AAA-111", NOW - 2 * DAY)
    file_record(store, "me", "BBB-222", NOW)
    file_record(store, "someone else", "CCC-333", NOW)
    deleted = privacy.delete_person(store.engine, "me")
    assert deleted == privacy.Deleted(2 * len(session(NOW)), ["AAA-111", "BBB-222"])
    assert stored_events(store, "me") == 0
    assert store.records.get("AAA-111") is None and store.records.get("BBB-222") is None
    assert stored_events(store, "someone else") == len(session(NOW))
    assert store.records.get("CCC-333") is not None


def test_what_was_deleted_is_not_written_back_by_the_saves_that_follow(store, domain):
    old = session(NOW - 60)
    save(store, domain, "me", old)
    privacy.delete_person(store.engine, "me")  # the action server, during the turn
    turn = [
        UserUttered("/affirm", {"name": "affirm"}),
        ActionExecuted("action_delete_data"),
        BotUttered("Done"),
        Restarted(),
    ] + session_start()
    save(store, domain, "me", old + turn)
    save(store, domain, "me", old + turn)  # a second save in the same turn adds nothing
    with store.engine.connect() as connection:
        kinds = [
            row.type_name
            for row in connection.execute(
                sa.select(privacy.events.c.type_name)
                .where(privacy.events.c.sender_id == "me")
                .order_by(privacy.events.c.id)
            )
        ]
    assert kinds == ["restart", "action", "session_started", "action"]


def purge_world(store, domain):
    """Four people: one long gone, one back after a long gap, one whose single
    session spans the cutoff, one recent; and an old and a recent record."""
    save(store, domain, "gone", session(NOW - 40 * DAY))
    save(store, domain, "back", session(NOW - 40 * DAY) + session(NOW - DAY))
    save(store, domain, "spanning", session(NOW - 31 * DAY, turns=3, step=2 * DAY))
    save(store, domain, "recent", session(NOW - DAY))
    file_record(store, "gone", "OLD-111", NOW - 40 * DAY)
    file_record(store, "recent", "NEW-222", NOW - DAY)


def test_the_purge_deletes_sessions_and_records_older_than_the_period(store, domain):
    purge_world(store, domain)
    per_session = len(session(NOW))
    dry = privacy.purge(store.engine, CUTOFF, dry_run=True)
    assert (dry.events, dry.conversations, dry.records) == (2 * per_session, 2, 1)
    assert stored_events(store, "gone") == per_session  # a dry run deletes nothing

    purged = privacy.purge(store.engine, CUTOFF)
    assert (purged.events, purged.conversations, purged.records) == (2 * per_session, 2, 1)
    assert stored_events(store, "gone") == 0
    assert stored_events(store, "back") == per_session  # the old session went, the recent one stays whole
    assert stored_events(store, "spanning") == len(session(NOW, turns=3))  # its session reaches past the cutoff
    assert stored_events(store, "recent") == per_session
    assert store.records.get("OLD-111") is None and store.records.get("NEW-222") is not None
    assert privacy.purge(store.engine, CUTOFF).events == 0  # nothing left to do


def test_a_purged_conversation_goes_on_with_nothing_stored_twice(store, domain):
    purge_world(store, domain)
    privacy.purge(store.engine, CUTOFF)
    tracker = asyncio.run(store.retrieve("back"))
    tracker.update(UserUttered("and it tingles", {"name": "inform"}))
    asyncio.run(store.save(tracker))
    assert stored_events(store, "back") == len(session(NOW)) + 1


def test_the_purge_works_on_an_empty_database(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert privacy.purge(engine, CUTOFF) == privacy.Purged(CUTOFF, 0, 0, 0, False)
    assert privacy.delete_person(engine, "me") == privacy.Deleted(0, [])


# -- the command --------------------------------------------------------------


def run_purge(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "scripts.purge", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
        timeout=120,
    )


def test_the_purge_command_on_sqlite(domain, tmp_path):
    store = clinic_tracker_store("sqlite", domain, tmp_path, DATABASE)
    database = tmp_path / "conversations.db"
    purge_world(store, domain)
    env = {"TRACKER_DIALECT": "sqlite", "TRACKER_DB": str(database)}
    dry = run_purge(env, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        "Would delete 22 conversation events (from 2 conversations) and 1 clinic records older than 30 days"
        in dry.stdout
    )
    assert stored_events(store, "gone") > 0
    done = run_purge({**env, "RETENTION_DAYS": "60"})
    assert "Deleted 0 conversation events (from 0 conversations) and 0 clinic records older than 60 days" in done.stdout
    done = run_purge({**env, "RETENTION_DAYS": "60"}, "--days", "30")
    assert done.returncode == 0 and "Deleted 22 conversation events" in done.stdout
    assert stored_events(store, "gone") == 0


def test_the_purge_command_on_postgresql(domain, tmp_path):
    store = clinic_tracker_store("postgresql", domain, tmp_path, DATABASE)
    purge_world(store, domain)
    url = store.engine.url
    env = {
        "TRACKER_DIALECT": "postgresql",
        "TRACKER_HOST": url.host,
        "TRACKER_PORT": str(url.port),
        "TRACKER_DB": url.database,
        "TRACKER_USER": url.username or "",
    }
    done = run_purge(env)
    assert done.returncode == 0, done.stderr
    assert "Deleted 22 conversation events (from 2 conversations) and 1 clinic records" in done.stdout
    assert stored_events(store, "gone") == 0 and stored_events(store, "back") == len(session(NOW))
    store.engine.dispose()


def test_the_purge_command_refuses_a_wrong_period_and_a_missing_database(tmp_path):
    wrong = run_purge({"RETENTION_DAYS": "a month", "TRACKER_DB": str(tmp_path / "x.db")})
    assert wrong.returncode == 2 and "RETENTION_DAYS" in wrong.stderr
    assert run_purge({"TRACKER_DB": str(tmp_path / "x.db")}, "--days", "0").returncode == 2
    missing = run_purge({"TRACKER_DB": str(tmp_path / "x.db")})
    assert missing.returncode == 0 and "Nothing to purge" in missing.stdout
    assert not (tmp_path / "x.db").exists()
