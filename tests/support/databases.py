"""Real local PostgreSQL for tests: a dedicated database, created if missing."""

import os

import sqlalchemy as sa

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("TEST_PG_USER", "postgres")
PG_PASSWORD = os.environ.get("TEST_PG_PASSWORD") or None


def postgres_url(database: str) -> sa.engine.URL:
    """URL of `database` on the local server, creating it (empty) if needed."""
    admin = sa.create_engine(
        sa.engine.URL.create("postgresql", PG_USER, PG_PASSWORD, PG_HOST, PG_PORT, "postgres"),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        exists = connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}).first()
        if not exists:
            connection.execute(sa.text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return sa.engine.URL.create("postgresql", PG_USER, PG_PASSWORD, PG_HOST, PG_PORT, database)


def drop_tables(url: sa.engine.URL) -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    meta.drop_all(engine)
    engine.dispose()


def clinic_tracker_store(kind: str, domain, folder, database: str):
    """The clinic tracker store on a SQLite file in `folder` ("sqlite"), or on
    `database` of the local PostgreSQL, emptied first ("postgresql")."""
    from components.tracker_store import ClinicTrackerStore

    if kind == "sqlite":
        return ClinicTrackerStore(domain, dialect="sqlite", db=str(folder / "conversations.db"))
    url = postgres_url(database)
    drop_tables(url)
    return ClinicTrackerStore(
        domain, dialect="postgresql", host=url.host, port=url.port, db=url.database, username=url.username
    )
