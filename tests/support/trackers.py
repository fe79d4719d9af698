"""Rasa trackers built from events, for tests that need a conversation without a server."""

import time

from rasa.shared.core.events import ActionExecuted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

NOW = time.time()  # one "now" for the whole test run


def session_start(at: float = NOW):
    """As Rasa logs it: the action, then (later) the events it returns."""
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at + 0.001),
        ActionExecuted("action_listen", timestamp=at + 0.002),
    ]


def tracker_of(domain, events, sender="someone"):
    return DialogueStateTracker.from_events(sender, events, domain.slots)
