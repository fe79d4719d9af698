"""The two bots under load: start them (timing start-up), train them (timing it),
stop them, and read their processes' memory and CPU time.

- ours: the action server + Rasa server exactly as the tests start them
  (harness/servers.py `Stack`: SQLite tracker store, REST channel, token).
- starter: Rasa's starter bot, `rasa init --no-prompt` in a temporary folder
  (default config, in-memory tracker store, no action server), served with the
  same `rasa run --enable-api --auth-token` command line.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from harness.servers import ROOT, Stack, free_port

try:  # psutil is not a dependency of rasa 3.6.21: fall back to /proc (what psutil reads on Linux)
    import psutil
except ImportError:  # pragma: no cover - depends on the venv
    psutil = None
GONE = (OSError, psutil.Error) if psutil else (OSError,)  # a process that exited meanwhile

RASA = str(Path(sys.executable).parent / "rasa")
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
TOKEN = "bench-token"
START_TIMEOUT = 300.0
MEMORY_SAMPLER = "psutil" if psutil else "/proc"


def stop_bots_on_sigterm() -> None:
    """`kill` (SIGTERM) of a benchmark then runs its `finally:` blocks, which stop the bots."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


# ---------------------------------------------------------------- processes
def process_tree(pid: int) -> list[int]:
    """pid and its descendants (a server's memory includes any worker it forks)."""
    if psutil:
        root = psutil.Process(pid)
        return [pid] + [child.pid for child in root.children(recursive=True)]
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        tree.append(todo.pop())
        todo += children.get(tree[-1], [])
    return tree


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            if psutil:
                total += psutil.Process(pid).memory_info().rss
            else:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except GONE:
            pass
    return total / 2**20


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes."""
    total = 0.0
    for pid in pids:
        try:
            if psutil:
                times = psutil.Process(pid).cpu_times()
                total += times.user + times.system
            else:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except GONE:
            pass
    return total


# ---------------------------------------------------------------- a running bot
@dataclass
class Bot:
    name: str
    url: str
    processes: dict[str, list[int]]  # label -> process tree, e.g. {"rasa": [...], "actions": [...]}
    startup_seconds: dict[str, float]
    training_seconds: float | None
    logs: dict[str, Path]
    stop: Callable[[], None]
    notes: dict[str, str] = field(default_factory=dict)

    def rss_mb(self) -> dict[str, float]:
        return {label: rss_mb(pids) for label, pids in self.processes.items()}

    def cpu_seconds(self) -> dict[str, float]:
        return {label: cpu_seconds(pids) for label, pids in self.processes.items()}

    def log_errors(self) -> dict[str, int]:
        """ERROR lines each server logged so far (failures the REST reply may hide)."""
        return {
            label: sum(" ERROR " in line for line in path.read_text(errors="replace").splitlines())
            for label, path in self.logs.items()
            if path.exists()
        }


def _wait(ready: Callable[[], bool], process: subprocess.Popen, name: str, started: float) -> float:
    """Seconds from `started` until `ready()`, polling every 0.1 s."""
    while time.monotonic() - started < START_TIMEOUT:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            if ready():
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{name} not ready after {START_TIMEOUT:.0f} s")


def _status_has_model(url: str) -> Callable[[], bool]:
    def ready() -> bool:
        response = requests.get(f"{url}/status", params={"token": TOKEN}, timeout=2)
        return response.ok and bool(response.json().get("model_id"))

    return ready


def _timed(command: list[str], cwd: Path, log: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    with open(log, "wb") as out:
        subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=True)
    return time.monotonic() - started


# ---------------------------------------------------------------- ours
def train_ours(workdir: Path) -> tuple[Path, float]:
    """A cold `rasa train --force` into workdir (empty graph cache, nothing reused)."""
    out = workdir / "models"
    env = {**ENV, "RASA_CACHE_DIRECTORY": str(workdir / "rasa-cache")}
    seconds = _timed(
        [RASA, "train", "--force", "--out", str(out), "--fixed-model-name", "heel-bench"],
        ROOT,
        workdir / "train.log",
        env,
    )
    return out / "heel-bench.tar.gz", seconds


def start_ours(workdir: Path, model: Path, training_seconds: float | None, endpoints: Path | None = None) -> Bot:
    """`endpoints`: another endpoints file (bench.profile's what-if; the project's files are untouched)."""
    stack = Stack(model=model, workdir=workdir, token=TOKEN)
    if endpoints:
        stack.rasa.command[stack.rasa.command.index("endpoints.yml")] = str(endpoints)
    started = time.monotonic()
    stack.actions.start()
    stack.rasa.start()  # both at once, as `make run` does
    ready_actions = _wait(stack.actions.ready, stack.actions.process, "action server", started)
    ready_rasa = _wait(_status_has_model(stack.url), stack.rasa.process, "rasa server", started)
    return Bot(
        name="ours",
        url=stack.url,
        processes={"rasa": process_tree(stack.rasa.process.pid), "actions": process_tree(stack.actions.process.pid)},
        startup_seconds={"rasa": round(ready_rasa, 2), "actions": round(ready_actions, 2)},
        training_seconds=training_seconds,
        logs={"rasa": stack.rasa.log_path, "actions": stack.actions.log_path},
        stop=stack.stop,
        notes={
            "tracker_store": f"SQLite {stack.env['TRACKER_DB']}" if not endpoints else str(endpoints),
            "model": str(model),
            "action_url": stack.env["ACTION_ENDPOINT_URL"],
        },
    )


# ---------------------------------------------------------------- Rasa's starter bot
def init_starter(workdir: Path) -> tuple[Path, float]:
    """`rasa init --no-prompt` (scaffold + train the default config) in workdir/starter."""
    project = workdir / "starter"
    project.mkdir(parents=True)
    seconds = _timed([RASA, "init", "--no-prompt"], project, workdir / "starter-init.log", ENV)
    return next((project / "models").glob("*.tar.gz")), seconds


def start_starter(workdir: Path, model: Path, training_seconds: float | None) -> Bot:
    project = model.parent.parent
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = workdir / "starter-rasa.log"
    started = time.monotonic()
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [
                RASA,
                "run",
                "--enable-api",
                "--auth-token",
                TOKEN,
                "--port",
                str(port),
                "--model",
                str(model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
            ],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop() -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    try:
        ready = _wait(_status_has_model(url), process, "starter rasa server", started)
    except Exception:
        stop()
        raise
    return Bot(
        name="starter",
        url=url,
        processes={"rasa": process_tree(process.pid)},
        startup_seconds={"rasa": round(ready, 2)},
        training_seconds=training_seconds,
        logs={"rasa": log},
        stop=stop,
        notes={"tracker_store": "in-memory (rasa init default)", "model": str(model)},
    )
