"""Give the outcome once the interview has decided it."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import settings
from .clinical.advice import CONDITION_NAMES, NOT_A_DIAGNOSIS, advice_for, safety_net
from clinic.reference import new_reference_code

from .clinical.assessment import assess_slots, payload
from .clinical.levels import WHAT_TO_DO
from .guard import GuardedAction
from .questions import NEED_MORE

REFERENCE_TEXT = "Your reference code is {reference}: show it at reception so the clinic can find your answers."
NEXT_STEPS = [
    {"title": "Start over", "payload": "/start_over"},
    {"title": "Talk to a person", "payload": "/human_handoff"},
    {"title": "What is a Tinel test?", "payload": "What is a Tinel test?"},
]


class ActionAssess(GuardedAction, Action):
    def name(self) -> Text:
        return "action_assess"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        result = assess_slots(tracker.slots)
        if result is None:  # the form ended early; finish the interview first
            dispatcher.utter_message(text=NEED_MORE)
            return []
        values = settings.template_values()
        condition = CONDITION_NAMES.get(result.likely_condition, result.likely_condition)
        dispatcher.utter_message(text=(
            f"{NOT_A_DIAGNOSIS} From what you told me, the most likely explanation is {condition}.\n\n"
            f"What to do: {WHAT_TO_DO[result.triage_level].format(**values)}"
        ))
        dispatcher.utter_message(text="Why I think so:\n" + "\n".join(f"- {r}" for r in result.reasons))
        reference = tracker.get_slot("reference_code") or new_reference_code()
        dispatcher.utter_message(json_message=payload(result, reference))
        if not result.is_warning_sign:
            tips = advice_for(result.likely_condition, result.findings.get("diabetes"),
                              result.findings.get("recent_injury"))
            dispatcher.utter_message(text="What helps:\n" + "\n".join(f"- {t}" for t in tips))
        dispatcher.utter_message(text=REFERENCE_TEXT.format(reference=reference))
        dispatcher.utter_message(
            text="Get help sooner: " + safety_net(result.triage_level, result.likely_condition).format(**values),
            buttons=NEXT_STEPS,
        )
        return [SlotSet("triage_level", result.triage_level),
                SlotSet("likely_condition", result.likely_condition),
                SlotSet("reference_code", reference)]
