"""Every custom action is guarded: an exception becomes an apology, and is logged.

The log above DEBUG names the exception and where it was raised, without its
message: a message can quote what the person typed (a failed conversion of
their answer, say). The whole exception is logged at DEBUG.
"""

import logging
import traceback
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from clinic import responses

logger = logging.getLogger(__name__)

APOLOGY = (
    "Sorry, something went wrong on my side. If you have a warning sign or feel unwell, don't wait: "
    "call {emergency_number} or contact {clinic_contact}."
)


class GuardedAction:
    """Mixin: subclasses implement `act` instead of `run`, and may override
    `on_failure` to say more (e.g. ask the question again)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        try:
            return await self.act(dispatcher, tracker, domain)
        except Exception as error:  # noqa: BLE001 - the person must get an answer whatever went wrong
            logger.error(
                "Action '%s' failed for conversation %s: %s, raised at\n%s",
                self.name(),
                tracker.sender_id,
                type(error).__name__,
                "".join(traceback.format_list(traceback.extract_tb(error.__traceback__))).rstrip(),
            )
            logger.debug("Action '%s' failed", self.name(), exc_info=True)
            dispatcher.utter_message(text=APOLOGY.format(**responses.template_values()))
            return self.on_failure(dispatcher, tracker)

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        raise NotImplementedError

    def on_failure(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        return []
