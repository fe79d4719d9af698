"""Reading the table's variables: `load` reads each once, checks it and
returns one frozen, typed object (attributes in small letters:
`load().rasa_port`). Nothing is read when a module is imported."""

import os
from collections.abc import Iterable, Mapping
from dataclasses import field, make_dataclass
from typing import Any

from .kinds import Invalid, SettingsError
from .table import BY_NAME, SAME, TABLE, Derived, Setting


def _environment(self: Any, names: Iterable[str] | None = None) -> dict[str, str]:
    """The settings as environment variables for a child process (unset ones left out)."""
    chosen = [BY_NAME[name] for name in names] if names is not None else TABLE
    values = {setting.name: getattr(self, setting.name.lower()) for setting in chosen}
    return {name: BY_NAME[name].kind.render(value) for name, value in values.items() if value is not None}


def _shown(self: Any) -> list[str]:
    """`NAME=value` lines, secrets hidden."""
    lines = []
    for setting in TABLE:
        value = getattr(self, setting.name.lower())
        text = "(unset)" if value is None else setting.kind.render(value)
        lines.append(f"{setting.name}={'(set, not shown)' if setting.kind.secret and value else text}")
    return lines


def _field(setting: Setting) -> tuple:
    kind = setting.kind.python_type
    optional = setting.default is None or setting.scaled is None or setting.keep_empty
    return setting.name.lower(), kind | None if optional else kind, field()


Settings = make_dataclass(
    "Settings",
    [_field(setting) for setting in TABLE],
    frozen=True,
    namespace={
        "environment": _environment,
        "shown": _shown,
        "__doc__": "Every setting, read and checked: settings/table.py says what each means.",
    },
)
Settings.__module__ = __name__


def load(environ: Mapping[str, str] | None = None, *, scaled: bool = False) -> Any:
    """Every setting from `environ` (default: this process's environment), with the defaults of
    `make run` (`scaled`: of `make run-scaled`). SettingsError names every unusable one."""
    source = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    problems = []
    for setting in TABLE:
        raw = source.get(setting.name)
        text = raw.strip() if raw is not None and setting.kind.strip else raw
        if text is None or (text == "" and not setting.keep_empty):
            values[setting.name] = setting.default_value(values, scaled)
            continue
        try:
            values[setting.name] = setting.kind.parse(text) if text else ""
        except Invalid as reason:
            problems.append(setting.kind.problem(setting.name, raw, str(reason)))
            values[setting.name] = setting.default_value(values, scaled)  # so that derived defaults go on
    if problems:
        raise SettingsError(problems)
    return Settings(**{name.lower(): value for name, value in values.items()})


def default(name: str, scaled: bool = False) -> Any:
    """A setting's default (derived ones from the other defaults), without reading the environment."""
    setting = BY_NAME[name]
    if isinstance(setting.scaled if scaled and setting.scaled is not SAME else setting.default, Derived):
        return getattr(load({}, scaled=scaled), name.lower())
    return setting.default_value({}, scaled)
