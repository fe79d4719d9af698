"""The kinds of value a setting holds: how each is read from its text, checked,
written back for a child process and described in the README.

`parse` raises `Invalid` with what is allowed ("must be a port number
(1-65535)"); settings/loading.py puts the variable and its value in front.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Invalid(ValueError):
    """What is allowed, as the end of a sentence that starts with the variable: "must be …"."""


class SettingsError(ValueError):
    """Settings that cannot be used: one line per variable, each naming it and saying what is allowed."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Kind:
    """What every kind has; by itself, any text (surrounding spaces dropped)."""

    label = "text"
    python_type = str  # class attributes, not fields: a kind's fields are its own options
    secret = False
    strip = True

    def parse(self, text: str) -> Any:
        return text

    def render(self, value: Any) -> str:
        return str(value)

    def problem(self, name: str, raw: str, reason: str) -> str:
        return f"{name}={raw!r} {reason}"


@dataclass(frozen=True)
class Text(Kind):
    """Any text (surrounding spaces dropped)."""


@dataclass(frozen=True)
class Secret(Kind):
    """A token or password: never shown, not even in an error."""

    min_length: int = 0
    strip: bool = True
    label = "secret"
    secret = True

    def parse(self, text: str) -> str:
        if len(text) < self.min_length:
            raise Invalid(f"must be at least {self.min_length} characters (it has {len(text)})")
        return text

    def problem(self, name: str, raw: str, reason: str) -> str:
        return f"{name} {reason}; the value is not shown"


def _bounds(minimum: float | None, maximum: float | None, above: float | None) -> str:
    low = f"more than {above:g}" if above is not None else f"at least {minimum:g}" if minimum is not None else ""
    high = f"at most {maximum:g}" if maximum is not None else ""
    return ", ".join(filter(None, [low, high]))


@dataclass(frozen=True)
class Integer(Kind):
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    python_type = int

    @property
    def label(self) -> str:
        unit = f" of {self.unit}" if self.unit else ""
        return ", ".join(filter(None, [f"whole number{unit}", _bounds(self.minimum, self.maximum, None)]))

    def parse(self, text: str) -> int:
        if not re.fullmatch(r"-?[0-9]+", text) or not self._within(int(text)):
            raise Invalid(f"must be a {self.label}")
        return int(text)

    def _within(self, value: int) -> bool:
        return (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)


@dataclass(frozen=True)
class Number(Kind):
    above: float | None = None  # exclusive
    maximum: float | None = None
    unit: str = ""
    python_type = float

    @property
    def label(self) -> str:
        unit = f" of {self.unit}" if self.unit else ""
        return ", ".join(filter(None, [f"number{unit}", _bounds(None, self.maximum, self.above)]))

    def parse(self, text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if (
            not math.isfinite(value)
            or (self.above is not None and value <= self.above)
            or (self.maximum is not None and value > self.maximum)
        ):
            raise Invalid(f"must be a {self.label}")
        return value

    def render(self, value: float) -> str:
        return f"{value:g}"


@dataclass(frozen=True)
class Flag(Kind):
    label = "true or false"
    python_type = bool
    TRUE = ("true", "yes", "on", "1")
    FALSE = ("false", "no", "off", "0")

    def parse(self, text: str) -> bool:
        if text.lower() not in self.TRUE + self.FALSE:
            raise Invalid("must be true or false (or yes/no, on/off, 1/0)")
        return text.lower() in self.TRUE

    def render(self, value: bool) -> str:
        return "true" if value else "false"


@dataclass(frozen=True)
class Port(Kind):
    label = "port"
    python_type = int

    def parse(self, text: str) -> int:
        if not text.isdigit() or not 0 < int(text) < 65536:
            raise Invalid("must be a port number (1-65535)")
        return int(text)


@dataclass(frozen=True)
class Url(Kind):
    schemes: tuple[str, ...] = ("http", "https")
    needs_host: bool = True
    described: str = ""  # the README's words for it, when not an http(s) URL

    @property
    def label(self) -> str:
        return self.described or "http(s) URL"

    def parse(self, text: str) -> str:
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme not in self.schemes
            or not text.lower().startswith(parts.scheme + "://")
            or (self.needs_host and not parts.hostname)
            or any(char.isspace() for char in text)
        ):
            starts = [f"{scheme}://" for scheme in self.schemes]
            raise Invalid(
                f"must be a URL starting with {', '.join(starts[:-1])} or {starts[-1]}"
                + (" and naming a host" if self.needs_host else "")
            )
        return text


@dataclass(frozen=True)
class FilePath(Kind):
    """A file path (kept as written: a relative one is relative to where the process runs)."""

    label = "file path"

    def parse(self, text: str) -> str:
        if "\0" in text:
            raise Invalid("must be a file path")
        return text


@dataclass(frozen=True)
class Origins(Kind):
    """Space-separated web origins or regular expressions, as Rasa's `--cors` takes them."""

    label = "origins"
    python_type = tuple[str, ...]

    def parse(self, text: str) -> tuple[str, ...]:
        origins = tuple(text.split())
        for origin in origins:
            try:
                re.compile(origin)
            except re.error:
                raise Invalid(
                    f"must be space-separated origins such as http://localhost:8080 (or regular "
                    f"expressions, or *); {origin!r} is neither"
                ) from None
        return origins

    def render(self, value: tuple[str, ...]) -> str:
        return " ".join(value)


@dataclass(frozen=True)
class TimeZone(Kind):
    label = "time zone"

    def parse(self, text: str) -> str:
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise Invalid("is not a time zone (e.g. Europe/London)") from None
        return text


@dataclass(frozen=True)
class Choice(Kind):
    options: tuple[str, ...] = ()
    upper: bool = False  # written in capitals (LOG_LEVEL); otherwise in small letters

    @property
    def label(self) -> str:
        return "one of " + ", ".join(f"`{option}`" for option in self.options)

    def parse(self, text: str) -> str:
        value = text.upper() if self.upper else text.lower()
        if value not in self.options:
            raise Invalid(f"must be {', '.join(self.options[:-1])} or {self.options[-1]}")
        return value


# The `limits` library's notation (limits.util.parse_many), several joined by , ; or |.
_ONE_LIMIT = r"\s*[0-9]+\s*(?:/|\s*per\s*)\s*[0-9]*\s*(?:hour|minute|second|day|month|year)s?\s*"
_LIMITS = re.compile(rf"{_ONE_LIMIT}(?:[,;|]{_ONE_LIMIT})*")
LIMIT_OFF = ("off", "none", "0", "false", "no")


@dataclass(frozen=True)
class RateLimit(Kind):
    label = "rate limit"

    def parse(self, text: str) -> str:
        if text.lower() in LIMIT_OFF:
            return "off"
        if not _LIMITS.fullmatch(text):
            raise Invalid("must be a rate limit such as 30/minute (several joined by ;), or off")
        return text
