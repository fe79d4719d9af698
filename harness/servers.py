"""Start the real action server and Rasa server on free ports, for tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

import settings
from settings import ROOT

BIN = Path(sys.executable).parent
# Rasa as `make run` starts it: with this project's changes to its internals installed (scripts/rasa_cli.py).
RASA_CLI = [str(BIN / "python"), "-m", "scripts.rasa_cli"]
CHANNEL_ENV_PREFIXES = ("TELEGRAM_", "SLACK_")
# The whole suite, and bench/ (~60 messages/s), talk from 127.0.0.1: the
# per-address rate limit is lifted on test servers (tests/channels/test_limits_and_failures.py
# checks the defaults on a server of its own). A fixed web chat session secret
# lets sessions survive a restarted test server.
TEST_CHANNEL_ENV = {
    "RATE_LIMIT_PER_ADDRESS": "100000/minute",
    "CHAT_SESSION_SECRET": "test-chat-session-secret-not-for-production",
}
# endpoints.yml's stores as `make run` has them by default (settings/): SQLite, locks in memory (one Rasa
# process); set explicitly, so that a developer's own settings for them do not reach the test servers.
STORE_SETTINGS = (
    "TRACKER_DIALECT",
    "TRACKER_HOST",
    "LOCK_STORE_TYPE",
    "REDIS_HOST",
    "REDIS_PORT",
    "REDIS_DB",
    "REDIS_PASSWORD",
)


def default_env(*names: str) -> dict[str, str]:
    """The defaults of these settings, as environment variables."""
    return settings.load({}).environment(names)


def inherited_env() -> dict[str, str]:
    """This process's environment for a test server, less a developer's real
    channel tokens: channels are off unless a test turns them on."""
    return {k: v for k, v in os.environ.items() if not k.startswith(CHANNEL_ENV_PREFIXES)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ServerProcess:
    name: str
    command: list[str]
    env: dict[str, str]
    log_path: Path
    ready: Callable[[], bool]
    process: subprocess.Popen | None = field(default=None, init=False)

    def start(self) -> "ServerProcess":
        log = open(self.log_path, "ab")  # noqa: SIM115 - the server's log for its whole life; closed by the OS
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def wait_ready(self, timeout: float | None = None) -> None:
        """Until `ready()` (at most `timeout`, default TEST_SERVER_START_TIMEOUT seconds)."""
        timeout = settings.load().test_server_start_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if self.ready():
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{self.name} not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Stack:
    """The assistant as a user's machine runs it: action server + Rasa server."""

    model: Path
    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    cors_origins: list[str] = field(default_factory=list)
    token: str = "test-token"

    def __post_init__(self) -> None:
        self.rasa_port = free_port()
        self.action_port = free_port()
        self.env = {
            **inherited_env(),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(ROOT),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            **default_env(*STORE_SETTINGS),
            "TRACKER_DB": str(self.workdir / "conversations.db"),
            **TEST_CHANNEL_ENV,
            "CORS_ORIGINS": " ".join(self.cors_origins),  # the socket.io channel's allowed origins, as --cors
            **self.extra_env,
        }
        self.actions = ServerProcess(
            "action server",
            [*RASA_CLI, "run", "actions", "--actions", "actions", "--port", str(self.action_port)],
            self.env,
            self.workdir / "actions.log",
            lambda: requests.get(f"http://127.0.0.1:{self.action_port}/health", timeout=2).ok,
        )
        self.rasa = ServerProcess(
            "rasa server",
            [
                *RASA_CLI,
                "run",
                "--enable-api",
                "--auth-token",
                self.token,
                "--port",
                str(self.rasa_port),
                "--model",
                str(self.model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
                "--cors",
                *self.cors_origins,
            ],  # one --cors: Rasa keeps only the last of repeated options
            self.env,
            self.workdir / "rasa.log",
            self._rasa_ready,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _rasa_ready(self) -> bool:
        response = requests.get(f"{self.url}/status", params={"token": self.token}, timeout=2)
        return response.ok and bool(response.json().get("model_id"))

    def start(self) -> "Stack":
        self.actions.start()
        self.rasa.start()
        self.actions.wait_ready()
        self.rasa.wait_ready()
        return self

    def restart_rasa(self) -> None:
        self.rasa.stop()
        self.rasa.start().wait_ready()

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()


def web_server(workdir: Path, rasa_url: str, extra_env: dict[str, str] | None = None) -> ServerProcess:
    """The chat page (web/server.py) on a free port, talking to `rasa_url`."""
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        **default_env("WEB_HOST"),
        "WEB_PORT": str(port),
        "RASA_SOCKET_URL": rasa_url,
        **(extra_env or {}),
    }
    server = ServerProcess(
        "web server",
        [str(BIN / "python"), "-m", "web.server"],
        env,
        workdir / "web.log",
        lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok,
    )
    server.url = f"http://127.0.0.1:{port}"
    return server
