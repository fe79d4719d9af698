"""Rasa policy: escalate a warning sign the moment it is mentioned.

Runs inside the Rasa server, before any other policy (highest priority), on
every user message whatever its intent and whatever form is active. It keeps
the warning-sign features reported so far in the `warning_features` slot; when
they (with the diabetes and injury findings) match a rule of the clinical
reference, it sets `triage_level`, `likely_condition` and `red_flags`, stops
the interview and predicts the escalation response. No action server needed.
"""
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from actions.clinical import warning_signs
from clinic.reference import new_reference_code

from .rule_policy_base import FixedRulesPolicy

FEATURES_SLOT = "warning_features"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class WarningSignPolicy(FixedRulesPolicy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 8, "response": "utter_warning_sign"}

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        response = self.config["response"]
        if tracker.latest_action_name == response:
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
            return self._prediction(probabilities, is_no_user_prediction=True)
        if tracker.latest_action_name != ACTION_LISTEN_NAME or not tracker.latest_message:
            return self._prediction(probabilities)

        mentioned = {
            e.get("value") for e in tracker.latest_message.entities
            if e.get("entity") == "warning_sign" and e.get("value") in warning_signs.FEATURES
        }
        known = set(tracker.get_slot(FEATURES_SLOT) or [])
        features = known | mentioned
        remember: List[Event] = [SlotSet(FEATURES_SLOT, sorted(features))] if features != known else []
        sign = warning_signs.match(features, tracker.get_slot("diabetes"), tracker.get_slot("recent_injury"))
        already_given = sign is not None and tracker.get_slot("likely_condition") == sign.condition
        if sign is None or (already_given and not mentioned):
            return self._prediction(probabilities, events=remember)

        probabilities[domain.index_for_action(response)] = 1.0
        escalate: List[Event] = [
            SlotSet("red_flags", sorted(features)),
            SlotSet("triage_level", sign.level),
            SlotSet("likely_condition", sign.condition),
            SlotSet("reference_code", tracker.get_slot("reference_code") or new_reference_code()),
        ]
        if tracker.active_loop_name:
            escalate += [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
        # Marked like RulePolicy's loop predictions ("no user" predictions overrule
        # all others), so that an active form cannot win over an escalation;
        # among those, this policy's higher priority decides.
        return self._prediction(probabilities, events=remember, optional_events=escalate,
                                is_no_user_prediction=True)
