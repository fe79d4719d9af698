"""Response generation: domain responses, plus clinic settings and the assessment.

Configured in endpoints.yml (`nlg: type: components.nlg.ClinicNLG`). Responses
can use {emergency_number}, {clinic_name} and {clinic_contact} (from env vars),
and a response whose custom payload is `{"assessment": "from_tracker"}` gets
the structured assessment built from the conversation's findings.
"""
from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.trackers import DialogueStateTracker

from actions import settings
from actions.clinical.assessment import assess_slots, payload

FROM_TRACKER = "from_tracker"


class ClinicNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None) -> None:
        super().__init__(domain.responses if domain else {})

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        values = {**settings.template_values(), **kwargs}
        message = await super().generate(utter_action, tracker, output_channel, **values)
        if message and (message.get("custom") or {}).get("assessment") == FROM_TRACKER:
            message["custom"] = assessment_from_tracker(tracker)
        return message


def assessment_from_tracker(tracker: DialogueStateTracker) -> Dict[Text, Any]:
    slots = tracker.current_slot_values()
    result = assess_slots(slots)
    if result is None:
        return {"assessment": {"triage_level": slots.get("triage_level"),
                               "likely_condition": slots.get("likely_condition"),
                               "reference_code": slots.get("reference_code")}}
    return payload(result, slots.get("reference_code"))
