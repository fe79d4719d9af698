"""Rate limits per sender and per client address, shared by all channels of
one Rasa process (the `limits` library, fixed windows).

    RATE_LIMIT_PER_SENDER   default 30/minute  per conversation (REST sender, web chat
                                               session, Telegram chat, Slack user)
    RATE_LIMIT_PER_ADDRESS  default 300/minute per client IP address (REST and web chat;
                                               Telegram and Slack post from their own servers)
    RATE_LIMIT_STORAGE      default memory://  where counts live; redis://host:6379/2 to share
                                               them between several Rasa servers

A limit is `N/second|minute|hour|day` (several with `;`, e.g. `10/10second;30/minute`),
or `off`. The values come from settings/, which refuses an unreadable one by name.

Behind a reverse proxy every request comes from the proxy's address: tell
Sanic how to find the client's (`SANIC_PROXIES_COUNT=1` with X-Forwarded-For,
or `SANIC_REAL_IP_HEADER`), or set RATE_LIMIT_PER_ADDRESS=off and limit at the proxy.
"""

import logging
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

import settings

logger = logging.getLogger(__name__)

# A person over a limit is told so at most this often (channels that cannot answer with a status code).
NOTICE = "1/minute"


def parse_limits(value: str) -> list[RateLimitItem]:
    """A setting's limits (settings/ checked the notation and wrote every way of saying off as `off`)."""
    return [] if value == "off" else parse_many(value)


@dataclass
class RateLimits:
    per_sender: list[RateLimitItem] = field(
        default_factory=lambda: parse_limits(settings.default("RATE_LIMIT_PER_SENDER"))
    )
    per_address: list[RateLimitItem] = field(
        default_factory=lambda: parse_limits(settings.default("RATE_LIMIT_PER_ADDRESS"))
    )
    storage_uri: str = settings.default("RATE_LIMIT_STORAGE")

    def __post_init__(self) -> None:
        self.storage = storage_from_string(self.storage_uri)  # the limiter only keeps a weak reference
        self.limiter = FixedWindowRateLimiter(self.storage)
        self.notice = parse_many(NOTICE)[0]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "RateLimits":
        """RATE_LIMIT_PER_SENDER, RATE_LIMIT_PER_ADDRESS and RATE_LIMIT_STORAGE, from settings.load(environ)."""
        config = settings.load(environ)
        limits = cls(
            parse_limits(config.rate_limit_per_sender),
            parse_limits(config.rate_limit_per_address),
            config.rate_limit_storage,
        )
        logger.info(
            "Rate limits: per sender %s, per address %s.",
            "; ".join(map(str, limits.per_sender)) or "off",
            "; ".join(map(str, limits.per_address)) or "off",
        )
        return limits

    def _hit(self, items: list[RateLimitItem], *key: str) -> int | None:
        for item in items:
            if not self.limiter.hit(item, *key):
                reset, _ = self.limiter.get_window_stats(item, *key)
                return max(1, math.ceil(reset - time.time()))
        return None

    def hit(self, channel: str, sender: str, address: str | None = None) -> int | None:
        """Count one message. None when it is within the limits, else the seconds to wait."""
        waited = self._hit(self.per_address, "address", address) if address else None
        return waited if waited is not None else self._hit(self.per_sender, "sender", channel, sender)

    def first_notice(self, channel: str, sender: str) -> bool:
        """True at most once a minute per sender: whether to tell them they are over the limit."""
        return self.limiter.hit(self.notice, "notice", channel, sender)


@lru_cache(maxsize=1)
def shared() -> RateLimits:
    """The limits of this process, read from the settings once (all channels share the counts)."""
    return RateLimits.from_env()
