"""What the assistant keeps about a person, for how long, and how it goes.

Plain Python and SQLAlchemy, shared by the Rasa server (the notice), the action
server ("delete my data") and `scripts/purge.py` (retention). Both stores live
in the tracker store's database (SQLite or PostgreSQL): Rasa's `events` table
(the conversation, one row per event) and `prescreening_records` (the clinic's
records, clinic/records.py). docs/privacy.md describes it for people.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

import settings
from clinic.records import records

DAY = 24 * 3600
# The custom action that deletes a person's data when they confirm it; after
# it, the Rasa server must not write back what it deleted (components/privacy.py).
DELETE_ACTION = "action_delete_data"

NOTICE = (
    "About your data: I keep this conversation and a summary of your answers for {clinic_name}, "
    "so they can prepare for your visit. Both are deleted after {retention_days} days, or straight "
    'away if you say "delete my data".'
)

# Rasa's SQLTrackerStore table (it creates it): only the columns used here.
events = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("action_name", sa.String(255)),
)
# Every session begins with this action (then the `session_started` event it returns).
SESSION_START_ACTION = "action_session_start"


def retention_days(environ: Mapping[str, str] | None = None) -> int:
    """RETENTION_DAYS (settings/): how many days conversations and records are kept; a clear error
    (settings.SettingsError, a ValueError) naming it when it is not a whole number of days."""
    return settings.load(environ).retention_days


def notice(clinic_name: str, days: int) -> str:
    return NOTICE.format(clinic_name=clinic_name, retention_days=days)


@dataclass(frozen=True)
class Deleted:
    events: int
    reference_codes: list[str]


def delete_person(engine: sa.engine.Engine, sender_id: str) -> Deleted:
    """Delete one person's conversation (every session) and clinic records, in one transaction."""
    with engine.begin() as connection:
        tables = sa.inspect(connection)
        codes: list[str] = []
        if tables.has_table(records.name):
            mine = records.c.sender_id == sender_id
            codes = sorted(
                row.reference_code for row in connection.execute(sa.select(records.c.reference_code).where(mine))
            )
            connection.execute(records.delete().where(mine))
        deleted = 0
        if tables.has_table(events.name):
            deleted = connection.execute(events.delete().where(events.c.sender_id == sender_id)).rowcount
    return Deleted(deleted, codes)


@dataclass(frozen=True)
class Purged:
    cutoff: float
    events: int
    conversations: int
    records: int
    dry_run: bool


def purge(engine: sa.engine.Engine, cutoff: float, dry_run: bool = False) -> Purged:
    """Delete conversation sessions that ended before `cutoff` (epoch seconds)
    and clinic records created before it; with `dry_run`, only count them."""
    with engine.begin() as connection:
        tables = sa.inspect(connection)
        old_events = _old_sessions(cutoff) if tables.has_table(events.name) else None
        old_records = records.c.created_at < cutoff if tables.has_table(records.name) else None
        event_count, conversations, record_count = 0, 0, 0
        if old_events is not None:
            event_count, conversations = connection.execute(
                sa.select(sa.func.count(), sa.func.count(sa.distinct(events.c.sender_id)))
                .select_from(events)
                .where(old_events)
            ).one()
        if old_records is not None:
            record_count = connection.execute(
                sa.select(sa.func.count()).select_from(records).where(old_records)
            ).scalar_one()
        if not dry_run:
            if event_count:
                connection.execute(events.delete().where(old_events))
            if record_count:
                connection.execute(records.delete().where(old_records))
    return Purged(cutoff, event_count, conversations, record_count, dry_run)


def _old_sessions(cutoff: float) -> sa.sql.ColumnElement:
    """The events of sessions whose last event is older than `cutoff`.

    A session begins with an `action_session_start` event. A conversation with
    nothing since the cutoff goes whole; otherwise the sessions before the one
    that reaches past the cutoff go, and that session stays whole. (Rasa counts
    the events from the latest `session_started` event on to know what it has
    stored: they are never touched.)
    """
    recent = events.alias("recent")
    start = events.alias("start")
    first_recent = (
        sa.select(sa.func.min(recent.c.timestamp))
        .where(recent.c.sender_id == events.c.sender_id, recent.c.timestamp >= cutoff)
        .correlate_except(recent)
        .scalar_subquery()
    )
    start_of_its_session = (
        sa.select(sa.func.max(start.c.timestamp))
        .where(
            start.c.sender_id == events.c.sender_id,
            start.c.type_name == "action",
            start.c.action_name == SESSION_START_ACTION,
            start.c.timestamp <= first_recent,
        )
        .correlate_except(start)
        .scalar_subquery()
    )
    return sa.and_(
        events.c.timestamp < cutoff, sa.or_(first_recent.is_(None), events.c.timestamp < start_of_its_session)
    )


def cutoff_for(days: int, now: float) -> float:
    return now - days * DAY


def summary(purged: Purged, days: int) -> str:
    when = dt.datetime.fromtimestamp(purged.cutoff, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    verb = "Would delete" if purged.dry_run else "Deleted"
    return (
        f"{verb} {purged.events} conversation events (from {purged.conversations} conversations) "
        f"and {purged.records} clinic records older than {days} days (before {when})."
    )
