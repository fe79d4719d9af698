"""Response generation: domain responses, plus clinic settings, the privacy
notice and the assessment.

Configured in endpoints.yml (`nlg: type: components.nlg.ClinicNLG`). Responses
can use {emergency_number}, {clinic_name}, {clinic_contact}, {retention_days}
and {privacy_notice} (from the settings), and a response whose custom payload is
`{"assessment": "from_tracker"}` gets the structured assessment built from the
conversation's findings. `utter_noted_description` gets {noted_findings}: what
the opening description said, in plain words, and how to correct it.

The first reply of every session carries the privacy notice (what is kept,
why, for how long, how to delete it), whichever way the person came in: the
greeting has it in its text; any other first reply (a description of the pain,
a button, a question, an escalation) gets it appended, after what it says.
"""

import logging
from typing import Any, Dict, Optional

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.trackers import DialogueStateTracker

from clinic import responses
from heel import warning_signs
from heel.assessment import assess_slots, payload
from heel.escalations import escalation
from heel.findings import ALL_FINDINGS
from heel.summary import how_to_correct, noted

from .privacy import notice_due

logger = logging.getLogger(__name__)
FROM_TRACKER = "from_tracker"
CONFIRM_SIGN = "utter_confirm_sign"
WARNING_SIGN = "utter_warning_sign"
NOTED = "utter_noted_description"
NOTHING_NOTED = "I've noted what you described."
GENERIC_CONFIRM = "Just to be safe: do you have any of the warning signs I listed?"
# Replies that are about the person's data already: no notice appended.
WITHOUT_NOTICE = {"utter_ask_delete_data", "utter_delete_data_kept"}


class ClinicNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None) -> None:
        super().__init__(domain.responses if domain else {})
        self.values = responses.template_values()  # the settings: read once, not per reply

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> Optional[Dict[str, Any]]:
        values = {**self.values, **kwargs}
        if utter_action == CONFIRM_SIGN:  # the confirming question's words come from the clinical core
            rule = (tracker.get_slot("suspected_sign") or {}).get("rule")
            values["confirm_question"] = warning_signs.CONFIRM_QUESTIONS.get(rule, GENERIC_CONFIRM)
        if utter_action == NOTED:  # what the opening description said, and how to correct it
            values["noted_findings"] = noted_findings(tracker)
        if utter_action == WARNING_SIGN:  # the escalation's words come from the clinical core
            said = escalation(tracker.get_slot("likely_condition"), tracker.get_slot("triage_level"))
            values["escalation"] = said.format_map(self.values)
        message = await super().generate(utter_action, tracker, output_channel, **values)
        if not message:
            return message
        if (message.get("custom") or {}).get("assessment") == FROM_TRACKER:
            message["custom"] = assessment_from_tracker(tracker)
        notice = values["privacy_notice"]
        text = message.get("text") or ""
        if utter_action not in WITHOUT_NOTICE and notice not in text and notice_due(tracker):
            message["text"] = f"{text}\n\n{notice}" if text else notice
        return message


def noted_findings(tracker: DialogueStateTracker) -> str:
    """ "I noted: burning pain, ... If I got something wrong, just tell me ...".

    The message's findings are in the slots already: Rasa fills them
    (action_extract_slots) before it predicts the reply."""
    findings = {name: tracker.get_slot(name) for name in ALL_FINDINGS}
    summary = noted(findings)
    return f"{summary} {how_to_correct(findings)}" if summary else NOTHING_NOTED


def assessment_from_tracker(tracker: DialogueStateTracker) -> Dict[str, Any]:
    slots = tracker.current_slot_values()
    result = assess_slots(slots)
    if result is None:
        return {
            "assessment": {
                "triage_level": slots.get("triage_level"),
                "likely_condition": slots.get("likely_condition"),
                "reference_code": slots.get("reference_code"),
            }
        }
    return payload(result, slots.get("reference_code"))
