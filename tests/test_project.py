"""The project is well-formed: Rasa's own validator, the linter and the import contract
have nothing to say."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rasa_data_validate_passes_without_warnings():
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "data", "validate", "--fail-on-warnings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    rasa_warnings = [
        line
        for line in output.splitlines()
        if "UserWarning" in line or "Issue found" in line or "not used in any" in line
    ]
    assert not rasa_warnings, "\n".join(rasa_warnings)


def test_the_code_passes_the_linter():
    """The rules of pyproject.toml's [tool.ruff.lint] on every Python file (ruff)."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted():
    """One shared style: `ruff format` would change nothing."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contract_holds():
    """The layers of docs/architecture.md: the clinical core (`heel`) imports no other package of
    the project and neither Rasa nor spaCy; the adapters never import each other (import-linter)."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0 and "0 broken" in result.stdout, result.stdout + result.stderr


MAX_LINES = 300


def test_no_module_is_over_300_lines_unless_it_says_why():
    """A module over 300 lines states the reason at its top ("Over 300 lines: ...")."""
    too_long = []
    for path in ROOT.rglob("*.py"):
        if any(part in (".venv", "node_modules", "build", "var") for part in path.relative_to(ROOT).parts):
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES and "Over 300 lines" not in text[:2000]:
            too_long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert not too_long, too_long
