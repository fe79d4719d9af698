"""Pre-screening records, kept in the tracker store's database (SQLite or PostgreSQL).

Besides the records, the store keeps every version of the published FHIR
Questionnaire that a record has answered (`fhir_questionnaires`), so that a
response filed before the clinical core changed still resolves to its
Questionnaire (clinic/fhir_api.py).
"""

import json
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

import settings
from heel.levels import rank

metadata = sa.MetaData()
records = sa.Table(
    "prescreening_records",
    metadata,
    sa.Column("reference_code", sa.String(16), primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False, index=True),  # epoch seconds
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("triage_level", sa.String(32), nullable=False),
    sa.Column("urgency", sa.Integer, nullable=False),  # 0 = most urgent
    sa.Column("likely_condition", sa.String(64), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("fhir", sa.Text, nullable=False),
)
# The FHIR API lists records by their last update (the response's `authored`), newest first.
by_update = sa.Index("ix_prescreening_records_updated_at", records.c.updated_at)
questionnaires = sa.Table(
    "fhir_questionnaires",
    metadata,
    sa.Column("url", sa.String(255), primary_key=True),
    sa.Column("version", sa.String(64), primary_key=True),
    sa.Column("published_at", sa.Float, nullable=False),  # epoch seconds
    sa.Column("resource", sa.Text, nullable=False),
)


@dataclass(frozen=True)
class Window:
    """Epoch seconds [start, end), either end open (None); `inside=False` means outside it."""

    start: float | None = None
    end: float | None = None
    inside: bool = True

    def condition(self, column: sa.Column) -> sa.sql.ColumnElement:
        within = sa.and_(
            sa.true(),
            *([column >= self.start] if self.start is not None else []),
            *([column < self.end] if self.end is not None else []),
        )
        return within if self.inside else sa.not_(within)


@dataclass
class Record:
    reference_code: str
    sender_id: str
    created_at: float
    updated_at: float
    triage_level: str
    likely_condition: str
    summary: str
    fhir: dict[str, Any]

    @property
    def urgency(self) -> int:
        return rank(self.triage_level)

    def as_row(self) -> dict[str, Any]:
        return {**self.__dict__, "urgency": self.urgency, "fhir": json.dumps(self.fhir)}

    @classmethod
    def from_row(cls, row: Any) -> "Record":
        data = dict(row._mapping)
        data.pop("urgency", None)
        data["fhir"] = json.loads(data["fhir"])
        return cls(**data)


def database_url_from_env(config: Any = None) -> sa.engine.URL:
    """The tracker store's database, from the same settings endpoints.yml uses (default: settings.load())."""
    config = config or settings.load()
    if config.tracker_dialect == "sqlite":
        return sa.engine.URL.create("sqlite", database=config.tracker_db)
    return sa.engine.URL.create(
        "postgresql" if config.tracker_dialect in ("postgres", "postgresql") else config.tracker_dialect,
        username=config.tracker_user or None,
        password=config.tracker_password or None,
        host=config.tracker_host or None,
        port=config.tracker_port,
        database=config.tracker_db,
    )


def engine_from_env(config: Any = None) -> sa.engine.Engine:
    """The tracker store's database, as configured by the TRACKER_* settings."""
    return sa.create_engine(database_url_from_env(config))


class RecordStore:
    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)
        try:  # a table made before the index existed; another process may be adding it right now
            by_update.create(engine, checkfirst=True)
        except sa.exc.DBAPIError:
            if not any(ix["name"] == by_update.name for ix in sa.inspect(engine).get_indexes(records.name)):
                raise
        self._published: set = set()

    @classmethod
    def from_env(cls) -> "RecordStore":
        return cls(engine_from_env())

    def upsert(self, record: Record) -> None:
        self._publish_questionnaire_of(record)
        row = record.as_row()
        with self.engine.begin() as connection:
            existing = connection.execute(
                sa.select(records.c.created_at).where(records.c.reference_code == record.reference_code)
            ).first()
            if existing is None:
                connection.execute(records.insert().values(**row))
            else:
                row["created_at"] = existing.created_at
                connection.execute(
                    records.update().where(records.c.reference_code == record.reference_code).values(**row)
                )

    def get(self, reference_code: str) -> Record | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(records).where(records.c.reference_code == reference_code)).first()
        return Record.from_row(row) if row else None

    def between(self, start: float, end: float) -> list[Record]:
        """Records created in [start, end), most urgent first, then oldest first."""
        query = (
            sa.select(records)
            .where(records.c.created_at >= start, records.c.created_at < end)
            .order_by(records.c.urgency, records.c.created_at)
        )
        with self.engine.connect() as connection:
            return [Record.from_row(row) for row in connection.execute(query)]

    # -- the FHIR API's search -------------------------------------------------
    @staticmethod
    def _matching(windows: Sequence[Window], codes: Collection[str] | None) -> list[sa.sql.ColumnElement]:
        where = [w.condition(records.c.updated_at) for w in windows]
        if codes is not None:
            where.append(records.c.reference_code.in_(sorted(codes)))
        return where

    def newest(
        self,
        windows: Sequence[Window] = (),
        codes: Collection[str] | None = None,
        limit: int = 50,
        after: tuple[float, str] | None = None,
    ) -> list[Record]:
        """Records last updated within every window (and with one of `codes`, if given), newest
        first; `after` is the (updated_at, reference_code) of the last record of the previous page."""
        where = self._matching(windows, codes)
        if after is not None:
            updated, code = after
            where.append(
                sa.or_(
                    records.c.updated_at < updated,
                    sa.and_(records.c.updated_at == updated, records.c.reference_code < code),
                )
            )
        query = (
            sa.select(records)
            .where(*where)
            .order_by(records.c.updated_at.desc(), records.c.reference_code.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [Record.from_row(row) for row in connection.execute(query)]

    def count(self, windows: Sequence[Window] = (), codes: Collection[str] | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(records).where(*self._matching(windows, codes))
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    # -- the published Questionnaire versions ----------------------------------
    def publish(self, questionnaire: dict[str, Any]) -> None:
        """Keep this version of the Questionnaire (once: a version never changes)."""
        key = (questionnaire["url"], questionnaire["version"])
        if key in self._published:
            return
        row = {"url": key[0], "version": key[1], "published_at": now(), "resource": json.dumps(questionnaire)}
        try:
            with self.engine.begin() as connection:
                exists = connection.execute(
                    sa.select(questionnaires.c.version).where(
                        questionnaires.c.url == key[0], questionnaires.c.version == key[1]
                    )
                ).first()
                if exists is None:
                    connection.execute(questionnaires.insert().values(**row))
        except sa.exc.IntegrityError:
            pass  # another process published it at the same moment
        self._published.add(key)

    def questionnaires(self, url: str | None = None, version: str | None = None) -> list[dict[str, Any]]:
        """Published Questionnaires, newest first."""
        query = sa.select(questionnaires.c.resource).order_by(questionnaires.c.published_at.desc())
        if url is not None:
            query = query.where(questionnaires.c.url == url)
        if version is not None:
            query = query.where(questionnaires.c.version == version)
        with self.engine.connect() as connection:
            return [json.loads(text) for text in connection.execute(query).scalars()]

    def _publish_questionnaire_of(self, record: Record) -> None:
        from . import questionnaire

        current = questionnaire.current()
        if record.fhir.get("questionnaire") == questionnaire.canonical(current):
            self.publish(current)


def now() -> float:
    return time.time()
