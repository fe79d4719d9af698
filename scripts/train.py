"""Train the Rasa model only when its inputs changed.

The model file is named after a fingerprint of everything training reads
(config, domain, training data, the versions of the training packages), so a model for the
same inputs is reused, by `make train`, `make run` and the test suite alike.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from filelock import FileLock

import settings
from components.sign_data import DEFAULT_CORPUS
from settings import ROOT

# What the model is trained from: the Rasa project, and the statistical reader's corpus parts.
INPUTS = ("config.yml", "domain.yml", "data", *dict.fromkeys(str(Path(p).parent) for p in DEFAULT_CORPUS))
# Packages whose version changes what training produces.
TRAINING_PACKAGES = ("rasa", "scikit-learn", "tensorflow", "numpy", "spacy")
KEEP_MODELS = 6  # several may be in use at once (make run, test sessions)


def fingerprint(root: Path = ROOT) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    for package in TRAINING_PACKAGES:
        digest.update(f"{package}=={version(package)}".encode())
    for name in INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path(out_dir: Path, root: Path = ROOT) -> Path:
    return out_dir / f"heel-{fingerprint(root)}.tar.gz"


def ensure_model(out_dir: Path = ROOT / "models", quiet: bool = False) -> Path:
    """The trained model for the current inputs, training it if needed."""
    out_dir = out_dir if out_dir.is_absolute() else ROOT / out_dir
    target = model_path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # One trainer at a time (make run, make test and test workers may start together);
    # the model is trained into a temporary folder and moved into place in one step.
    with FileLock(str(out_dir / ".train.lock")):
        if target.exists():
            if not quiet:
                print(f">> model up to date: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            return target
        print(f">> training {target.name} (config, domain or data changed)", flush=True)
        # LOG_LEVEL=WARNING: no progress bars or INFO lines (LOG_LEVEL=INFO or DEBUG shows them).
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "LOG_LEVEL": settings.load().log_level,
        }
        with tempfile.TemporaryDirectory(prefix=".training-", dir=out_dir) as scratch:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scripts.rasa_cli",
                    "train",
                    "--out",
                    scratch,
                    "--fixed-model-name",
                    target.name[: -len(".tar.gz")],
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
            os.replace(Path(scratch) / target.name, target)
        for old in sorted(out_dir.glob("heel-*.tar.gz"), key=lambda p: p.stat().st_mtime)[:-KEEP_MODELS]:
            old.unlink()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="models", type=Path)
    args = parser.parse_args()
    try:
        ensure_model(args.out)
    except settings.SettingsError as error:  # named in the message; training needs no traceback
        sys.exit(f"!! {error}")


if __name__ == "__main__":
    main()
