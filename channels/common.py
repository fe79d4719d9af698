"""Helpers shared by the chat channels."""

from collections import OrderedDict
from collections.abc import Hashable, Mapping
from typing import Any

from heel.advice import CONDITION_NAMES
from heel.levels import FOR_PERSON


def client_address(request: Any) -> str:
    """The client's IP from a Sanic request: the proxy-aware `remote_addr`
    (SANIC_PROXIES_COUNT), else the peer's."""
    return request.remote_addr or request.ip


class RecentIds:
    """A bounded set of recently seen ids (oldest forgotten first)."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._ids: OrderedDict[Hashable, None] = OrderedDict()

    def seen_before(self, key: Hashable) -> bool:
        """True if `key` was already added; adds it otherwise."""
        if key in self._ids:
            self._ids.move_to_end(key)
            return True
        self._ids[key] = None
        while len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return False

    def __len__(self) -> int:
        return len(self._ids)


LEVEL_LABELS = FOR_PERSON  # the clinical core's words for each urgency (heel/levels.py)


def _condition_label(condition: Any) -> str | None:
    if not condition:
        return None
    name = CONDITION_NAMES.get(condition) or str(condition).replace("_", " ")
    return name.split(" (")[0]


def assessment_summary(custom: Mapping[str, Any]) -> str | None:
    """A one-line, readable summary of a `{"assessment": {...}}` payload (None if it is not one)."""
    assessment = custom.get("assessment") if isinstance(custom, Mapping) else None
    if not isinstance(assessment, Mapping):
        return None
    parts = []
    level = assessment.get("triage_level")
    if level:
        parts.append(f"urgency: {LEVEL_LABELS.get(level, str(level).replace('_', ' '))}")
    condition = _condition_label(assessment.get("likely_condition"))
    if condition:
        parts.append(f"most likely: {condition}")
    if assessment.get("reference_code"):
        parts.append(f"reference: {assessment['reference_code']}")
    if not parts:
        return None
    return "Summary (not a diagnosis): " + "; ".join(parts) + "."


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into parts of at most `limit` characters, at paragraph or line breaks if possible."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts
