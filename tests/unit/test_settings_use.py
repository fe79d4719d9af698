"""Where the settings (settings/) go, and that they go nowhere else: the runner gives
every process every setting, each process refuses an unusable one at start, the
README's configuration table is the one made from them, and no module but settings/
reads a setting from the environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import settings
from settings import ROOT, readme
from settings.table import SAME, Derived

PROCESS_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}


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
