"""Privacy, Rasa side: when the notice is due, what a save may write after
"delete my data", and no message text in Rasa's own logs above DEBUG.

The notice and the retention period are plain settings (clinic/privacy.py);
docs/privacy.md describes the whole for people.
"""

from typing import Any, Dict, Optional, Sequence

import structlog
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, Restarted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from clinic.privacy import DELETE_ACTION


def notice_due(tracker: DialogueStateTracker) -> bool:
    """Nothing has been said to the person yet in this session (since the
    latest session start or restart): the next reply must carry the notice."""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return False
        if isinstance(event, (SessionStarted, Restarted)):
            return True
    return True


def erasure(events: Sequence[Event]) -> Optional[int]:
    """Where "delete my data" emptied the database, if it did during this tracker's life.

    The action server deletes the person's conversation and returns
    `Restarted`; the tracker in memory still holds the deleted events. The
    index of that `Restarted` tells the tracker store that the database now
    holds only what was saved from there on (none of it from before).
    """
    restart = None  # the latest Restarted not yet matched with the action before it
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, Restarted):
            restart = index if restart is None else restart
        elif isinstance(event, ActionExecuted) and restart is not None:
            if event.action_name == DELETE_ACTION:
                return restart
            restart = None
    return None


# Rasa's structured log events that can carry what the person typed or was
# told (the keys Rasa Pro's anonymiser covers), hidden above DEBUG.
PERSONAL_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
    }
)
REDACTED = "[hidden above DEBUG]"


def redact_personal_data(_logger: Any, method_name: str, event_dict: Dict[str, Any]) -> Dict[str, Any]:
    """structlog processor: Rasa logs e.g. a failed REST message with its
    `text` at ERROR; above DEBUG such values are replaced."""
    if method_name != "debug":
        for key in PERSONAL_KEYS.intersection(event_dict):
            event_dict[key] = REDACTED
    return event_dict


def hide_personal_data_in_rasa_logs() -> None:
    """Put `redact_personal_data` first in Rasa's structlog configuration (once).
    Called while the model loads, before any message is handled."""
    processors = structlog.get_config()["processors"]
    if redact_personal_data not in processors:
        structlog.configure(processors=[redact_personal_data, *processors])
