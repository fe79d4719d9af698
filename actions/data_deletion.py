""" "Delete my data", once the person has confirmed it.

The Rasa server asks first (`utter_ask_delete_data`, buttons yes/no); during
the interview, `action_pause_interview` first stops the form (so that the yes
or no is not taken as an answer to its question) and marks it paused, and it
resumes on no (data/rules/conversation.yml). `action_delete_data` runs on yes. It deletes the person's conversation (every session) and
clinic records from the tracker store's database, says what went, and returns
`Restarted`, so the conversation starts afresh and the Rasa server writes
nothing of it back (components/privacy.py). If the database fails, the guard
apologises and nothing is claimed.
"""

import asyncio
import logging
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from clinic import responses
from clinic.privacy import DELETE_ACTION, Deleted, delete_person
from clinic.records import engine_from_env

from .guard import GuardedAction
from .interview_form import PAUSED_SLOT

logger = logging.getLogger(__name__)
ASK = "utter_ask_delete_data"
KEPT = "utter_delete_data_kept"


@lru_cache(maxsize=1)
def database() -> sa.engine.Engine:
    return engine_from_env()


class ActionPauseInterview(GuardedAction, Action):
    def name(self) -> str:
        return "action_pause_interview"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet(PAUSED_SLOT, True)]


class ActionDeleteData(GuardedAction, Action):
    def name(self) -> str:
        return DELETE_ACTION

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if not confirmed(tracker.events):
            dispatcher.utter_message(response=KEPT)
            return []
        deleted = await asyncio.get_running_loop().run_in_executor(None, delete_person, database(), tracker.sender_id)
        logger.info(
            "Deleted conversation %s on request: %d events, %d records",
            tracker.sender_id,
            deleted.events,
            len(deleted.reference_codes),
        )
        dispatcher.utter_message(text=confirmation(deleted, responses.template_values()))
        return [Restarted()]


def confirmed(events: list[dict[str, Any]]) -> bool:
    """Did the person answer yes to the latest "delete my data?" question?
    (The first thing they said after it: a retry after a technical problem
    runs this action again on a later message.)"""
    answer: str | None = None
    for event in reversed(events):
        if event.get("event") == "user":
            answer = (event.get("parse_data") or {}).get("intent", {}).get("name")
        elif event.get("event") == "action" and event.get("name") == ASK:
            return answer == "affirm"
    return False


def confirmation(deleted: Deleted, values: dict[str, str]) -> str:
    codes = deleted.reference_codes
    if codes:
        records = (
            f"your pre-screening record{'s' if len(codes) > 1 else ''} ({', '.join(codes)}). "
            f"If {values['clinic_name']} has already copied it into their own system, ask them to "
            f"delete that copy too: {values['clinic_contact']}"
        )
    else:
        records = "there was no pre-screening record to delete"
    return (
        f"Done: I've deleted our conversation, and {records}.\n\n"
        "We're starting afresh. If you'd like a new pre-screening, just describe your heel pain."
    )
