"""Keep `make run`'s processes serving: supervisord runs them, restarts one
that dies, and one Ctrl-C stops them all.

supervisor (PyPI, no dependencies, maintained since 2004) was chosen over
honcho, which stops every process when one exits and never restarts, and over
circus, which needs ZeroMQ and Tornado beside Rasa's pins for the same job.

- A process that exits unexpectedly (a crash, `kill -9`, the OOM killer) is
  started again at once while the others keep serving. One that fails again
  within START_SECONDS backs off (1 s, 2 s, 3 s …) and is given up after
  START_RETRIES tries; supervisord logs each exit and its status.
- The listener below (`python -m scripts.supervision --listen`, started by
  supervisord) adds one plain line for each restart, return and give-up.
- Ctrl-C (SIGINT) or SIGTERM to supervisord stops every process, each given
  STOP_SECONDS to finish before SIGKILL.
- `supervisorctl -c var/run/supervisord-<RASA_PORT>.conf status` shows the
  processes (and can restart one) while it runs.
"""

import argparse
import getpass
import os
import secrets
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

START_SECONDS = 3  # alive this long counts as started
RASA_START_SECONDS = 60  # a Rasa server loads its model for about half a minute
START_RETRIES = 10  # quick failures in a row before giving up
STOP_SECONDS = 15
LISTENER = "supervision"


def config(processes: Mapping[str, str], run_dir: Path, name: str, root: Path, log_level: str = "") -> str:
    """supervisord's configuration for `processes` (name -> command), started in order."""
    socket = run_dir / f"{name}.sock"
    user, password = "heelcheck", secrets.token_urlsafe(16)
    debug = log_level.upper() == "DEBUG"
    lines = [
        "[supervisord]",
        "nodaemon=true",
        "logfile=/dev/null",  # nodaemon: supervisord's own lines go to the terminal
        "logfile_maxbytes=0",
        f"loglevel={'info' if debug else 'warn'}",  # warn: unexpected exits, with their status
        f"pidfile={run_dir / (name + '.pid')}",
        f"childlogdir={run_dir}",
        f"directory={root}",
        *([f"user={getpass.getuser()}"] if os.getuid() == 0 else []),  # else a CRIT line about root
        "",
        "[unix_http_server]",
        f"file={socket}",
        "chmod=0700",
        f"username={user}",
        f"password={password}",
        "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "",
        "[supervisorctl]",
        f"serverurl=unix://{socket}",
        f"username={user}",
        f"password={password}",
        "",
        f"[eventlistener:{LISTENER}]",
        f"command={shlex.quote(sys.executable)} -m scripts.supervision --listen",
        "events=PROCESS_STATE_EXITED,PROCESS_STATE_BACKOFF,PROCESS_STATE_FATAL,PROCESS_STATE_RUNNING",
        f"directory={root}",
        "stderr_logfile=/dev/fd/2",
        "stderr_logfile_maxbytes=0",
        "priority=1",
        "",
    ]
    for priority, (program, command) in enumerate(processes.items(), start=10):
        lines += [
            f"[program:{program}]",
            f"command={command}",
            f"directory={root}",
            f"priority={priority}",
            "autorestart=true",
            f"startsecs={RASA_START_SECONDS if program.startswith('rasa') else START_SECONDS}",
            f"startretries={START_RETRIES}",
            f"stopwaitsecs={STOP_SECONDS}",
            "stopasgroup=true",
            "killasgroup=true",
            "redirect_stderr=true",
            "stdout_logfile=/dev/fd/1",
            "stdout_logfile_maxbytes=0",
            "",
        ]
    # supervisor expands %(name)s in every value: a literal % (in a path, say) is written %%
    return "\n".join(line.replace("%", "%%") for line in lines)


def write_config(processes: Mapping[str, str], run_dir: Path, name: str, root: Path, log_level: str = "") -> Path:
    """The configuration in run_dir, readable only by its owner (it holds the control password)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / f"{name}.conf"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(config(processes, run_dir, name, root, log_level))
    return path


def supervisord_command(config_path: Path) -> list:
    return [str(Path(sys.executable).parent / "supervisord"), "--nodaemon", "--configuration", str(config_path)]


def describe(headers: Mapping[str, str], payload: Mapping[str, str], restarted: dict[str, bool]) -> str:
    """The line to print for one process state event, or ""."""
    event, process = headers.get("eventname", ""), payload.get("processname", "?")
    if event == "PROCESS_STATE_EXITED" and payload.get("expected") == "0":
        restarted[process] = True
        return f"!! {process} stopped unexpectedly: restarting it (the other processes keep serving)"
    if event == "PROCESS_STATE_BACKOFF":
        restarted[process] = True
        tries = int(payload.get("tries", "0") or 0)
        return f"!! {process} exited while starting: trying again in {tries} s ({tries} of {START_RETRIES})"
    if event == "PROCESS_STATE_FATAL":
        return (
            f"!! {process} keeps failing to start: gave up after {START_RETRIES} tries. Its messages are "
            f"above; the other processes keep serving. Fix the cause, then start again."
        )
    if event == "PROCESS_STATE_RUNNING" and restarted.pop(process, False):
        return f">> {process} is running again"
    return ""


def listen(stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> None:
    """supervisord's event listener protocol: READY, read one event, print its line, OK."""
    from supervisor import childutils

    restarted: dict[str, bool] = {}
    while True:
        headers, body = childutils.listener.wait(stdin, stdout)
        payload = childutils.get_headers(body.split("\n", 1)[0])
        line = describe(headers, payload, restarted)
        if line:
            print(line, file=stderr, flush=True)
        childutils.listener.ok(stdout)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", action="store_true", help="run as supervisord's event listener")
    if parser.parse_args().listen:
        listen()
    else:
        parser.print_help()
