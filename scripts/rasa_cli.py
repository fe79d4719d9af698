"""Rasa's command line (`rasa run`, `rasa run actions`, `rasa train`) as `make run`
and `make train` start it: `python -m scripts.rasa_cli run actions ...`.

It adds three things. It checks every setting (settings/) before anything
starts, naming any unusable one. It installs, for a Rasa server, every change this project
makes to Rasa's internals (components/rasa_internals.py): the log redaction,
the action timeout and the speed-ups, explicitly and once. And quiet start-up. The locked dependencies warn about
themselves at import (pkg_resources, SQLAlchemy 2.0, distutils' LooseVersion,
jax, pyparsing); a person running the assistant can do nothing about those,
and they buried the lines that matter. The listed ones (by category and by the
module the warning is about) are not shown; everything else still is, and
LOG_LEVEL=DEBUG shows everything.

They are dropped where warnings are shown (`warnings.showwarning`, Python's
documented hook), not with filters: Sanic turns every DeprecationWarning on
when imported and Rasa adds "once" filters for UserWarning (pyparsing's
deprecations are UserWarnings too), both in front of any filter set earlier.
The warnings Python raises while compiling a dependency's source ("invalid
escape sequence") never happen: `make install` compiles the bytecode.
"""

import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import settings

# (category, module the warning is attributed to) for the pinned versions in uv.lock.
DEPENDENCY_WARNINGS: tuple[tuple[type[Warning], str], ...] = (
    (DeprecationWarning, "pkg_resources"),  # declare_namespace('mpl_toolkits'), ('ruamel')
    (DeprecationWarning, "rasa.shared.utils.validation"),  # `import pkg_resources`
    (DeprecationWarning, "rasa.core.tracker_store"),  # SQLAlchemy 2.0 (MovedIn20Warning, URL())
    (DeprecationWarning, "sanic_cors.extension"),  # distutils LooseVersion
    (DeprecationWarning, "tensorflow.lite.python.util"),  # jax.xla_computation
    (DeprecationWarning, "matplotlib.fontconfig_pattern"),  # pyparsing 3 names
    (DeprecationWarning, "packaging.markers"),  # pyparsing 3 names
    (DeprecationWarning, "packaging.requirements"),  # pyparsing 3 names
)


def shows_everything(log_level: str | None = None) -> bool:
    level = settings.load().log_level if log_level is None else log_level
    return level.upper() == "DEBUG"


def module_of(filename: str) -> str:
    """ ".../site-packages/pkg/mod.py" -> "pkg.mod", ".../pkg/__init__.py" -> "pkg" ("" outside site-packages)."""
    path = Path(filename)
    if "site-packages" not in path.parts:
        return ""
    parts = path.with_suffix("").parts
    parts = parts[len(parts) - parts[::-1].index("site-packages") :]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_dependency_warning(category: type[Warning], filename: str) -> bool:
    module = module_of(filename)
    return any(issubclass(category, known) and module == name for known, name in DEPENDENCY_WARNINGS)


def hide_dependency_warnings(log_level: str | None = None) -> None:
    """Show every warning but the listed ones (all of them at LOG_LEVEL=DEBUG)."""
    if shows_everything(log_level):
        return
    show = warnings.showwarning

    def showwarning(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001
        if not is_dependency_warning(category, filename):
            show(message, category, filename, lineno, file, line)

    warnings.showwarning = showwarning


def serves_conversations(args: Sequence[str]) -> bool:
    """`rasa run` and `rasa shell` (not `rasa run actions`, `rasa train`)."""
    return bool(args) and args[0] in ("run", "shell") and (len(args) < 2 or args[1] != "actions")


def prepare(args: Sequence[str], config: Any = None) -> None:
    """Before Rasa's own main: quiet warnings; for a Rasa server, every change this project
    makes to Rasa's internals (components/rasa_internals.py), explicitly, once."""
    config = config or settings.load()
    hide_dependency_warnings(config.log_level)
    if serves_conversations(args):
        from components import rasa_internals

        rasa_internals.install(config.action_timeout_seconds)


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    try:  # every setting checked at start, the unusable ones named
        prepare(args, settings.load())
    except settings.SettingsError as error:
        sys.exit(f"!! {error}")
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    main()
