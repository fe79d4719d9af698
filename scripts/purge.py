"""Retention: delete conversations and clinic records older than RETENTION_DAYS.

    .venv/bin/python -m scripts.purge [--days N] [--dry-run] [--every HOURS]
    make purge

Works on the tracker store's database, configured by the same settings as
the servers (TRACKER_DIALECT, TRACKER_HOST, TRACKER_PORT, TRACKER_DB,
TRACKER_USER, TRACKER_PASSWORD; SQLite var/conversations.db by default). A
conversation session goes once its last message is older than the period;
a clinic record once it was filed that long ago. Run it daily (cron, a
systemd timer) or keep it running with `--every 24`. docs/privacy.md says more.
"""

import argparse
import sys
import time
from pathlib import Path

import settings
from clinic.privacy import cutoff_for, purge, summary
from clinic.records import engine_from_env


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, at least 1, not {text!r}")
    return int(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.purge", description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=positive_int, help="keep this many days (default: $RETENTION_DAYS, or 30)")
    parser.add_argument("--dry-run", action="store_true", help="count what would go; delete nothing")
    parser.add_argument("--every", type=positive_int, metavar="HOURS", help="keep running and purge every HOURS hours")
    args = parser.parse_args(argv)
    try:  # every setting checked at start, the unusable ones named
        config = settings.load()
    except settings.SettingsError as error:
        print(f"!! {error}", file=sys.stderr)
        return 2
    days = args.days or config.retention_days
    engine = engine_from_env(config)
    database = engine.url.database
    while True:
        if engine.url.get_backend_name() == "sqlite" and not (database and Path(database).exists()):
            print(f"Nothing to purge: there is no database at {database} yet.", flush=True)
        else:
            print(summary(purge(engine, cutoff_for(days, time.time()), args.dry_run), days), flush=True)
        if not args.every:
            return 0
        time.sleep(args.every * 3600)


if __name__ == "__main__":
    sys.exit(main())
