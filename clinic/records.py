"""Pre-screening records, kept in the tracker store's database (SQLite or PostgreSQL)."""
import json
import os
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

from actions.clinical.levels import rank

metadata = sa.MetaData()
records = sa.Table(
    "prescreening_records", metadata,
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


@dataclass
class Record:
    reference_code: str
    sender_id: str
    created_at: float
    updated_at: float
    triage_level: str
    likely_condition: str
    summary: str
    fhir: Dict[str, Any]

    @property
    def urgency(self) -> int:
        return rank(self.triage_level)

    def as_row(self) -> Dict[str, Any]:
        return {**self.__dict__, "urgency": self.urgency, "fhir": json.dumps(self.fhir)}

    @classmethod
    def from_row(cls, row: Any) -> "Record":
        data = dict(row._mapping)
        data.pop("urgency", None)
        data["fhir"] = json.loads(data["fhir"])
        return cls(**data)


def database_url_from_env() -> sa.engine.URL:
    """The tracker store's database, from the same env vars endpoints.yml uses."""
    dialect = os.environ.get("TRACKER_DIALECT", "sqlite")
    database = os.environ.get("TRACKER_DB", "var/conversations.db")
    if dialect == "sqlite":
        return sa.engine.URL.create("sqlite", database=database)
    port = os.environ.get("TRACKER_PORT")
    return sa.engine.URL.create(
        "postgresql" if dialect in ("postgres", "postgresql") else dialect,
        username=os.environ.get("TRACKER_USER") or None, password=os.environ.get("TRACKER_PASSWORD") or None,
        host=os.environ.get("TRACKER_HOST") or None, port=int(port) if port else None, database=database)


def engine_from_env() -> sa.engine.Engine:
    """The tracker store's database, as configured by the TRACKER_* variables."""
    return sa.create_engine(database_url_from_env())


class RecordStore:
    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    @classmethod
    def from_env(cls) -> "RecordStore":
        return cls(engine_from_env())

    def upsert(self, record: Record) -> None:
        row = record.as_row()
        with self.engine.begin() as connection:
            existing = connection.execute(
                sa.select(records.c.created_at).where(records.c.reference_code == record.reference_code)).first()
            if existing is None:
                connection.execute(records.insert().values(**row))
            else:
                row["created_at"] = existing.created_at
                connection.execute(records.update().where(
                    records.c.reference_code == record.reference_code).values(**row))

    def get(self, reference_code: str) -> Optional[Record]:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(records).where(records.c.reference_code == reference_code)).first()
        return Record.from_row(row) if row else None

    def between(self, start: float, end: float) -> List[Record]:
        """Records created in [start, end), most urgent first, then oldest first."""
        query = (sa.select(records).where(records.c.created_at >= start, records.c.created_at < end)
                 .order_by(records.c.urgency, records.c.created_at))
        with self.engine.connect() as connection:
            return [Record.from_row(row) for row in connection.execute(query)]



def now() -> float:
    return time.time()
