"""`make run`: the action server, the Rasa server and the web chat page, as
one command that one Ctrl-C stops. `--shell` chats in the terminal instead.

Everything is configured with environment variables (see README); an API
token is generated and printed when RASA_TOKEN is not set.
"""
import argparse
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Dict

from scripts.train import ROOT, ensure_model

BIN = Path(sys.executable).parent


def environment() -> Dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("RASA_PORT", "5005")
    env.setdefault("ACTION_PORT", "5055")
    env.setdefault("WEB_PORT", "8080")
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{env['ACTION_PORT']}/webhook")
    env.setdefault("TRACKER_DIALECT", "sqlite")
    env.setdefault("TRACKER_HOST", "")
    env.setdefault("TRACKER_DB", str(ROOT / "var" / "conversations.db"))
    env.setdefault("RASA_SOCKET_URL", f"http://localhost:{env['RASA_PORT']}")
    env.setdefault("CORS_ORIGINS", f"http://localhost:{env['WEB_PORT']} http://127.0.0.1:{env['WEB_PORT']}")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if env["TRACKER_DIALECT"] == "sqlite":
        Path(env["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    return env


def action_server_command(env: Dict[str, str]) -> str:
    return f"{BIN}/rasa run actions --actions actions --port {env['ACTION_PORT']}"


def commands(env: Dict[str, str], model: Path) -> Dict[str, str]:
    cors = " ".join(f"--cors {origin}" for origin in env["CORS_ORIGINS"].split())
    return {
        "actions": action_server_command(env),
        "rasa": (f"{BIN}/rasa run --enable-api --auth-token {env['RASA_TOKEN']} {cors} "
                 f"--port {env['RASA_PORT']} --model {model} --endpoints endpoints.yml "
                 "--credentials credentials.yml"),
        "web": f"{BIN}/python -m web.server",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    args = parser.parse_args()
    model = ensure_model(quiet=True)  # `make run` has just trained or said it is up to date
    env = environment()
    if args.shell:
        shell(env, model)
        return
    for name, what in (("RASA_TOKEN", "Rasa HTTP API"), ("FRONTDESK_TOKEN", "front desk")):
        if not env.get(name):
            env[name] = secrets.token_urlsafe(24)
            print(f">> generated a {what} token for this run: {name}={env[name]}")
    serve(env, model)


def serve(env: Dict[str, str], model: Path) -> None:
    from honcho.manager import Manager

    manager = Manager()
    for name, command in commands(env, model).items():
        manager.add_process(name, command, env=env, cwd=str(ROOT))
    print(
        f">> web chat:      http://localhost:{env['WEB_PORT']}\n"
        f">> front desk:    http://localhost:{env['WEB_PORT']}/frontdesk/ (staff token required)\n"
        f">> REST channel:  http://localhost:{env['RASA_PORT']}/webhooks/rest/webhook\n"
        f">> HTTP API:      http://localhost:{env['RASA_PORT']}/ (token required)\n"
        f">> actions:       {env['ACTION_ENDPOINT_URL']}\n"
        ">> Ctrl-C stops everything. Loading the model takes about half a minute…",
        flush=True,
    )
    threading.Thread(target=announce_when_ready, args=(env,), daemon=True).start()
    manager.loop()
    sys.exit(manager.returncode)


def announce_when_ready(env: Dict[str, str], timeout: float = 600) -> None:
    """Print one clear line once the Rasa server has loaded its model."""
    url = f"http://127.0.0.1:{env['RASA_PORT']}/status?token={env['RASA_TOKEN']}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if json.load(response).get("model_id"):
                    print(f">> ready: open http://localhost:{env['WEB_PORT']} to chat", flush=True)
                    return
        except (OSError, ValueError):
            pass
        time.sleep(1)


def shell(env: Dict[str, str], model: Path) -> None:
    actions = subprocess.Popen(action_server_command(env).split(), env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run([f"{BIN}/rasa", "shell", "--model", str(model), "--endpoints", "endpoints.yml"],
                       env=env, cwd=ROOT)
    finally:
        actions.terminate()
        actions.wait()


if __name__ == "__main__":
    main()
