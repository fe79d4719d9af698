"""`make run`: the action server, the Rasa server and the web chat page, as
one command that one Ctrl-C stops; a process that dies is restarted
(scripts/supervision.py). `--shell` chats in the terminal instead.
`--scaled` (`make run-scaled`) runs several Rasa replicas and action servers
behind HAProxy, on PostgreSQL and Redis (scripts/scaled.py, docs/deployment.md).

Everything is configured with environment variables (settings/, the README's
table): they are checked before anything starts, and every process is given
them explicitly. An API token is generated and printed when RASA_TOKEN is not set.
"""

import argparse
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import settings
from scripts import scaled, supervision
from scripts.commands import action_server_command, commands
from scripts.train import ensure_model
from settings import ROOT

BIN = Path(sys.executable).parent


def environment(base: Mapping[str, str] | None = None, scaled: bool = False) -> dict[str, str]:
    """The environment of every process the runner starts: `base` (default this process's) with every
    setting checked and made explicit, its defaults from settings/; exits with the clear message when
    a setting is unusable."""
    env = dict(os.environ if base is None else base)
    try:
        config = settings.load(env, scaled=scaled)
    except settings.SettingsError as error:
        sys.exit(f"!! {error}")
    env.update(config.environment())
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Signs the web chat's session ids (channels/socketio.py): one for the run, shared by every Rasa process.
    if not config.chat_session_secret:
        env["CHAT_SESSION_SECRET"] = secrets.token_urlsafe(32)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if config.tracker_dialect == "sqlite":
        Path(config.tracker_db).parent.mkdir(parents=True, exist_ok=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    parser.add_argument(
        "--scaled", action="store_true", help="Rasa replicas and action servers behind HAProxy, on PostgreSQL and Redis"
    )
    parser.add_argument(
        "--replicas",
        type=int,
        help=f"with --scaled: Rasa replicas (default $RASA_REPLICAS or {settings.default('RASA_REPLICAS')})",
    )
    parser.add_argument(
        "--action-servers",
        type=int,
        help=f"with --scaled: action servers (default $ACTION_REPLICAS or {settings.default('ACTION_REPLICAS')})",
    )
    parser.add_argument("--model", type=Path, help="this model file instead of the one trained for the inputs")
    args = parser.parse_args()
    env = environment(scaled=args.scaled)  # every setting checked before anything starts
    # `make run` has just trained or said the model is up to date
    model = args.model.resolve() if args.model else ensure_model(quiet=True)
    if args.shell:
        shell(env, settings.load(env), model)
        return
    config = settings.load(env)
    for name, what in (("RASA_TOKEN", "Rasa HTTP API"), ("FRONTDESK_TOKEN", "front desk")):
        if not getattr(config, name.lower()):
            env[name] = secrets.token_urlsafe(24)
            print(f">> generated a {what} token for this run: {name}={env[name]}")
    config = settings.load(env)  # with the tokens
    if not args.scaled:
        serve(env, config, commands(config, model), [config.rasa_port])
        return
    layout = scaled.Layout.from_settings(
        config,
        config.rasa_replicas if args.replicas is None else args.replicas,
        config.action_replicas if args.action_servers is None else args.action_servers,
    )
    found = scaled.problems(config, layout)
    if found:
        sys.exit("\n".join(f"!! {problem}" for problem in found))
    scaled.prepare(env)
    serve(
        env,
        config,
        scaled.processes(config, model, layout, ROOT / "var"),
        layout.rasa_ports,
        f">> behind HAProxy: Rasa replicas on ports {', '.join(map(str, layout.rasa_ports))}, "
        f"action servers on {', '.join(map(str, layout.action_ports))}\n",
        {
            **{f"Rasa replica {i}": p for i, p in enumerate(layout.rasa_ports, 1)},
            **{f"action server {i}": p for i, p in enumerate(layout.action_ports, 1)},
        },
    )


def serve(
    env: dict[str, str],
    config: Any,
    processes: dict[str, str],
    rasa_ports: list,
    note: str = "",
    other_ports: dict[str, int] | None = None,
) -> None:
    """Run `processes` under supervisord (scripts/supervision.py) with `env` until Ctrl-C or SIGTERM."""
    ports = {
        "RASA_PORT": config.rasa_port,
        "ACTION_PORT": config.action_port,
        "WEB_PORT": config.web_port,
        **(other_ports or {}),
    }
    busy = [f"{port} ({name})" for name, port in ports_in_use(ports)]
    if busy:
        sys.exit(f"!! port {', '.join(busy)} is already in use: stop what uses it, or choose another port")
    supervisor_config = supervision.write_config(
        processes, ROOT / "var" / "run", f"supervisord-{config.rasa_port}", ROOT, config.log_level
    )
    print(
        f">> web chat:      http://localhost:{config.web_port}\n"
        f">> front desk:    http://localhost:{config.web_port}/frontdesk/ (staff token required)\n"
        f">> FHIR API:      http://localhost:{config.web_port}/fhir/metadata (records: staff token, docs/fhir.md)\n"
        f">> REST channel:  http://localhost:{config.rasa_port}/webhooks/rest/webhook\n"
        f">> HTTP API:      http://localhost:{rasa_ports[0]}/ (token required)\n"
        f">> actions:       {config.action_endpoint_url}\n"
        f"{note}"
        f">> starting {', '.join(processes)}; a process that stops is restarted, the others keep serving\n"
        f">> Ctrl-C stops everything. Loading the model takes about half a minute…",
        flush=True,
    )
    # Through a pipe: each line whole and in order, whatever this process's stdout is (a terminal, a
    # file). Its own session: the terminal's Ctrl-C, or a hang-up, reaches it only through `stop`.
    supervisor = subprocess.Popen(
        supervision.supervisord_command(supervisor_config),
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def stop(_signum: int, _frame: object) -> None:
        if supervisor.poll() is None:
            supervisor.send_signal(signal.SIGTERM)  # supervisord stops every process, then itself

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    threading.Thread(target=announce_when_ready, args=(config, rasa_ports), daemon=True).start()
    out = sys.stdout.buffer
    for line in supervisor.stdout:
        try:
            out.write(line)
            out.flush()
        except (BrokenPipeError, OSError):  # the reader went away (`make run | head`): keep serving
            out = open(os.devnull, "wb")  # noqa: SIM115 - for the rest of the run
    sys.exit(supervisor.wait())


def ports_in_use(ports: Mapping[str, object]) -> list:
    """(name, port) of every port in `ports` (name -> port) that something else holds."""
    busy = []
    for name, port in ports.items():
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("0.0.0.0", int(port)))
            except OSError:
                busy.append((name, port))
    return busy


def announce_when_ready(config: Any, rasa_ports: list, timeout: float = 600) -> None:
    """Print one clear line once every Rasa server has loaded its model and the
    action server and the web page answer."""
    action_health = config.action_endpoint_url.rsplit("/webhook", 1)[0] + "/health"
    token = urllib.parse.quote(config.rasa_token, safe="")
    waiting = [
        *(f"http://127.0.0.1:{port}/status?token={token}" for port in rasa_ports),
        action_health,
        f"http://127.0.0.1:{config.web_port}/health",
    ]
    deadline = time.monotonic() + timeout
    while waiting and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(waiting[0], timeout=2) as response:
                body = json.load(response)
                if "model_id" not in body or body["model_id"]:
                    waiting.pop(0)
                    continue
        except (OSError, ValueError):
            pass
        time.sleep(1)
    if waiting:
        print(f"!! not ready after {timeout:.0f} s: see the messages above", flush=True)
    else:
        print(f">> ready: open http://localhost:{config.web_port} to chat", flush=True)


def shell(env: dict[str, str], config: Any, model: Path) -> None:
    actions = subprocess.Popen(
        shlex.split(action_server_command(config.action_port)),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        subprocess.run(
            [f"{BIN}/rasa", "shell", "--model", str(model), "--endpoints", "endpoints.yml"], env=env, cwd=ROOT
        )
    finally:
        actions.terminate()
        actions.wait()


if __name__ == "__main__":
    main()
