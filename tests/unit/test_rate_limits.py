"""Rate-limit settings (channels/rate_limits.py); the limits themselves are tested
through the real servers in tests/channels/test_limits_and_failures.py."""

import pytest

from channels.rate_limits import RateLimits
from settings import SettingsError


def test_settings_from_the_environment():
    limits = RateLimits.from_env({"RATE_LIMIT_PER_SENDER": "2/second; 5/minute", "RATE_LIMIT_PER_ADDRESS": "off"})
    assert [(item.amount, item.GRANULARITY.name) for item in limits.per_sender] == [(2, "second"), (5, "minute")]
    assert limits.per_address == []


def test_defaults_and_unreadable_values():
    for environ in ({}, {"RATE_LIMIT_PER_SENDER": ""}):
        limits = RateLimits.from_env(environ)
        assert [(i.amount, i.GRANULARITY.name) for i in limits.per_sender] == [(30, "minute")]
        assert [(i.amount, i.GRANULARITY.name) for i in limits.per_address] == [(300, "minute")]
    with pytest.raises(SettingsError, match="RATE_LIMIT_PER_SENDER='lots, please' must be a rate limit"):
        RateLimits.from_env({"RATE_LIMIT_PER_SENDER": "lots, please"})


def test_counts_per_sender_and_per_address():
    limits = RateLimits.from_env({"RATE_LIMIT_PER_SENDER": "2/minute", "RATE_LIMIT_PER_ADDRESS": "3/minute"})
    assert limits.hit("rest", "a", "10.0.0.1") is None
    assert limits.hit("rest", "a", "10.0.0.1") is None
    assert 0 < limits.hit("rest", "a", "10.0.0.1") <= 60  # a's third: over the sender limit
    assert limits.hit("socketio", "a", "10.0.0.2") is None  # another channel's "a" is another conversation
    assert limits.hit("rest", "b", "10.0.0.1") is not None  # the address's fourth
    assert limits.hit("telegram", "c") is None  # no address: the sender limit only
    assert limits.first_notice("rest", "a") and not limits.first_notice("rest", "a")
