"""The command line of each process `make run` and `make run-scaled` start
(scripts/run.py, scripts/scaled.py): one place, so the two never differ."""

import shlex
import sys
from pathlib import Path
from typing import Any

PYTHON = shlex.quote(sys.executable)  # a checkout may live under a path with spaces

# LOG_LEVEL as Rasa's command line says it (the action server ignores the variable).
LOG_FLAGS = {"DEBUG": "--debug", "INFO": "--verbose", "WARNING": "--quiet"}


def action_server_command(port, log_level: str = "INFO") -> str:
    return (
        f"{PYTHON} -m scripts.rasa_cli run actions --actions actions --port {port} "
        f"{LOG_FLAGS.get(log_level, '--quiet')}"
    )


def rasa_command(config: Any, model: Path, port, interface: str = "0.0.0.0") -> str:
    """`config`: the settings (settings.load())."""
    # Every origin after one --cors: Rasa keeps only the last of repeated options.
    cors = " ".join(shlex.quote(origin) for origin in config.cors_origins)
    return (
        f"{PYTHON} -m scripts.rasa_cli run --enable-api --auth-token {shlex.quote(config.rasa_token)} "
        f"--cors {cors} --interface {interface} --port {port} --model {shlex.quote(str(model))} "
        f"--endpoints endpoints.yml --credentials credentials.yml"
    )


def web_command() -> str:
    return f"{PYTHON} -m web.server"


def purge_command() -> str:
    """Retention, daily: the notice tells people their data goes after RETENTION_DAYS."""
    return f"{PYTHON} -m scripts.purge --every 24"


def commands(config: Any, model: Path) -> dict[str, str]:
    return {
        "actions": action_server_command(config.action_port, config.log_level),
        "rasa": rasa_command(config, model, config.rasa_port),
        "web": web_command(),
        "purge": purge_command(),
    }
