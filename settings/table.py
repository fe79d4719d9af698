"""Every environment variable the product reads: its kind, its default, what
it means and which processes read it. The README's configuration table is
made from this one (`python -m settings --markdown`).

Over 300 lines: one table of data, a row per setting.

A default is a value, None (unset), or `Derived` from settings above it.
`scaled` is the default under `make run-scaled` when it differs. An empty
variable means its default, except where `keep_empty` says that empty means
"none" (a PostgreSQL host or user left to the driver).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .kinds import Choice, FilePath, Integer, Kind, Number, Origins, Port, RateLimit, Secret, Text, TimeZone, Url

ROOT = Path(__file__).resolve().parent.parent  # the project directory

# Who reads a setting (the README's "read by" column).
RUNNER = "`make run`"
RASA = "Rasa server"
ACTIONS = "action server"
WEB = "web page"
PURGE = "purge"
TRAINING = "training"
TESTS = "tests"
TRACKER_READERS = (RASA, ACTIONS, PURGE)


@dataclass(frozen=True)
class Derived:
    """A default worked out from the settings above it in the table."""

    value: Callable[[Mapping[str, Any]], Any]
    text: str  # as the README says it


class _Same:
    def __repr__(self) -> str:
        return "SAME"


SAME = _Same()  # `make run-scaled` has the same default


@dataclass(frozen=True)
class Setting:
    name: str
    kind: Kind
    default: Any
    read_by: tuple[str, ...]
    description: str
    scaled: Any = SAME
    keep_empty: bool = False
    shown: str = ""  # the default as the README says it, when not the value itself

    def default_value(self, values: Mapping[str, Any], scaled: bool = False) -> Any:
        default = self.scaled if scaled and self.scaled is not SAME else self.default
        return default.value(values) if isinstance(default, Derived) else default


def _redis_url(values: Mapping[str, Any]) -> str:
    password = values["REDIS_PASSWORD"]
    auth = f":{quote(password, safe='')}@" if password else ""
    return f"redis://{auth}{values['REDIS_HOST']}:{values['REDIS_PORT']}/{values['REDIS_DB']}"


TABLE: tuple[Setting, ...] = (
    # -- the clinic
    Setting(
        "CLINIC_NAME", Text(), "the clinic", (RASA, ACTIONS), "used in the greeting, the privacy notice and hand-off"
    ),
    Setting(
        "CLINIC_CONTACT",
        Text(),
        "the clinic's reception (phone number on your appointment letter)",
        (RASA, ACTIONS),
        'what "talk to a person" answers',
    ),
    Setting(
        "EMERGENCY_NUMBER", Text(), "999", (RASA, ACTIONS), "number given in emergencies (112 in the EU, 911 in the US)"
    ),
    Setting(
        "CLINIC_TIMEZONE",
        TimeZone(),
        "UTC",
        (RASA, WEB, TRAINING),
        'what "today" means on the front desk, in the FHIR API and for "since Boxing Day" (e.g. `Europe/London`)',
    ),
    Setting("CLINIC_WEBHOOK_URL", Url(), None, (RASA,), "POST each finished pre-screening to the clinic's system"),
    Setting(
        "CLINIC_WEBHOOK_SECRET",
        Secret(),
        None,
        (RASA,),
        "signs those POSTs: HMAC-SHA256 of the body in `X-Signature-SHA256`",
    ),
    Setting(
        "RETENTION_DAYS",
        Integer(minimum=1, unit="days"),
        30,
        TRACKER_READERS,
        "days conversations and clinic records are kept: said in the privacy notice, applied by `make purge`",
    ),
    # -- tokens
    Setting(
        "RASA_TOKEN", Secret(), None, (RUNNER,), "token for Rasa's HTTP API", shown="generated and printed at start"
    ),
    Setting(
        "FRONTDESK_TOKEN",
        Secret(),
        None,
        (RUNNER, WEB),
        "staff token for the front desk and the FHIR API (off when unset outside `make run`)",
        shown="generated and printed by `make run`",
    ),
    # -- where the processes listen and find each other
    Setting("RASA_PORT", Port(), 5005, (RUNNER,), "the Rasa server's port (REST, socket.io, HTTP API)"),
    Setting("ACTION_PORT", Port(), 5055, (RUNNER,), "the action server's port"),
    Setting("WEB_PORT", Port(), 8080, (RUNNER, WEB), "the web page's port"),
    Setting("WEB_HOST", Text(), "127.0.0.1", (WEB,), "the address the web page listens on"),
    Setting(
        "ACTION_ENDPOINT_URL",
        Url(),
        Derived(lambda v: f"http://127.0.0.1:{v['ACTION_PORT']}/webhook", "`http://127.0.0.1:$ACTION_PORT/webhook`"),
        (RUNNER, RASA),
        "where Rasa finds the action server",
    ),
    Setting(
        "RASA_SOCKET_URL",
        Url(),
        Derived(lambda v: f"http://localhost:{v['RASA_PORT']}", "`http://localhost:$RASA_PORT`"),
        (WEB,),
        "where the web page finds the Rasa socket.io channel",
    ),
    Setting("RASA_SOCKET_PATH", Text(), "/socket.io/", (WEB,), "the socket.io path of the Rasa channel"),
    Setting(
        "CORS_ORIGINS",
        Origins(),
        Derived(
            lambda v: (f"http://localhost:{v['WEB_PORT']}", f"http://127.0.0.1:{v['WEB_PORT']}"),
            "the web page's origins (`http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT`)",
        ),
        (RUNNER, RASA),
        "space-separated origins (or regular expressions, as Rasa's `--cors`) allowed to "
        "call the Rasa server and to open a web chat connection",
    ),
    # -- the tracker store
    Setting(
        "TRACKER_DIALECT",
        Choice(("sqlite", "postgresql", "postgres")),
        "sqlite",
        (RUNNER, *TRACKER_READERS),
        "tracker store: conversations and clinic records are kept in a SQLite file, so a restart loses "
        "nothing; `postgresql` for PostgreSQL",
        scaled="postgresql",
    ),
    Setting(
        "TRACKER_DB",
        FilePath(),
        str(ROOT / "var" / "conversations.db"),
        (RUNNER, *TRACKER_READERS),
        "the SQLite file, or the PostgreSQL database",
        scaled="heelcheck",
        shown="`var/conversations.db` in the project directory",
    ),
    Setting(
        "TRACKER_HOST",
        Text(),
        "",
        TRACKER_READERS,
        "PostgreSQL: the host (empty: the local socket)",
        scaled="127.0.0.1",
        keep_empty=True,
    ),
    Setting("TRACKER_PORT", Port(), None, TRACKER_READERS, "PostgreSQL: the port", scaled=5432),
    Setting(
        "TRACKER_USER",
        Text(),
        None,
        TRACKER_READERS,
        "PostgreSQL: the user (empty: the system user)",
        scaled="postgres",
        keep_empty=True,
    ),
    Setting("TRACKER_PASSWORD", Secret(strip=False), None, TRACKER_READERS, "PostgreSQL: the password"),
    Setting(
        "TRACKER_LOGIN_DB",
        Text(),
        None,
        (RASA,),
        "PostgreSQL: the database to log in to when `TRACKER_DB` does not exist yet, to create it (empty: none)",
        scaled="postgres",
        keep_empty=True,
    ),
    Setting(
        "TRACKER_DB_THREADS",
        Integer(minimum=1),
        4,
        (RASA,),
        "PostgreSQL: worker threads (and so connections) the Rasa server uses for the tracker store, off "
        "the event loop; SQLite always uses one",
    ),
    # -- conversation locks
    Setting(
        "LOCK_STORE_TYPE",
        Choice(("in_memory", "redis")),
        "in_memory",
        (RUNNER, RASA),
        "conversation locks: in memory for one Rasa server, `redis` for several "
        "([`docs/deployment.md`](docs/deployment.md))",
        scaled="redis",
    ),
    Setting("REDIS_HOST", Text(), "localhost", (RUNNER, RASA), "Redis (lock store): the host", scaled="127.0.0.1"),
    Setting("REDIS_PORT", Port(), 6379, (RUNNER, RASA), "Redis (lock store): the port"),
    Setting("REDIS_DB", Integer(minimum=0), 1, (RUNNER, RASA), "Redis (lock store): the database number"),
    Setting("REDIS_PASSWORD", Secret(strip=False), "", (RUNNER, RASA), "Redis (lock store): the password"),
    # -- the Rasa server
    Setting(
        "LOG_LEVEL",
        Choice(("DEBUG", "INFO", "WARNING", "ERROR"), upper=True),
        "WARNING",
        (RUNNER, RASA, WEB, TRAINING),
        "`DEBUG`, `INFO`, `WARNING` or `ERROR` for every process `make run` starts; `DEBUG` also shows "
        "dependencies' warnings",
    ),
    Setting(
        "ACTION_TIMEOUT_SECONDS",
        Number(above=0, maximum=300, unit="seconds"),
        10.0,
        (RASA,),
        "how long Rasa waits for the action server (stock Rasa: 5 minutes)",
    ),
    Setting(
        "CHAT_SESSION_SECRET",
        Secret(min_length=16),
        None,
        (RASA,),
        "signs web chat session ids; set it (16+ characters, the same on every Rasa server) so web chats "
        "survive a restart",
        shown="generated by `make run` for the run",
    ),
    Setting(
        "MAX_MESSAGE_CHARS",
        Integer(minimum=100),
        2000,
        (RASA,),
        "longest message read; longer ones get an explanation instead",
    ),
    Setting(
        "RATE_LIMIT_PER_SENDER",
        RateLimit(),
        "30/minute",
        (RASA,),
        "messages per conversation (REST sender, web chat session, Telegram chat, Slack user); `off` to disable",
    ),
    Setting(
        "RATE_LIMIT_PER_ADDRESS",
        RateLimit(),
        "300/minute",
        (RASA,),
        "messages per client IP address (REST and web chat); `off` to disable. The tests and `bench/` "
        "raise it (all their traffic comes from 127.0.0.1)",
    ),
    Setting(
        "RATE_LIMIT_STORAGE",
        Url(
            (
                "memory",
                "redis",
                "rediss",
                "redis+unix",
                "redis+cluster",
                "redis+sentinel",
                "memcached",
                "mongodb",
                "mongodb+srv",
            ),
            needs_host=False,
            described="storage URL (`memory://`, `redis://`…)",
        ),
        "memory://",
        (RASA,),
        "where rate-limit counts live; `redis://host:6379/2` to share them between Rasa servers",
        scaled=Derived(_redis_url, "the lock store's Redis"),
    ),
    Setting(
        "SANIC_PROXIES_COUNT",
        Integer(minimum=0),
        None,
        (RASA,),
        "behind a reverse proxy: how many proxies add `X-Forwarded-For`, so the client's address is known "
        "(Sanic's setting)",
        scaled=1,
    ),
    # -- channels (docs/channels.md)
    Setting("TELEGRAM_TOKEN", Secret(), None, (RASA,), "the Telegram bot's token: turns the Telegram channel on"),
    Setting(
        "TELEGRAM_SECRET_TOKEN",
        Secret(),
        None,
        (RASA,),
        "required with `TELEGRAM_TOKEN`: the secret every update must carry (1-256 of `A-Z a-z 0-9 _ -`)",
    ),
    Setting("TELEGRAM_WEBHOOK_URL", Url(), None, (RASA,), "registered with Telegram at start, with the secret"),
    Setting(
        "TELEGRAM_API_BASE_URL",
        Url(),
        "https://api.telegram.org",
        (RASA,),
        "the Telegram Bot API (another for tests or a local Bot API server)",
    ),
    Setting(
        "SLACK_TOKEN",
        Secret(),
        None,
        (RASA,),
        "the Slack app's bot token: with `SLACK_SIGNING_SECRET`, turns the Slack channel on",
    ),
    Setting("SLACK_SIGNING_SECRET", Secret(), None, (RASA,), "checks the signature of every Slack request"),
    Setting("SLACK_API_BASE_URL", Url(), "https://slack.com/api/", (RASA,), "the Slack Web API (another for tests)"),
    # -- make run-scaled (docs/deployment.md)
    Setting("RASA_REPLICAS", Integer(minimum=1), 2, (RUNNER,), "`make run-scaled`: Rasa replicas"),
    Setting("ACTION_REPLICAS", Integer(minimum=1), 2, (RUNNER,), "`make run-scaled`: action servers"),
    # -- the test suite
    Setting(
        "TEST_SERVER_START_TIMEOUT",
        Number(above=0, unit="seconds"),
        240.0,
        (TESTS,),
        "how long the tests wait for a server they start",
    ),
)

BY_NAME: dict[str, Setting] = {setting.name: setting for setting in TABLE}
NAMES: tuple[str, ...] = tuple(BY_NAME)
