"""The trained dialogue policies follow the test stories in tests/stories.

`rasa test core` replays every test story against the trained model and fails
on the first action the policies predict differently. It evaluates the
policies only: no action server runs, so the form's own questions and the
events of custom actions are taken from the stories.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "stories"


def test_dialogue_model_follows_the_test_stories(model: Path, tmp_path: Path) -> None:
    out = tmp_path / "core-results"
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        str(Path(sys.executable).parent / "rasa"),
        "test",
        "core",
        "--stories",
        str(STORIES),
        "--model",
        str(model),
        "--fail-on-prediction-errors",
        "--out",
        str(out),
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)

    failed = out / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    if result.returncode != 0:
        # With --fail-on-prediction-errors rasa stops at the first wrong
        # prediction and prints the story, annotated with what was predicted.
        print(result.stdout[-8000:])
        log = "\n".join(line for line in result.stderr.splitlines() if "it/s]" not in line)
        print(log[-4000:])
    if result.returncode != 0 or "# predicted:" in details:
        print(f"--- {failed.name} ---\n{details or '(not written: rasa stopped at the first wrong prediction)'}")
    exit_code = result.returncode
    assert exit_code == 0, f"rasa test core exited with {exit_code}; see the output above"
    assert "# predicted:" not in details, details
