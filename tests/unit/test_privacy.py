"""Privacy without servers: the notice, the retention setting, deleting one
person, the retention purge (SQLite and the local PostgreSQL), what a save
may write after a deletion, and Rasa's logs above DEBUG."""

import asyncio
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import structlog
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import settings
from actions.data_deletion import confirmation, confirmed
from actions.guard import GuardedAction
from clinic import privacy
from clinic.records import Record
from components.nlg import ClinicNLG
from components.privacy import erasure, notice_due, redact_personal_data
from tests.support.databases import clinic_tracker_store

ROOT = Path(__file__).resolve().parents[2]
DAY = 24 * 3600
NOW = time.time()
CUTOFF = NOW - 30 * DAY


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


# -- settings and the notice ------------------------------------------------


@pytest.mark.parametrize("value, days", [(None, 30), ("", 30), ("7", 7), (" 365 ", 365)])
def test_retention_days_come_from_the_environment(value, days):
    assert privacy.retention_days({} if value is None else {"RETENTION_DAYS": value}) == days


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "thirty", "30d"])
def test_a_wrong_retention_period_is_refused(value):
    with pytest.raises(ValueError, match="RETENTION_DAYS"):
        privacy.retention_days({"RETENTION_DAYS": value})


def test_the_notice_says_what_why_how_long_and_how_to_delete():
    notice = privacy.notice("Heelwell Clinic", 45)
    for words in (
        "conversation",
        "summary of your answers",
        "Heelwell Clinic",
        "prepare for your visit",
        "45 days",
        '"delete my data"',
    ):
        assert words in notice


def session_start(at: float = NOW):
    """As Rasa logs it: the action, then (later) the events it returns."""
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at + 0.001),
        ActionExecuted("action_listen", timestamp=at + 0.002),
    ]


def tracker_of(domain, events, sender="someone"):
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def test_the_notice_is_due_until_something_was_said_in_the_session(domain):
    opening = session_start() + [UserUttered("hi", {"name": "greet"})]
    assert notice_due(tracker_of(domain, opening))
    assert not notice_due(tracker_of(domain, opening + [ActionExecuted("utter_greet"), BotUttered("Hello")]))
    restarted = opening + [
        BotUttered("Hello"),
        Restarted(),
        ActionExecuted("action_listen"),
        UserUttered("my heel burns", {"name": "inform"}),
    ]
    assert notice_due(tracker_of(domain, restarted))


def generate(domain, action, events):
    return asyncio.run(ClinicNLG(domain=domain).generate(action, tracker_of(domain, events), "rest"))


def test_the_first_reply_of_a_session_carries_the_notice_after_what_it_says(domain, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "45")
    first = session_start() + [UserUttered("burning heel", {"name": "inform"})]
    text = generate(domain, "utter_noted_description", first)["text"]
    assert text.startswith("Thank you, I've noted")
    assert text.endswith(privacy.notice(settings.default("CLINIC_NAME"), 45))
    later = first + [ActionExecuted("utter_noted_description"), BotUttered(text)]
    assert privacy.NOTICE[:20] not in generate(domain, "utter_noted_description", later)["text"]


def test_the_greeting_has_the_notice_once(domain):
    text = generate(domain, "utter_greet", session_start() + [UserUttered("hi", {"name": "greet"})])["text"]
    assert text.count(privacy.notice(settings.default("CLINIC_NAME"), settings.default("RETENTION_DAYS"))) == 1


def test_an_escalation_comes_before_the_notice(domain):
    events = session_start() + [
        UserUttered("my foot went white and cold", {"name": "inform"}),
        SlotSet("triage_level", "emergency_ambulance"),
        SlotSet("likely_condition", "acute_limb_ischaemia"),
        SlotSet("reference_code", "ABC-123"),
    ]
    text = generate(domain, "utter_warning_sign", events)["text"]
    assert text.startswith("⚠️ Please call 999 now")
    assert text.index("999") < text.index(privacy.NOTICE[:20])


def test_the_deletion_question_does_not_carry_the_notice(domain):
    text = generate(domain, "utter_ask_delete_data", session_start() + [UserUttered("delete my data")])["text"]
    assert privacy.NOTICE[:20] not in text


# -- the deletion action's checks and words -----------------------------------


def as_dicts(events):
    return [event.as_dict() for event in events]


def test_only_a_yes_to_the_latest_deletion_question_confirms():
    asked = [ActionExecuted("utter_ask_delete_data"), BotUttered("Delete?"), ActionExecuted("action_listen")]
    yes, no = UserUttered("/affirm", {"name": "affirm"}), UserUttered("no", {"name": "deny"})
    assert confirmed(as_dicts(asked + [yes, ActionExecuted("action_delete_data")]))
    assert not confirmed(as_dicts(asked + [no]))
    assert not confirmed(as_dicts([yes]))  # a yes to something else
    # a retry after a technical problem: the yes came before it
    retry = asked + [
        yes,
        ActionExecuted("action_delete_data"),
        ActionExecuted("utter_action_server_unavailable"),
        BotUttered("Sorry"),
        ActionExecuted("action_listen"),
        UserUttered("hello?", {"name": "greet"}),
    ]
    assert confirmed(as_dicts(retry))


def test_the_confirmation_names_the_records_and_the_clinic_copy():
    values = {"clinic_name": "Heelwell", "clinic_contact": "0123 456"}
    text = confirmation(privacy.Deleted(40, ["ABC-123"]), values)
    assert "ABC-123" in text and "Heelwell" in text and "0123 456" in text
    assert "no pre-screening record" in confirmation(privacy.Deleted(3, []), values)


# -- what a save writes -------------------------------------------------------


def test_no_erasure_in_an_ordinary_conversation():
    events = session_start() + [UserUttered("hi"), ActionExecuted("utter_greet")]
    assert erasure(events) is None


def test_the_erasure_is_the_restart_after_delete_my_data():
    old = session_start() + [UserUttered("burning inner heel"), BotUttered("noted")]
    turn = [
        UserUttered("/affirm", {"name": "affirm"}),
        ActionExecuted("action_delete_data"),
        BotUttered("Done"),
        Restarted(),
    ]
    assert erasure(old + turn + session_start()) == len(old) + len(turn) - 1


def test_starting_over_is_no_erasure():
    events = session_start() + [
        UserUttered("start over"),
        ActionExecuted("utter_starting_over"),
        BotUttered("OK"),
        ActionExecuted("action_restart"),
        Restarted(),
    ]
    assert erasure(events) is None


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


# -- logs ---------------------------------------------------------------------


def test_rasa_log_values_that_can_hold_personal_data_are_hidden_above_debug():
    event = {"event": "rest.message.received.failure", "text": "my heel burns", "sender": "x"}
    assert redact_personal_data(None, "error", dict(event))["text"] != "my heel burns"
    assert redact_personal_data(None, "error", dict(event))["sender"] == "x"
    assert redact_personal_data(None, "debug", dict(event))["text"] == "my heel burns"


class Failing(GuardedAction):
    def name(self):
        return "action_failing"

    async def act(self, dispatcher, tracker, domain):
        return float(tracker.latest_message["text"])  # ValueError quoting the text


def test_a_failed_action_is_logged_without_what_the_person_typed(caplog):
    tracker = Tracker("someone", {}, {"text": "my heel burns like fire"}, [], False, None, {}, "action_listen")
    with caplog.at_level(logging.INFO):
        asyncio.run(Failing().run(CollectingDispatcher(), tracker, {}))
    assert "ValueError" in caplog.text and "test_privacy.py" in caplog.text
    assert "heel burns" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        asyncio.run(Failing().run(CollectingDispatcher(), tracker, {}))
    assert "heel burns" in caplog.text  # at DEBUG, all of it


def test_the_rasa_server_hides_them_once_installed_at_start():
    from components import rasa_internals

    rasa_internals.install(10.0)
    rasa_internals.install(10.0)
    assert structlog.get_config()["processors"].count(redact_personal_data) == 1
