"""The settings (settings/): one table of every environment variable, read and checked in one
place. Where they go (the processes, the README) is tests/unit/test_settings_use.py's."""

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from limits import parse_many

import settings
from settings import ROOT, SettingsError, kinds, load

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
