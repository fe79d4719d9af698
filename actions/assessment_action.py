"""Give the outcome once the interview has decided it."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import settings
from .clinical.advice import CONDITION_NAMES, NOT_A_DIAGNOSIS, advice_for, safety_net
from .clinical.assessment import assess, payload
from .clinical.findings import FINDINGS
from .clinical.levels import WHAT_TO_DO
from .questions import NEED_MORE

NEXT_STEPS = [
    {"title": "Start over", "payload": "/start_over"},
    {"title": "Talk to a person", "payload": "/human_handoff"},
    {"title": "What is a Tinel test?", "payload": "What is a Tinel test?"},
]


class ActionAssess(Action):
    def name(self) -> Text:
        return "action_assess"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        findings = {name: tracker.get_slot(name) for name in FINDINGS}
        result = assess(findings, tracker.get_slot("warning_features") or ())
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
        dispatcher.utter_message(json_message=payload(result))
        if not result.is_warning_sign:
            tips = advice_for(result.likely_condition, findings.get("diabetes"), findings.get("recent_injury"))
            dispatcher.utter_message(text="What helps:\n" + "\n".join(f"- {t}" for t in tips))
        dispatcher.utter_message(
            text="Get help sooner: " + safety_net(result.triage_level, result.likely_condition).format(**values),
            buttons=NEXT_STEPS,
        )
        return [SlotSet("triage_level", result.triage_level),
                SlotSet("likely_condition", result.likely_condition)]
