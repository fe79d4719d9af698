"""SQL tracker store that also files each finished pre-screening for the clinic.

Configured in endpoints.yml. Conversations are stored as by Rasa's
SQLTrackerStore (SQLite by default, PostgreSQL when configured); in the same
database, a turn that sets the outcome writes the clinic record (FHIR
QuestionnaireResponse + summary) and, when configured, POSTs it to the clinic.
It covers both outcome paths: the warning-sign policy and `action_assess`.

Database work never blocks the event loop: queries and commits run in worker
threads (one for SQLite, which has a single writer; TRACKER_DB_THREADS for
PostgreSQL), while the loop goes on with other conversations. Rasa's lock
store keeps one conversation's turns in order. A SQLite file is kept in WAL
mode, so reading never waits for writing and a commit appends to the log
instead of rewriting the database.
"""

import asyncio
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, List, Optional, Sequence, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import settings
from clinic import fhir
from clinic.records import Record, RecordStore
from clinic.webhook import ClinicWebhook
from components.privacy import erasure
from heel.assessment import assess_slots

logger = logging.getLogger(__name__)
OUTCOME_SLOTS = ("triage_level", "likely_condition")
T = TypeVar("T")


class ClinicTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # endpoints.yml gives dialect, host and db; the rest (PostgreSQL) comes
        # from the settings, and empty values mean "not set".
        config = settings.load()
        for key, value in (
            ("port", config.tracker_port),
            ("username", config.tracker_user),
            ("password", config.tracker_password),
            ("login_db", config.tracker_login_db),
        ):
            kwargs.setdefault(key, value or None)
        if not kwargs.get("host"):
            kwargs["host"] = None
        super().__init__(*args, **kwargs)
        sqlite = self.engine.dialect.name == "sqlite"
        if sqlite:
            self._use_write_ahead_log()
        threads = 1 if sqlite else config.tracker_db_threads
        self._database = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tracker-db")
        self._statements = EventStatements(self.SQLEvent.__table__)
        self.records = RecordStore(self.engine)
        self.webhook = ClinicWebhook.from_settings(config)

    def _use_write_ahead_log(self) -> None:
        """Pooled connections (SQLAlchemy 1.4 opens a new one per session for SQLite) in WAL mode."""
        engine = sa.create_engine(
            self.engine.url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
        )

        @sa.event.listens_for(engine, "connect")
        def _configure(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

        self.engine.dispose()
        self.engine = engine
        self.sessionmaker = sa.orm.session.sessionmaker(bind=engine)

    async def _in_database_thread(self, work: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._database, work, *args)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        events = await self._in_database_thread(self._read_events, sender_id, fetch_events_from_all_sessions)
        if not events or not self.domain:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def _read_events(self, sender_id: str, fetch_events_from_all_sessions: bool) -> List[dict]:
        select = self._statements.all_sessions if fetch_events_from_all_sessions else self._statements.session
        with self.engine.connect() as connection:
            return [json.loads(data) for data in connection.execute(select, {"sender_id": sender_id}).scalars()]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        record = record_for_turn(tracker)
        await self._in_database_thread(self._write, tracker.sender_id, list(tracker.events), record)
        if record is not None:
            logger.info("Pre-screening %s filed", record.reference_code)
            logger.debug("Pre-screening %s: %s", record.reference_code, record.triage_level)
            self.webhook.send(
                {
                    "reference_code": record.reference_code,
                    "summary": record.summary,
                    "questionnaire_response": record.fhir,
                }
            )

    def _write(self, sender_id: str, events: Sequence[Event], record: Optional[Record]) -> None:
        """The events not stored yet, then the clinic record.

        As Rasa's SQLTrackerStore.save, the tracker's events line up with the
        stored events of its session, so the ones past their count are new.
        After "delete my data" the database holds only what was saved since the
        erasure, so the count lines up from there instead.
        """
        erased = erasure(events)
        with self.engine.begin() as connection:
            if erased is None:
                count, first = self._statements.count_session, 0
            else:
                count, first = self._statements.count_all_sessions, erased
            new = events[first + connection.execute(count, {"sender_id": sender_id}).scalar_one() :]
            if new:
                connection.execute(self._statements.insert, [row(sender_id, event) for event in new])
        if record is not None:
            self.records.upsert(record)


class EventStatements:
    """The queries of Rasa's SQLTrackerStore (same table, same meaning), built
    once as SQLAlchemy Core statements instead of an ORM query per call."""

    def __init__(self, events: sa.Table) -> None:
        sender = events.c.sender_id == sa.bindparam("sender_id")
        # a conversation's current session: from its latest SessionStarted on (all of it if none)
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(sender, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        in_session = sa.and_(sender, sa.or_(events.c.timestamp >= session_start, session_start.is_(None)))
        self.session = sa.select(events.c.data).where(in_session).order_by(events.c.id)
        self.all_sessions = sa.select(events.c.data).where(sender).order_by(events.c.id)
        self.count_session = sa.select(sa.func.count()).select_from(events).where(in_session)
        self.count_all_sessions = sa.select(sa.func.count()).select_from(events).where(sender)
        self.insert = events.insert()


def row(sender_id: str, event: Event) -> dict:
    """An event as Rasa's SQLTrackerStore stores it."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def record_for_turn(tracker: DialogueStateTracker) -> Optional[Record]:
    """The clinic record, if this turn set the outcome."""
    finished = None
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, SlotSet) and event.key in OUTCOME_SLOTS and event.value:
            finished = event.timestamp
    if finished is None:
        return None
    slots = tracker.current_slot_values()
    code = slots.get("reference_code")
    assessment = assess_slots(slots)
    if not code or assessment is None:
        return None
    started = next((e.timestamp for e in tracker.events if isinstance(e, UserUttered)), None)
    return Record(
        reference_code=code,
        sender_id=tracker.sender_id,
        created_at=finished,
        updated_at=finished,
        triage_level=assessment.triage_level,
        likely_condition=assessment.likely_condition,
        summary=fhir.summary(code, assessment, finished),
        fhir=fhir.questionnaire_response(code, assessment, started, finished),
    )
