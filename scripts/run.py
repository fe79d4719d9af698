"""`make run`: the action server, the Rasa server and the web chat page, as
one command that one Ctrl-C stops; a process that dies is restarted
(scripts/supervision.py). `--shell` chats in the terminal instead.
`--scaled` (`make run-scaled`) runs several Rasa replicas and action servers
behind HAProxy, on PostgreSQL and Redis (scripts/scaled.py, docs/deployment.md).

Everything is configured with environment variables (see README); an API
token is generated and printed when RASA_TOKEN is not set.
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
from pathlib import Path
from typing import Dict, List, Mapping, Optional

from scripts import scaled, supervision
from scripts.commands import action_server_command, commands
from scripts.train import ROOT, ensure_model

BIN = Path(sys.executable).parent


def environment(base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # WARNING: what starts, where, and our own warnings and errors; DEBUG shows everything.
    env["LOG_LEVEL"] = (env.get("LOG_LEVEL") or "WARNING").upper()
    if env["LOG_LEVEL"] not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        sys.exit(f"!! LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {env['LOG_LEVEL']!r}")
    env.setdefault("RASA_PORT", "5005")
    env.setdefault("ACTION_PORT", "5055")
    env.setdefault("WEB_PORT", "8080")
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{env['ACTION_PORT']}/webhook")
    env.setdefault("TRACKER_DIALECT", "sqlite")
    env.setdefault("TRACKER_HOST", "")
    env.setdefault("TRACKER_DB", str(ROOT / "var" / "conversations.db"))
    # Lock store: in memory (one Rasa process) unless LOCK_STORE_TYPE=redis.
    # endpoints.yml needs every variable set; Rasa reads an empty type as a class name.
    env["LOCK_STORE_TYPE"] = env.get("LOCK_STORE_TYPE") or "in_memory"
    for name, default in (("REDIS_HOST", "localhost"), ("REDIS_PORT", "6379"), ("REDIS_DB", "1")):
        env[name] = env.get(name) or default
    env.setdefault("REDIS_PASSWORD", "")
    env.setdefault("RASA_SOCKET_URL", f"http://localhost:{env['RASA_PORT']}")
    env.setdefault("CORS_ORIGINS", f"http://localhost:{env['WEB_PORT']} http://127.0.0.1:{env['WEB_PORT']}")
    # Signs the web chat's session ids (channels/socketio.py): one for the run, shared by every Rasa process.
    env["CHAT_SESSION_SECRET"] = env.get("CHAT_SESSION_SECRET") or secrets.token_urlsafe(32)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if env["TRACKER_DIALECT"] == "sqlite":
        Path(env["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    parser.add_argument("--scaled", action="store_true",
                        help="Rasa replicas and action servers behind HAProxy, on PostgreSQL and Redis")
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("RASA_REPLICAS") or 2),
                        help="with --scaled: Rasa replicas (default $RASA_REPLICAS or 2)")
    parser.add_argument("--action-servers", type=int, default=int(os.environ.get("ACTION_REPLICAS") or 2),
                        help="with --scaled: action servers (default $ACTION_REPLICAS or 2)")
    parser.add_argument("--model", type=Path, help="this model file instead of the one trained for the inputs")
    args = parser.parse_args()
    # `make run` has just trained or said the model is up to date
    model = args.model.resolve() if args.model else ensure_model(quiet=True)
    env = environment(scaled.with_defaults(os.environ) if args.scaled else None)
    if args.shell:
        shell(env, model)
        return
    for name, what in (("RASA_TOKEN", "Rasa HTTP API"), ("FRONTDESK_TOKEN", "front desk")):
        if not env.get(name):
            env[name] = secrets.token_urlsafe(24)
            print(f">> generated a {what} token for this run: {name}={env[name]}")
    if not args.scaled:
        serve(env, commands(env, model), [env["RASA_PORT"]])
        return
    layout = scaled.Layout.from_env(env, args.replicas, args.action_servers)
    found = scaled.problems(env, layout)
    if found:
        sys.exit("\n".join(f"!! {problem}" for problem in found))
    scaled.prepare(env)
    serve(env, scaled.processes(env, model, layout, ROOT / "var"), layout.rasa_ports,
          f">> behind HAProxy: Rasa replicas on ports {', '.join(map(str, layout.rasa_ports))}, "
          f"action servers on {', '.join(map(str, layout.action_ports))}\n",
          {**{f"Rasa replica {i}": p for i, p in enumerate(layout.rasa_ports, 1)},
           **{f"action server {i}": p for i, p in enumerate(layout.action_ports, 1)}})


def serve(env: Dict[str, str], processes: Dict[str, str], rasa_ports: List, note: str = "",
          other_ports: Optional[Dict[str, int]] = None) -> None:
    """Run `processes` under supervisord (scripts/supervision.py) until Ctrl-C or SIGTERM."""
    ports = {"RASA_PORT": env["RASA_PORT"], "ACTION_PORT": env["ACTION_PORT"], "WEB_PORT": env["WEB_PORT"],
             **(other_ports or {})}
    busy = [f"{port} ({name})" for name, port in ports_in_use(ports)]
    if busy:
        sys.exit(f"!! port {', '.join(busy)} is already in use: stop what uses it, or choose another port")
    config = supervision.write_config(processes, ROOT / "var" / "run", f"supervisord-{env['RASA_PORT']}", ROOT,
                                      env["LOG_LEVEL"])
    print(
        f">> web chat:      http://localhost:{env['WEB_PORT']}\n"
        f">> front desk:    http://localhost:{env['WEB_PORT']}/frontdesk/ (staff token required)\n"
        f">> FHIR API:      http://localhost:{env['WEB_PORT']}/fhir/metadata (records: staff token, docs/fhir.md)\n"
        f">> REST channel:  http://localhost:{env['RASA_PORT']}/webhooks/rest/webhook\n"
        f">> HTTP API:      http://localhost:{rasa_ports[0]}/ (token required)\n"
        f">> actions:       {env['ACTION_ENDPOINT_URL']}\n"
        f"{note}"
        f">> starting {', '.join(processes)}; a process that stops is restarted, the others keep serving\n"
        f">> Ctrl-C stops everything. Loading the model takes about half a minute…",
        flush=True,
    )
    # Through a pipe: each line whole and in order, whatever this process's stdout is (a terminal, a
    # file). Its own session: the terminal's Ctrl-C, or a hang-up, reaches it only through `stop`.
    supervisor = subprocess.Popen(supervision.supervisord_command(config), env=env, cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(_signum: int, _frame: object) -> None:
        if supervisor.poll() is None:
            supervisor.send_signal(signal.SIGTERM)  # supervisord stops every process, then itself

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    threading.Thread(target=announce_when_ready, args=(env, rasa_ports), daemon=True).start()
    out = sys.stdout.buffer
    for line in supervisor.stdout:
        try:
            out.write(line)
            out.flush()
        except (BrokenPipeError, OSError):  # the reader went away (`make run | head`): keep serving
            out = open(os.devnull, "wb")
    sys.exit(supervisor.wait())


def ports_in_use(ports: Mapping[str, object]) -> List:
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


def announce_when_ready(env: Dict[str, str], rasa_ports: List, timeout: float = 600) -> None:
    """Print one clear line once every Rasa server has loaded its model and the
    action server and the web page answer."""
    action_health = env["ACTION_ENDPOINT_URL"].rsplit("/webhook", 1)[0] + "/health"
    token = urllib.parse.quote(env["RASA_TOKEN"], safe="")
    waiting = [*(f"http://127.0.0.1:{port}/status?token={token}" for port in rasa_ports),
               action_health, f"http://127.0.0.1:{env['WEB_PORT']}/health"]
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
        print(f">> ready: open http://localhost:{env['WEB_PORT']} to chat", flush=True)


def shell(env: Dict[str, str], model: Path) -> None:
    actions = subprocess.Popen(shlex.split(action_server_command(env["ACTION_PORT"])), env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run([f"{BIN}/rasa", "shell", "--model", str(model), "--endpoints", "endpoints.yml"],
                       env=env, cwd=ROOT)
    finally:
        actions.terminate()
        actions.wait()


if __name__ == "__main__":
    main()
