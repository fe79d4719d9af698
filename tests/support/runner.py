"""`make run` as the README gives it: `python -m scripts.run`, the real runner
(supervisord and the processes it starts), on free ports. No setting of the
table (settings/) is inherited from the test's environment, and only the ports,
the token, the database and the test channel settings are set: the runner's
defaults (CORS origins, the action endpoint, the socket URL, the log level…)
are what is tested.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

import settings
from harness.servers import ROOT, TEST_CHANNEL_ENV, ServerProcess, free_port, inherited_env

BANNER = ">> web chat:"
READY = ">> ready:"


class Supervised:
    """Control of a runner's processes through its supervisord (needs `supervisor_config`)."""

    supervisor_config: Path

    def supervisorctl(self, *args: str) -> str:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "supervisorctl"), "-c", str(self.supervisor_config), *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result.stdout

    def pid(self, program: str) -> int:
        """The program's process id (0 when it has none); `status` leaves it out while a process starts."""
        text = self.supervisorctl("pid", program).strip()
        return int(text) if text.isdigit() else 0

    def kill(self, program: str, sig: int = signal.SIGKILL) -> int:
        """Send `sig` to a program's process; its pid."""
        pid = self.pid(program)
        assert pid, self.supervisorctl("status")
        os.kill(pid, sig)
        return pid

    def wait_until_serving(self, health: str | Callable[[], bool], old_pid: int, program: str, timeout: float) -> float:
        """Seconds until `program` runs again under a new pid and `health` (a URL that answers, or a check) holds."""
        check = health if callable(health) else (lambda: requests.get(health, timeout=2).ok)
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                if self.pid(program) not in (0, old_pid) and check():
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{program} not back after {timeout:.0f} s:\n{self.supervisorctl('status')}")


class Runner(Supervised):
    """`python -m scripts.run [args]` with its own ports and database."""

    def __init__(
        self,
        workdir: Path,
        extra_env: dict[str, str] | None = None,
        args: list[str] = (),
        ports: dict[str, int] | None = None,
    ) -> None:
        ports = ports or {}
        self.rasa_port = ports.get("RASA_PORT") or free_port()
        self.action_port = ports.get("ACTION_PORT") or free_port()
        self.web_port = ports.get("WEB_PORT") or free_port()
        self.token = "runner-test-token"
        self.env = {k: v for k, v in inherited_env().items() if k not in settings.NAMES}
        self.env.update(
            {
                "PYTHONPATH": str(ROOT),
                "RASA_PORT": str(self.rasa_port),
                "ACTION_PORT": str(self.action_port),
                "WEB_PORT": str(self.web_port),
                "RASA_TOKEN": self.token,
                "TRACKER_DB": str(workdir / "conversations.db"),
                **TEST_CHANNEL_ENV,
                **(extra_env or {}),
            }
        )
        self.log_path = workdir / "run.log"
        self.process = ServerProcess(
            "make run",
            [sys.executable, "-m", "scripts.run", *args],
            self.env,
            self.log_path,
            lambda: READY in self.output(),
        )

    @property
    def url(self) -> str:
        """The Rasa server (REST, the HTTP API)."""
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        """The address the README and the banner give."""
        return f"http://localhost:{self.web_port}"

    @property
    def supervisor_config(self) -> Path:
        return ROOT / "var" / "run" / f"supervisord-{self.rasa_port}.conf"

    def rasa_ready(self) -> bool:
        response = requests.get(f"{self.url}/status", params={"token": self.token}, timeout=2)
        return response.ok and bool(response.json().get("model_id"))

    def start(self) -> "Runner":
        self.process.start()
        try:
            self.process.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        self.process.stop()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start_up_lines(self) -> list[str]:
        """The lines from the banner to "ready", both included."""
        lines = self.output().splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith(BANNER))
        last = next(i for i, line in enumerate(lines) if line.startswith(READY))
        return lines[first : last + 1]
