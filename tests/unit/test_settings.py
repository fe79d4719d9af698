"""The settings (settings/): one table of every environment variable, read and checked in one
place, and the README's configuration table made from it."""

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from limits import parse_many

import settings
from settings import ROOT, SettingsError, kinds, load, readme
from settings.table import SAME, Derived

PROCESS_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}


# -- the table -------------------------------------------------------------------------------------


def test_every_setting_is_declared_once_with_its_kind_meaning_and_readers():
    assert len(settings.NAMES) == len(set(settings.NAMES)) >= 45
    for setting in settings.TABLE:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]+", setting.name) and setting.description and setting.read_by
        assert isinstance(setting.kind, kinds.Kind)


def test_the_variables_endpoints_and_credentials_use_are_in_the_table():
    used = set()
    for name in ("endpoints.yml", "credentials.yml"):
        used |= set(re.findall(r"\$\{(\w+)\}", (ROOT / name).read_text()))
    assert used and used <= set(settings.NAMES), used - set(settings.NAMES)


def test_defaults():
    config = load({})
    assert (config.rasa_port, config.action_port, config.web_port) == (5005, 5055, 8080)
    assert (config.tracker_dialect, config.tracker_host, config.tracker_port) == ("sqlite", "", None)
    assert config.tracker_db == str(ROOT / "var" / "conversations.db") and Path(config.tracker_db).is_absolute()
    assert (config.lock_store_type, config.redis_host, config.redis_port, config.redis_db, config.redis_password) == (
        "in_memory",
        "localhost",
        6379,
        1,
        "",
    )
    assert (config.log_level, config.action_timeout_seconds, config.retention_days) == ("WARNING", 10.0, 30)
    assert (config.max_message_chars, config.rate_limit_per_sender, config.rate_limit_storage) == (
        2000,
        "30/minute",
        "memory://",
    )
    assert config.rasa_token is config.chat_session_secret is config.sanic_proxies_count is None
    assert (config.clinic_name, config.emergency_number, config.clinic_timezone) == ("the clinic", "999", "UTC")
    assert (config.rasa_replicas, config.action_replicas) == (2, 2)
    assert settings.default("RASA_PORT") == 5005 and settings.default("TRACKER_DIALECT", scaled=True) == "postgresql"


def test_derived_defaults_follow_what_they_come_from_and_a_set_value_wins():
    config = load({"ACTION_PORT": "6055", "RASA_PORT": "6005", "WEB_PORT": "9090"})
    assert config.action_endpoint_url == "http://127.0.0.1:6055/webhook"
    assert config.rasa_socket_url == "http://localhost:6005"
    assert config.cors_origins == ("http://localhost:9090", "http://127.0.0.1:9090")
    assert (
        load({"ACTION_PORT": "6055", "ACTION_ENDPOINT_URL": "http://actions:80/webhook"}).action_endpoint_url
        == "http://actions:80/webhook"
    )
    assert settings.default("CORS_ORIGINS") == ("http://localhost:8080", "http://127.0.0.1:8080")


def test_the_scaled_defaults_and_what_empty_means():
    config = load({}, scaled=True)
    assert (config.tracker_dialect, config.tracker_host, config.tracker_port, config.tracker_db) == (
        "postgresql",
        "127.0.0.1",
        5432,
        "heelcheck",
    )
    assert (config.tracker_user, config.tracker_login_db, config.lock_store_type, config.redis_host) == (
        "postgres",
        "postgres",
        "redis",
        "127.0.0.1",
    )
    assert (config.rate_limit_storage, config.sanic_proxies_count) == ("redis://127.0.0.1:6379/1", 1)
    with_password = load({"REDIS_PASSWORD": "p@ss word", "REDIS_DB": "3"}, scaled=True)
    assert with_password.rate_limit_storage == "redis://:p%40ss%20word@127.0.0.1:6379/3"
    # Empty: the default, except a PostgreSQL host, user or login database, where it means "none".
    empty = load(
        {"TRACKER_HOST": "", "TRACKER_USER": "", "TRACKER_LOGIN_DB": "", "TRACKER_DB": "", "REDIS_HOST": " "},
        scaled=True,
    )
    assert (empty.tracker_host, empty.tracker_user, empty.tracker_login_db) == ("", "", "")
    assert (empty.tracker_db, empty.redis_host) == ("heelcheck", "127.0.0.1")


def test_values_are_typed_normalised_and_frozen():
    config = load(
        {
            "LOG_LEVEL": "debug",
            "TRACKER_DIALECT": "PostgreSQL",
            "RETENTION_DAYS": " 365 ",
            "ACTION_TIMEOUT_SECONDS": "2.5",
            "CORS_ORIGINS": " https://a.example  https://b.example ",
            "RATE_LIMIT_PER_ADDRESS": "None",
            "CLINIC_TIMEZONE": "Europe/London",
            "TRACKER_PASSWORD": " spaced ",
            "TELEGRAM_TOKEN": " 123:abc ",
        }
    )
    assert (config.log_level, config.tracker_dialect, config.retention_days) == ("DEBUG", "postgresql", 365)
    assert (config.action_timeout_seconds, config.rate_limit_per_address) == (2.5, "off")
    assert config.cors_origins == ("https://a.example", "https://b.example")
    assert (config.tracker_password, config.telegram_token) == (" spaced ", "123:abc")  # passwords kept as typed
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.rasa_port = 1


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("RASA_PORT", "abc", "RASA_PORT='abc' must be a port number (1-65535)"),
        ("WEB_PORT", "70000", "WEB_PORT='70000' must be a port number (1-65535)"),
        ("RETENTION_DAYS", "1.5", "RETENTION_DAYS='1.5' must be a whole number of days, at least 1"),
        ("TRACKER_DB_THREADS", "0", "TRACKER_DB_THREADS='0' must be a whole number, at least 1"),
        (
            "ACTION_TIMEOUT_SECONDS",
            "1000",
            "ACTION_TIMEOUT_SECONDS='1000' must be a number of seconds, more than 0, at most 300",
        ),
        ("ACTION_TIMEOUT_SECONDS", "nan", "ACTION_TIMEOUT_SECONDS='nan' must be a number of seconds"),
        (
            "CLINIC_WEBHOOK_URL",
            "clinic.example/in",
            "CLINIC_WEBHOOK_URL='clinic.example/in' must be a URL starting with http:// or https:// and naming a host",
        ),
        (
            "RATE_LIMIT_STORAGE",
            "postgres://db",
            "RATE_LIMIT_STORAGE='postgres://db' must be a URL starting with memory://",
        ),
        ("TRACKER_DB", "a\0b", "TRACKER_DB='a\\x00b' must be a file path"),
        ("CORS_ORIGINS", "http://ok.example (", "CORS_ORIGINS='http://ok.example (' must be space-separated origins"),
        ("CLINIC_TIMEZONE", "Mars/Base", "CLINIC_TIMEZONE='Mars/Base' is not a time zone (e.g. Europe/London)"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL='loud' must be DEBUG, INFO, WARNING or ERROR"),
        ("LOCK_STORE_TYPE", "sql", "LOCK_STORE_TYPE='sql' must be in_memory or redis"),
        ("RATE_LIMIT_PER_SENDER", "lots", "RATE_LIMIT_PER_SENDER='lots' must be a rate limit such as 30/minute"),
        (
            "CHAT_SESSION_SECRET",
            "short-secret",
            "CHAT_SESSION_SECRET must be at least 16 characters (it has 12); the value is not shown",
        ),
    ],
)
def test_an_unusable_value_is_named_with_what_is_allowed(name, value, message):
    with pytest.raises(SettingsError) as error:
        load({name: value})
    assert str(error.value).startswith(message)
    assert isinstance(error.value, ValueError)


def test_every_unusable_value_is_named_at_once_and_a_secret_never_shown():
    with pytest.raises(SettingsError) as error:
        load({"RASA_PORT": "0", "TELEGRAM_API_BASE_URL": "api.telegram.org", "CHAT_SESSION_SECRET": "hunter2"})
    assert [problem.split(" ")[0] for problem in error.value.problems] == [
        "RASA_PORT='0'",
        "CHAT_SESSION_SECRET",
        "TELEGRAM_API_BASE_URL='api.telegram.org'",
    ]
    assert "hunter2" not in str(error.value)


def test_the_kinds_not_in_the_table_yet():
    flag = kinds.Flag()
    assert [flag.parse(text) for text in ("true", "Yes", "on", "1", "false", "NO", "off", "0")] == [True] * 4 + [
        False
    ] * 4
    with pytest.raises(kinds.Invalid, match="must be true or false"):
        flag.parse("maybe")
    assert flag.render(True) == "true"


@pytest.mark.parametrize(
    "text",
    [
        "30/minute",
        "2/second; 5/minute",
        "10/10second;30/minute",
        "1 per hour",
        "5/days",
        "3/minute|4/hour",
        "lots",
        "30/fortnight",
        "/minute",
        "30 minute",
    ],
)
def test_the_rate_limit_notation_is_the_limits_librarys(text):
    try:
        parse_many(text)
        accepted = True
    except ValueError:
        accepted = False
    try:
        kinds.RateLimit().parse(text)
        assert accepted, text
    except kinds.Invalid:
        assert not accepted, text


def test_the_settings_go_to_a_child_process_and_come_back_the_same():
    for environ, scaled in (
        ({}, False),
        ({}, True),
        ({"CORS_ORIGINS": "https://a https://b", "TRACKER_PORT": "5433", "ACTION_TIMEOUT_SECONDS": "2.5"}, False),
    ):
        config = load(environ, scaled=scaled)
        exported = config.environment()
        assert all(isinstance(value, str) for value in exported.values())
        assert "RASA_TOKEN" not in exported and ("SANIC_PROXIES_COUNT" in exported) == scaled  # unset: left out
        assert load(exported) == config
    assert load({}).environment(["REDIS_PORT", "TRACKER_HOST"]) == {"REDIS_PORT": "6379", "TRACKER_HOST": ""}


def test_nothing_is_read_at_import():
    env = {**PROCESS_ENV, "RASA_PORT": "abc"}
    imported = subprocess.run(
        [sys.executable, "-c", "import settings, scripts.run, web.server"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr


# -- the runner and the processes --------------------------------------------------------------------


def test_the_runner_gives_every_process_every_setting_explicitly():
    from scripts import run

    env = run.environment({})
    assert {
        name: env[name]
        for name in (
            "RASA_PORT",
            "ACTION_ENDPOINT_URL",
            "TRACKER_DB",
            "TRACKER_HOST",
            "LOCK_STORE_TYPE",
            "LOG_LEVEL",
            "CORS_ORIGINS",
        )
    } == {
        "RASA_PORT": "5005",
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",
        "TRACKER_DB": str(ROOT / "var" / "conversations.db"),
        "TRACKER_HOST": "",
        "LOCK_STORE_TYPE": "in_memory",
        "LOG_LEVEL": "WARNING",
        "CORS_ORIGINS": "http://localhost:8080 http://127.0.0.1:8080",
    }
    assert len(env["CHAT_SESSION_SECRET"]) >= 16 and "TRACKER_PORT" not in env
    scaled = run.environment({"TRACKER_HOST": "", "LOG_LEVEL": "info"}, scaled=True)
    assert (scaled["TRACKER_DIALECT"], scaled["TRACKER_HOST"], scaled["RATE_LIMIT_STORAGE"], scaled["LOG_LEVEL"]) == (
        "postgresql",
        "",
        "redis://127.0.0.1:6379/1",
        "INFO",
    )
    with pytest.raises(SystemExit) as stopped:
        run.environment({"RASA_PORT": "abc"})
    assert stopped.value.code == "!! RASA_PORT='abc' must be a port number (1-65535)"


@pytest.mark.parametrize(
    "command, code, said",
    [
        (["scripts.run"], 1, "!! RASA_PORT='abc' must be a port number (1-65535)"),
        (["scripts.rasa_cli", "run", "actions"], 1, "!! RASA_PORT='abc' must be a port number (1-65535)"),
        (["scripts.purge", "--dry-run"], 2, "!! RASA_PORT='abc' must be a port number (1-65535)"),
        (["web.server"], 2, "web.server: RASA_PORT='abc' must be a port number (1-65535)"),
    ],
)
def test_each_process_refuses_an_unusable_setting_at_start_without_a_traceback(command, code, said):
    done = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        env={**PROCESS_ENV, "RASA_PORT": "abc"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr.strip()) == (code, said), done.stdout + done.stderr


# -- one owner -------------------------------------------------------------------------------------


def test_the_readme_configuration_table_is_the_one_made_from_the_settings():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(readme.BEGIN) == text.count(readme.END) == 1
    table = text[text.index(readme.BEGIN) + len(readme.BEGIN) : text.index(readme.END)].strip()
    assert table == readme.markdown(), (
        "README.md's configuration table is not settings/table.py's: put the "
        "output of `python -m settings --markdown` between its markers"
    )
    for name in ("RASA_SOCKET_PATH", "WEB_HOST", "TRACKER_LOGIN_DB", "RASA_REPLICAS", "ACTION_REPLICAS"):
        assert f"| `{name}` |" in table


def test_a_scaled_default_and_a_derived_one_are_said_in_the_readme():
    rows = {line.split(" | ")[0].strip("|` "): line for line in readme.markdown().splitlines()[2:]}
    assert "`sqlite`; `make run-scaled`: `postgresql`" in rows["TRACKER_DIALECT"]
    assert "`http://127.0.0.1:$ACTION_PORT/webhook`" in rows["ACTION_ENDPOINT_URL"]
    assert "`make run-scaled`: the lock store's Redis" in rows["RATE_LIMIT_STORAGE"]
    assert list(rows) == list(settings.NAMES)
    assert {s.name for s in settings.TABLE if s.scaled is not SAME} >= {"TRACKER_DIALECT", "LOCK_STORE_TYPE"}
    assert isinstance(settings.BY_NAME["CORS_ORIGINS"].default, Derived)


PACKAGES = ("actions", "bench", "channels", "clinic", "components", "harness", "heel", "scripts", "tests", "web")
# A read of a variable from the environment: os.environ.get("X"), environ["X"], os.getenv("X")… (not from the
# environment a test or the runner builds for a child process: `env["TRACKER_DB"]` is what it was given).
READ = re.compile(
    r"""(?:\benviron\b\)?|\bgetenv)\s*(?:\.get\(|\.setdefault\(|\.pop\(|\[|\()\s*"""
    r"""["']([A-Z][A-Z0-9_]*)["'](\]\s*=(?!=))?"""
)  # group 2: a write, for a child process
# The only other use of os.environ: copying it for a child process.
COPY = re.compile(r"(?:\*\*|dict\()os\.environ\b|os\.environ\.items\(\)")
# Not settings: the interpreter's path (added to for child processes), and what a socket.io connection's
# own `environ` (WSGI-style, channels/socketio.py) says about it.
NOT_SETTINGS = {"PYTHONPATH", "HTTP_ORIGIN", "REMOTE_ADDR"}
STILL_READ_DIRECTLY = set()


def python_sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_no_module_but_settings_reads_a_setting_from_the_environment():
    found = []
    for name, source in python_sources():
        for match in READ.finditer(source):
            variable, written = match.group(1), match.group(2)
            if variable in settings.NAMES and not written and (name, variable) not in STILL_READ_DIRECTLY:
                found.append(f"{name}: {match.group(0)}")
    assert not found, "read settings.load() instead:\n" + "\n".join(found)


def test_the_product_uses_os_environ_only_to_pass_it_to_child_processes():
    found = []
    for name, source in python_sources():
        if name.startswith("tests/"):
            continue  # the tests' own variables (TEST_PG_HOST…) are not the product's
        for line in source.splitlines():
            rest = COPY.sub("", line)  # copies for a child process
            for match in re.finditer(r"os\.environ\b", rest):
                if not READ.match(rest, match.start() + len("os.")):  # a named read is the test above's
                    found.append(f"{name}: {line.strip()}")
    assert not found, "\n".join(found)


def test_every_variable_the_product_reads_is_in_the_table():
    read = {
        match.group(1)
        for name, source in python_sources()
        if not name.startswith("tests/")
        for match in READ.finditer(source)
        if not match.group(2)
    }
    assert read - NOT_SETTINGS <= set(settings.NAMES), read - NOT_SETTINGS - set(settings.NAMES)


def test_the_project_directory_is_defined_once_for_scripts_and_harness():
    definitions = [
        name
        for name, source in python_sources()
        if re.search(r"^ROOT = Path\(", source, re.M) and name.startswith(("scripts/", "harness/"))
    ]
    assert not definitions and Path(__file__).resolve().parents[2] == ROOT
