"""The assistant at scale, on one machine: `make run-scaled` (`scripts/run.py --scaled`).

    HAProxy :RASA_PORT    ─► Rasa replicas    on RASA_PORT+1 … RASA_PORT+N
    HAProxy :ACTION_PORT  ─► action servers   on ACTION_PORT+1 … ACTION_PORT+M
    web page :WEB_PORT    (its socket.io connection goes through HAProxy)

The replicas share the PostgreSQL tracker store and the Redis lock store. The
defaults (the `scaled` ones of settings/table.py) suit the local services;
each one is an environment variable that, when set, wins. Rate-limit counts
go to the lock store's Redis, and the client's address comes from HAProxy's
X-Forwarded-For. Before the replicas start, `prepare` reads endpoints.yml
as a replica does, creates the tracker store's database and tables once (so
the replicas do not race to create them) and checks that Redis answers.
docs/deployment.md explains the layout and what scales how.

`python -m scripts.scaled --prepare` runs that step alone.
"""

import argparse
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

import settings
from scripts.commands import action_server_command, purge_command, rasa_command, web_command
from settings import ROOT

TEMPLATE = ROOT / "deploy" / "haproxy.cfg.template"
PREPARE_TIMEOUT = 120


@dataclass(frozen=True)
class Layout:
    replicas: int
    action_servers: int
    rasa_port: int  # the load balancer's; replica i listens on rasa_port + i
    action_port: int  # the load balancer's; action server i listens on action_port + i

    @classmethod
    def from_settings(cls, config: Any, replicas: int, action_servers: int) -> "Layout":
        return cls(replicas, action_servers, config.rasa_port, config.action_port)

    @property
    def rasa_ports(self) -> list[int]:
        return [self.rasa_port + i for i in range(1, self.replicas + 1)]

    @property
    def action_ports(self) -> list[int]:
        return [self.action_port + i for i in range(1, self.action_servers + 1)]


def problems(config: Any, layout: Layout) -> list[str]:
    """What stops this configuration from running correctly, in words."""
    found = []
    if layout.replicas < 1 or layout.action_servers < 1:
        found.append("at least one Rasa replica and one action server are needed")
    if layout.replicas > 1 and config.tracker_dialect == "sqlite":
        found.append("several replicas need a shared tracker store: TRACKER_DIALECT=postgresql, not sqlite")
    if layout.replicas > 1 and config.lock_store_type != "redis":
        found.append("several replicas need the Redis lock store: LOCK_STORE_TYPE=redis")
    if not haproxy_binary():
        found.append("haproxy is not installed: `apt-get install haproxy` (Debian package)")
    return found


def haproxy_binary() -> str:
    """HAProxy's path, or "" (Debian puts it in /usr/sbin, which a user's PATH may lack)."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin") or ""


def haproxy_config(layout: Layout, bind: str = "") -> str:
    """deploy/haproxy.cfg.template for this layout (`bind` empty: every address)."""

    def servers(name: str, ports: list[int], standby: bool = False) -> str:
        return "\n".join(
            f"    server {name}{i} 127.0.0.1:{port}{' backup' if standby and i > 1 else ''}"
            for i, port in enumerate(ports, 1)
        )

    return Template(TEMPLATE.read_text()).substitute(
        bind=bind,
        rasa_port=layout.rasa_port,
        action_port=layout.action_port,
        rasa_servers=servers("rasa", layout.rasa_ports),
        rasa_servers_standby=servers("rasa", layout.rasa_ports, standby=True),
        action_servers=servers("actions", layout.action_ports),
    )


def processes(config: Any, model: Path, layout: Layout, config_dir: Path) -> dict[str, str]:
    """Name → command of every process of the scaled configuration (`config`: the settings)."""
    config_dir.mkdir(parents=True, exist_ok=True)
    balancer = config_dir / f"haproxy-{layout.rasa_port}.cfg"
    balancer.write_text(haproxy_config(layout))
    commands = {"balancer": f"{shlex.quote(haproxy_binary())} -db -f {shlex.quote(str(balancer))}"}
    for i, port in enumerate(layout.action_ports, 1):
        commands[f"actions-{i}"] = action_server_command(port, config.log_level)
    for i, port in enumerate(layout.rasa_ports, 1):
        # Behind the balancer: the replicas listen on the loopback address only.
        commands[f"rasa-{i}"] = rasa_command(config, model, port, interface="127.0.0.1")
    commands["web"] = web_command()
    commands["purge"] = purge_command()  # one for the shared database
    return commands


def prepare(env: Mapping[str, str]) -> None:
    """Run the preparation (below) in a child process with `env`; exit on failure."""
    try:
        result = subprocess.run(
            [sys.executable, "-W", "ignore", "-m", "scripts.scaled", "--prepare"],
            env=dict(env),
            cwd=ROOT,
            timeout=PREPARE_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"!! the tracker store or the lock store did not answer in {PREPARE_TIMEOUT} s (see above)")
    if result.returncode != 0:
        sys.exit("!! could not prepare the tracker store and the lock store (see above)")


def _prepare_here() -> None:
    """Open the tracker store and the lock store from endpoints.yml, as a replica does."""
    from rasa.core.lock_store import LockStore, RedisLockStore
    from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
    from rasa.core.utils import AvailableEndpoints

    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    tracker_store = TrackerStore.create(endpoints.tracker_store)
    if isinstance(tracker_store, InMemoryTrackerStore):
        sys.exit("!! endpoints.yml's tracker store fell back to memory: it could not be loaded (see above)")
    lock_store = LockStore.create(endpoints.lock_store)
    if isinstance(lock_store, RedisLockStore):
        lock_store.red.ping()
    config = settings.load()
    print(
        f">> tracker store ready: {config.tracker_dialect} database {config.tracker_db!r}; "
        f"lock store: {type(lock_store).__name__}",
        flush=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepare", action="store_true", help="create the tracker store's tables, check Redis")
    if parser.parse_args().prepare:
        _prepare_here()
    else:
        parser.print_help()
