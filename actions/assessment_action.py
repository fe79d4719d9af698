"""Give the outcome once the interview has decided it, and again after a correction.

The outcome starts with what was noted ("I noted: ...") and offers
"Something's not right". After an outcome (`outcome_given`), a message that
gives a finding runs this action again (data/rules/interview.yml): the
finding has replaced the old one, and the updated outcome follows, or the
interview resumes when the change leaves a question open. A warning sign's
advice is never replaced by a correction.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from clinic import responses
from clinic.reference import new_reference_code
from heel.advice import CONDITION_NAMES, NOT_A_DIAGNOSIS, advice_for, safety_net
from heel.assessment import assess_slots, payload
from heel.levels import WHAT_TO_DO
from heel.questions import NEED_MORE
from heel.summary import noted
from heel.warning_signs import RULES as WARNING_SIGNS

from .guard import GuardedAction

REFERENCE_TEXT = "Your reference code is {reference}: show it at reception so the clinic can find your answers."
CORRECT_BUTTON = {"title": "Something's not right", "payload": "/correct"}
NEXT_STEPS = [
    CORRECT_BUTTON,
    {"title": "Start over", "payload": "/start_over"},
    {"title": "Talk to a person", "payload": "/human_handoff"},
    {"title": "What is a Tinel test?", "payload": "What is a Tinel test?"},
]


OUTCOME_GIVEN = "outcome_given"  # set here, never by an escalation
CORRECTION = "correction"  # a finding given outside the interview (domain.yml)
UPDATED = "Thank you, I've changed that."
UPDATED_OUTCOME = "Here is the updated outcome."
SAME_OUTCOME = "That doesn't change the outcome."
ASK_MORE = "With that change I need to ask a little more."
SIGN_STANDS = (
    "Because of the warning sign you told me about, my advice stays the same: {what_to_do} "
    "If you are unsure, call {emergency_number}."
)
WARNING_CONDITIONS = {sign.condition for sign in WARNING_SIGNS}


class ActionAssess(GuardedAction, Action):
    def name(self) -> str:
        return "action_assess"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        result = assess_slots(tracker.slots)
        values = responses.template_values()
        update = bool(tracker.get_slot(OUTCOME_GIVEN))  # an outcome was given: this one is updated
        corrected = update and tracker.get_slot(CORRECTION) is not None  # this message changed a finding
        done = [SlotSet(CORRECTION, None)]
        if tracker.get_slot("likely_condition") in WARNING_CONDITIONS or (
            update and result is not None and result.is_warning_sign
        ):
            # an escalation stands whatever is corrected or asked after it (the WarningSignPolicy owns it)
            level = tracker.get_slot("triage_level") or (result.triage_level if result else "emergency")
            dispatcher.utter_message(
                text=f"{UPDATED} " + SIGN_STANDS.format(what_to_do=WHAT_TO_DO[level].format(**values), **values)
            )
            return done
        if result is None:
            if update:  # the change leaves a question open: the interview resumes
                dispatcher.utter_message(text=f"{UPDATED} {ASK_MORE}")
                return done + [FollowupAction("prescreen_form")]
            dispatcher.utter_message(text=NEED_MORE)  # the form ended early; finish the interview first
            return []
        condition = CONDITION_NAMES.get(result.likely_condition, result.likely_condition)
        summary = noted(result.findings)
        if update:
            same = (tracker.get_slot("triage_level"), tracker.get_slot("likely_condition")) == (
                result.triage_level,
                result.likely_condition,
            )
            thanks = f"{UPDATED} " if corrected else ""
            lead = f"{thanks}{summary}\n\n{SAME_OUTCOME if same else UPDATED_OUTCOME} "
        else:
            lead = f"{summary}\n\n" if summary else ""
        dispatcher.utter_message(
            text=(
                f"{lead}{NOT_A_DIAGNOSIS} From what you told me, the most likely explanation is {condition}.\n\n"
                f"What to do: {WHAT_TO_DO[result.triage_level].format(**values)}"
            )
        )
        dispatcher.utter_message(text="Why I think so:\n" + "\n".join(f"- {r}" for r in result.reasons))
        reference = tracker.get_slot("reference_code") or new_reference_code()
        dispatcher.utter_message(json_message=payload(result, reference))
        if not result.is_warning_sign:
            tips = advice_for(
                result.likely_condition, result.findings.get("diabetes"), result.findings.get("recent_injury")
            )
            dispatcher.utter_message(text="What helps:\n" + "\n".join(f"- {t}" for t in tips))
        dispatcher.utter_message(text=REFERENCE_TEXT.format(reference=reference))
        dispatcher.utter_message(
            text="Get help sooner: " + safety_net(result.triage_level, result.likely_condition).format(**values),
            # a warning sign's advice is not open to correction: no "Something's not right"
            buttons=[b for b in NEXT_STEPS if not (result.is_warning_sign and b is CORRECT_BUTTON)],
        )
        return (
            done
            + [
                SlotSet("triage_level", result.triage_level),
                SlotSet("likely_condition", result.likely_condition),
                SlotSet("reference_code", reference),
            ]
            + ([] if result.is_warning_sign else [SlotSet(OUTCOME_GIVEN, True)])
        )
