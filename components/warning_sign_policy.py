"""Rasa policy: escalate a warning sign the moment it is mentioned, and resolve
doubt about one with a safe question (clinical reference, sections 2 and 2a).

Runs inside the Rasa server, before any other policy (highest priority), on
every user message whatever its intent and whatever form is active; it needs
no action server. On each message, in this order:

1. **The rules reader saw a sign.** The warning-sign features reported so far
   (slot `warning_features`), with the diabetes and injury findings, match a
   rule: set `triage_level`, `likely_condition` and `red_flags`, stop the
   interview, and reply with the escalation.
2. **A confirming question is waiting** (slot `suspected_sign`): "yes" reports
   the rule's sign and escalates at once; "no" carries on where the interview
   was; anything else asks once more, and a second unclear answer is taken as
   "yes" (doubt never guesses down).
3. **Only the statistical reader saw a sign** (entity `suspected_sign`): ask one
   confirming question in plain words, Yes / No, and hold the interview's
   question until it is answered. When the rules found a sign and the
   statistical reader a more urgent one, the escalation comes first and the
   confirming question about the more urgent sign follows in the same turn.
4. **The screen was answered "yes" without a sign, twice** (the form asked
   "Which one?" after the first): act as for a warning sign, at least
   `emergency`, with the most urgent rule the words could fit.
"""

from typing import Any, Dict, List, Optional, Set

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from clinic.reference import new_reference_code
from heel import warning_signs
from heel.levels import rank

from . import answers
from .rule_policy_base import FixedRulesPolicy

FEATURES_SLOT = "warning_features"
SUSPECTED_SLOT = "suspected_sign"
UNCLEAR_SLOT = "unclear_answers"
FORM = "prescreen_form"
CONFIRM = "utter_confirm_sign"
NOT_CONFIRMED = "utter_sign_not_confirmed"
MAX_ASKS = 2  # no question is asked more than twice
# Requests answered while a confirming question waits (it stays open and is not counted).
INTERRUPTIONS = ("start_over", "delete_data", "human_handoff", "ask_")
# Not answers to the screen: the form rejects these and a rule answers them.
NOT_ANSWERS = (
    "ask_",
    "chitchat_",
    "human_handoff",
    "start_over",
    "delete_data",
    "goodbye",
    "greet",
    "thank",
    "correct",
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class WarningSignPolicy(FixedRulesPolicy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 8, "response": "utter_warning_sign"}

    def predict_action_probabilities(  # noqa: C901 - the four steps of the docstring, a branch each
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        latest = tracker.latest_action_name
        if latest == self.config["response"] and tracker.get_slot(SUSPECTED_SLOT):
            return self._predict(probabilities, domain, CONFIRM)  # a more urgent sign suspected as well
        if latest in (self.config["response"], CONFIRM):
            return self._predict(probabilities, domain, ACTION_LISTEN_NAME)
        if latest == NOT_CONFIRMED:  # back to the interview, or listen after an outcome
            resume = tracker.active_loop_name or not tracker.get_slot("triage_level")
            return self._predict(probabilities, domain, FORM if resume else ACTION_LISTEN_NAME)
        if latest != ACTION_LISTEN_NAME or not tracker.latest_message:
            return self._prediction(probabilities)

        message = tracker.latest_message
        mentioned = {
            e.get("value")
            for e in message.entities
            if e.get("entity") == "warning_sign" and e.get("value") in warning_signs.FEATURES
        }
        known = set(tracker.get_slot(FEATURES_SLOT) or [])
        findings = {"diabetes": tracker.get_slot("diabetes"), "recent_injury": tracker.get_slot("recent_injury")}
        pending = tracker.get_slot(SUSPECTED_SLOT) or None
        confirmation: List[Event] = [SlotSet(SUSPECTED_SLOT, None)] if pending else []

        now = _match(known | mentioned, findings) if mentioned else None
        if pending and _intent(tracker).startswith(INTERRUPTIONS) and not mentioned:
            # "start over", "delete my data", a question: the rules answer it; the question stays open
            return self._prediction(probabilities)
        if pending and (now is None or rank(now.level) > rank(warning_signs.BY_RULE[pending["rule"]].level)):
            # the answer to the confirming question, unless this message itself reports a sign as urgent
            answer = _yes_or_no(tracker)
            if answer == "no":
                return self._predict(
                    probabilities,
                    domain,
                    NOT_CONFIRMED,
                    events=self._remember(known, mentioned),
                    optional=[SlotSet(SUSPECTED_SLOT, None), SlotSet(REQUESTED_SLOT, pending.get("asked"))],
                )
            if answer is None and int(pending.get("tries", 1)) < MAX_ASKS:
                return self._predict(
                    probabilities,
                    domain,
                    CONFIRM,
                    events=self._remember(known, mentioned),
                    optional=[SlotSet(SUSPECTED_SLOT, {**pending, "tries": MAX_ASKS})],
                )
            # yes, or still unclear after asking twice: the sign is taken as reported
            features, confirmed_findings = warning_signs.confirmed(pending["rule"])
            mentioned |= features
            findings.update(confirmed_findings)
            confirmation += [SlotSet(name, value) for name, value in confirmed_findings.items()]

        suspected = _suspected_rule(tracker)
        if not pending and suspected and not _match(known | mentioned, findings):
            if _screen_unclear_again(tracker, mentioned):
                mentioned.add("unclear_warning_sign")
                if warning_signs.BY_RULE[suspected].level == "emergency_ambulance":  # the most urgent fit
                    mentioned |= warning_signs.confirmed(suspected)[0]
            else:
                return self._predict(
                    probabilities,
                    domain,
                    CONFIRM,
                    events=self._remember(known, mentioned),
                    optional=[
                        SlotSet(
                            SUSPECTED_SLOT, {"rule": suspected, "asked": tracker.get_slot(REQUESTED_SLOT), "tries": 1}
                        ),
                        SlotSet(REQUESTED_SLOT, None),
                    ],
                )
        elif not pending and _screen_unclear_again(tracker, mentioned):
            mentioned.add("unclear_warning_sign")

        features = known | mentioned
        events = self._remember(known, mentioned)
        sign = _match(features, findings)
        already_given = sign is not None and tracker.get_slot("likely_condition") == sign.condition
        if sign is None or (already_given and not mentioned):
            return self._prediction(probabilities, events=events)
        escalate: List[Event] = confirmation + [
            SlotSet("red_flags", sorted(features)),
            SlotSet("triage_level", sign.level),
            SlotSet("likely_condition", sign.condition),
            SlotSet("reference_code", tracker.get_slot("reference_code") or new_reference_code()),
        ]
        if tracker.active_loop_name:
            escalate += [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
        if not pending and suspected and rank(warning_signs.BY_RULE[suspected].level) < rank(sign.level):
            # The rules found a sign and the statistical reader a more urgent one ("diabetic, a sore
            # that's gone dark" read as R7, suspected R4): act on the first now, then ask about the second.
            escalate.append(SlotSet(SUSPECTED_SLOT, {"rule": suspected, "asked": None, "tries": 1}))
        return self._predict(probabilities, domain, self.config["response"], events=events, optional=escalate)

    def _predict(
        self,
        probabilities: List[float],
        domain: Domain,
        action: str,
        events: List[Event] = (),
        optional: List[Event] = (),
    ) -> PolicyPrediction:
        """Marked like RulePolicy's loop predictions ("no user" predictions overrule
        all others), so that an active form cannot win over a warning sign; among
        those, this policy's higher priority decides."""
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(
            probabilities, events=list(events), optional_events=list(optional), is_no_user_prediction=True
        )

    @staticmethod
    def _remember(known: Set[str], mentioned: Set[str]) -> List[Event]:
        features = known | mentioned
        return [SlotSet(FEATURES_SLOT, sorted(features))] if features != known else []


def _match(features: Set[str], findings: Dict[str, Any]) -> Optional[warning_signs.WarningSign]:
    return warning_signs.match(features, findings.get("diabetes"), findings.get("recent_injury"))


def _intent(tracker: DialogueStateTracker) -> str:
    return str((tracker.latest_message.intent or {}).get("name") or "")


def _yes_or_no(tracker: DialogueStateTracker) -> Optional[str]:
    """ "yes", "no" or None (unclear) for an answer to a confirming question. "I don't know"
    and "not sure" are unclear, never "no"."""
    text = tracker.latest_message.text or ""
    if text.startswith("/"):
        return {"affirm": "yes", "deny": "no"}.get(_intent(tracker))
    reply = answers.answer(text)
    if reply is not None:
        return reply.value if reply.value in ("yes", "no") else None
    return {"affirm": "yes", "deny": "no"}.get(_intent(tracker))


def _suspected_rule(tracker: DialogueStateTracker) -> Optional[str]:
    found = [
        e
        for e in tracker.latest_message.entities
        if e.get("entity") == "suspected_sign" and e.get("value") in warning_signs.CONFIRMED
    ]
    return max(found, key=lambda e: e.get("confidence_entity") or 0)["value"] if found else None


def _screen_unclear_again(tracker: DialogueStateTracker, mentioned: Set[str]) -> bool:
    """The screen's second unclear answer: "Which one?" was asked after a first one,
    and this answer names no sign and denies none."""
    if tracker.get_slot(REQUESTED_SLOT) != "red_flags" or int(tracker.get_slot(UNCLEAR_SLOT) or 0) < 1:
        return False
    if mentioned or _intent(tracker).startswith(NOT_ANSWERS):
        return False
    reply = answers.answer(tracker.latest_message.text or "")
    if reply is not None and reply.value == "unknown":
        return True  # "I don't know" is not an answer to the screen
    denied = any(
        e.get("entity") == "warning_sign" and e.get("value") == "none" for e in tracker.latest_message.entities
    )
    return not (denied or _intent(tracker) == "deny" or (reply is not None and reply.value == "no"))
