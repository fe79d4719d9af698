"""docs/deployment.md's table of `make run-scaled` defaults says what the settings say."""

import re
from pathlib import Path

import settings

ROOT = Path(__file__).resolve().parents[2]


def rows():
    table = (ROOT / "docs" / "deployment.md").read_text().split("| variable | scaled default | meaning |")[1]
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        names, defaults = line.split("|")[1:3]
        yield re.findall(r"`([A-Z_]+)`", names), defaults


def test_the_scaled_defaults_in_the_deployment_guide_are_the_settings():
    scaled = settings.load({}, scaled=True)
    checked = 0
    for names, cell in rows():
        # the default of each variable, in order: `value`, or "empty"
        values = [quoted for quoted, _ in re.findall(r"`([^`]*)`|\b(empty)\b", cell.split("(")[0])]
        if any(re.search(r"[A-Z]{3,}_", v) for v in values):
            continue  # a default derived from other variables, written with their names
        if len(values) != len(names):
            continue
        for name, documented in zip(names, values, strict=True):
            if name not in settings.NAMES:  # read by Rasa itself (TICKET_LOCK_LIFETIME)
                continue
            actual = getattr(scaled, name.lower())
            assert documented == ("" if actual is None else str(actual)), (name, documented, actual)
            checked += 1
    assert checked >= 15, checked
