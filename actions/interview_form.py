"""The interview: a Rasa form whose next question comes from the clinical policy."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction, ValidationAction
from rasa_sdk.types import DomainDict

from heel import summary
from heel.assessment import next_question
from heel.findings import ALL_FINDINGS, EITHER_OR, NO, UNKNOWN, VALUES, YES, YES_NO, normalise
from heel.questions import DID_NOT_UNDERSTAND, QUESTIONS, SKIP_QUESTION, WHICH_SIGN
from heel.warning_signs import FEATURES

from .guard import GuardedAction

FORM = "prescreen_form"
UNCLEAR_SLOT = "unclear_answers"
ASKED_SLOT = "asked_times"  # question -> how many times it was asked
MAX_ASKS = 2  # no question is asked more than twice (clinical reference, 2a)
PAUSED_SLOT = "interview_paused"  # set while "delete my data?" waits for yes or no
# Intents that interrupt the interview: the form rejects, and a rule answers them.
INTERRUPTION_INTENTS = {"human_handoff", "start_over", "goodbye", "out_of_scope", "delete_data", "thank", "greet"}
INTERRUPTION_PREFIXES = ("ask_", "chitchat_")
YES_NO_INTENTS = ("affirm", "deny")
# Questions a yes or no answers, and what each answer records. "Both feet, or just one?"
# is either/or: yes or no chooses neither. "Are your shoes tight, worn out or unsupportive?"
# yes records poor footwear.
YES_NO_ANSWERS = {
    name: {YES: YES, NO: NO, UNKNOWN: UNKNOWN}
    for name, values in VALUES.items()
    if values == YES_NO and name not in EITHER_OR
}
YES_NO_ANSWERS["footwear"] = {YES: "poor", NO: "good", UNKNOWN: UNKNOWN}
NUMBNESS_OF_LOCATION = {"under_heel": "inner_heel", "back_of_heel": "inner_heel"}


class ValidatePrescreenForm(GuardedAction, FormValidationAction):
    def name(self) -> str:
        return "validate_prescreen_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # Every finding a message gives is extracted and validated ...
        return list(ALL_FINDINGS)

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventType | None:
        # ... but only the finding the clinical policy still needs is asked.
        return SlotSet(REQUESTED_SLOT, next_question({name: tracker.get_slot(name) for name in ALL_FINDINGS}))

    def on_failure(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Keep the interview going: ask the current question again (setting a
        slot stops the form from rejecting, which would drop the apology)."""
        asked = tracker.get_slot(REQUESTED_SLOT)
        if asked in QUESTIONS:
            dispatcher.utter_message(text=QUESTIONS[asked].text, buttons=QUESTIONS[asked].button_dicts())
        return [SlotSet(UNCLEAR_SLOT, tracker.get_slot(UNCLEAR_SLOT) or 0)]

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Validate what this message gave, handle an unclear answer, then ask
        the next question (the domain has no `utter_ask_*` responses: see heel/questions.py)."""
        events = await ValidationAction.run(self, dispatcher, tracker, domain)
        asked = tracker.get_slot(REQUESTED_SLOT)
        answered = _just_answered(tracker)
        if answered and asked and _answers_another_question(tracker, asked):
            # "no back pain" while asked about numbness answers back_pain only
            events = [e for e in events if not (e.get("event") == "slot" and e.get("name") == asked)]
            events.append(SlotSet(asked, None))
            tracker.slots[asked] = None
        if answered and asked in YES_NO_ANSWERS:
            events = _with_yes_no_answer(tracker, asked, events)
        elif answered and asked in ALL_FINDINGS and asked != "red_flags":
            events = _with_dont_know(tracker, asked, events)
        filled = [
            e
            for e in events
            if e.get("event") == "slot" and e.get("name") in ALL_FINDINGS and e.get("value") is not None
        ]
        if filled:
            events.append(SlotSet(UNCLEAR_SLOT, 0))
            described = {e.get("name") for e in filled} - {"red_flags"}
            if answered and len(described) >= 2:
                # A description that answered several things at once (the web chat's first message
                # arrives inside the interview): say what was noted before the next question.
                findings = {
                    **{name: tracker.get_slot(name) for name in ALL_FINDINGS},
                    **{e["name"]: e["value"] for e in filled},
                }
                dispatcher.utter_message(text=f"{summary.noted(findings)} {summary.how_to_correct(findings)}")
        elif answered and asked:
            if _interrupts(tracker):
                return events  # not an answer: the form rejects and a rule answers it
            unclear, ask_again = self._unclear(asked, dispatcher, tracker)
            tracker.add_slots(unclear)
            events += unclear
            if not ask_again:
                return events + [SlotSet(REQUESTED_SLOT, asked)]
        if tracker.get_slot(PAUSED_SLOT):  # the interview goes on
            events.append(SlotSet(PAUSED_SLOT, None))
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        asked_times = dict(tracker.get_slot(ASKED_SLOT) or {})
        while (
            next_slot
            and next_slot.get("value") not in (None, "red_flags")
            and asked_times.get(next_slot["value"], 0) >= MAX_ASKS
        ):
            # asked twice already (answers that gave other findings instead): "I don't know", and go on
            skipped = next_slot["value"]
            dispatcher.utter_message(text=SKIP_QUESTION)
            tracker.slots[skipped] = UNKNOWN
            events.append(SlotSet(skipped, UNKNOWN))
            next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        if next_slot and next_slot.get("value"):
            question = QUESTIONS[next_slot["value"]]
            dispatcher.utter_message(text=question.text, buttons=question.button_dicts())
            asked_times[next_slot["value"]] = asked_times.get(next_slot["value"], 0) + 1
            events.append(SlotSet(ASKED_SLOT, asked_times))
        return events + ([next_slot] if next_slot else [])

    def _unclear(self, asked: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> tuple[list[EventType], bool]:
        """No question is asked more than twice (clinical reference, 2a). A first
        unclear answer gets the question again with an explanation and an example;
        a second is taken as "I don't know". The warning-sign screen is never
        skipped: a first unclear answer (a bare "yes") gets "Which one?" with a
        button per sign; a second is acted on as a warning sign by the Rasa
        server's WarningSignPolicy. Returns the events and whether to ask the
        question again."""
        count = int(tracker.get_slot(UNCLEAR_SLOT) or 0) + 1
        if asked == "red_flags":
            if _says_yes(tracker):  # "yes" without saying which sign
                dispatcher.utter_message(text=WHICH_SIGN, buttons=QUESTIONS[asked].button_dicts())
                return [SlotSet(UNCLEAR_SLOT, count)], False
            dispatcher.utter_message(text=f"{DID_NOT_UNDERSTAND} {QUESTIONS[asked].explanation}")
            return [SlotSet(UNCLEAR_SLOT, count)], True
        if count >= 2:
            dispatcher.utter_message(text=SKIP_QUESTION)
            return [SlotSet(asked, UNKNOWN), SlotSet(UNCLEAR_SLOT, 0)], True
        dispatcher.utter_message(text=f"{DID_NOT_UNDERSTAND} {QUESTIONS[asked].explanation}")
        return [SlotSet(UNCLEAR_SLOT, count)], True

    # -- extraction and validation of single findings -------------------
    async def extract_red_flags(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot(REQUESTED_SLOT) != "red_flags" or not _just_answered(tracker):
            return {}  # e.g. the "no" that answered a confirming question is not "none of these"
        mentioned = sorted(
            {
                e.get("value")
                for e in tracker.latest_message.get("entities", [])
                if e.get("entity") == "warning_sign" and e.get("value") in FEATURES
            }
        )
        if mentioned:
            return {"red_flags": sorted(set(tracker.get_slot("warning_features") or []) | set(mentioned))}
        # "none of these", or every sign denied in words ("no fever, my bladder is fine")
        denied_all = any(
            e.get("entity") == "warning_sign" and e.get("value") == "none"
            for e in tracker.latest_message.get("entities", [])
        )
        unsure = any(
            e.get("entity") == "answer" and e.get("value") == "unknown"
            for e in tracker.latest_message.get("entities", [])
        )
        if (_intent(tracker) == "deny" or denied_all) and not unsure:  # "no idea" is not "none of these"
            return {"red_flags": []}
        return {}

    def validate_red_flags(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not isinstance(value, list):
            return {"red_flags": None}
        return {"red_flags": [v for v in value if v in FEATURES]}

    def validate_numbness_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"numbness_area": _canonical("numbness_area", NUMBNESS_OF_LOCATION.get(value, value))}

    def validate_duration_weeks(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"duration_weeks": _canonical("duration_weeks", value)}

    def __getattr__(self, name: str) -> Any:
        """`validate_<finding>` for every other categorical finding: canonical values only."""
        slot = name[len("validate_") :] if name.startswith("validate_") else None
        if slot in VALUES:
            return lambda value, dispatcher, tracker, domain: {slot: _canonical(slot, value)}
        raise AttributeError(name)


def _intent(tracker: Tracker) -> str:
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")


def _interrupts(tracker: Tracker) -> bool:
    """A question, a greeting, "start over"…: not an answer; the form rejects and a rule answers it."""
    intent = _intent(tracker)
    return intent in INTERRUPTION_INTENTS or intent.startswith(INTERRUPTION_PREFIXES)


def _says_yes(tracker: Tracker) -> bool:
    entities = tracker.latest_message.get("entities", [])
    return _intent(tracker) == "affirm" or any(
        e.get("entity") == "answer" and e.get("value") == "yes" for e in entities
    )


def _answers_another_question(tracker: Tracker, asked: str) -> bool:
    """A bare yes/no whose words name other findings but not the one asked."""
    named = {e.get("entity") for e in tracker.latest_message.get("entities", [])}
    return (
        _intent(tracker) in YES_NO_INTENTS
        and asked not in named
        and asked != "red_flags"
        and bool(named & set(ALL_FINDINGS))
    )


def _with_yes_no_answer(tracker: Tracker, asked: str, events: list[EventType]) -> list[EventType]:
    """The answer to a yes/no question read from how the reply starts (components/answers.py):
    it wins over the intent classifier ("yep, running is a no-go now" is yes) and over a
    mention of the question's topic; a reply that asks back ("at night?") answers nothing."""
    entities = tracker.latest_message.get("entities", [])
    reply = next((e.get("value") for e in entities if e.get("entity") == "answer"), None)
    if reply not in YES_NO_ANSWERS[asked] and reply != "question":
        return events
    # The reader found the finding itself ("I'm diabetic, is that bad?"): it stands, unless an
    # answer word standing apart says otherwise ("No, it's fine in bed" is no, though "in bed"
    # names night symptoms; "Definitely not. Mornings are the only time it doesn't hurt").
    read = next((e.get("value") for e in entities if e.get("entity") == asked), None)
    if read is not None and (reply == "question" or YES_NO_ANSWERS[asked].get(reply) in (read, UNKNOWN)):
        return events
    value = YES_NO_ANSWERS[asked].get(reply)
    tracker.slots[asked] = value
    return [e for e in events if not (e.get("event") == "slot" and e.get("name") == asked)] + [SlotSet(asked, value)]


def _with_dont_know(tracker: Tracker, asked: str, events: list[EventType]) -> list[EventType]:
    """ "No idea mate", "dunno, the whole heel's sore, can't say which side": "I don't know" to
    any other question, when nothing in the words answers it (the intent classifier may not say so).
    Never to the safety check: "not sure" there is no "none of these"."""
    entities = tracker.latest_message.get("entities", [])
    if any(e.get("entity") == asked for e in entities) or tracker.get_slot(asked) is not None or _interrupts(tracker):
        return events
    if not any(e.get("entity") == "answer" and e.get("value") == UNKNOWN for e in entities):
        return events
    tracker.slots[asked] = UNKNOWN
    return [e for e in events if not (e.get("event") == "slot" and e.get("name") == asked)] + [SlotSet(asked, UNKNOWN)]


def _just_answered(tracker: Tracker) -> bool:
    """Did the person just reply? Rasa hands validation a tracker that already
    ends with the form's own ActionExecuted, so look past it."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") != FORM:
            return event.get("name") == "action_listen"
    return False


def _canonical(slot: str, value: Any) -> Any | None:
    return normalise({slot: value})[slot]
