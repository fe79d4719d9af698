"""Rasa policy: never leave a person in silence when the action server fails.

Stock Rasa logs a failed custom action ("Bot will continue, but the actions
events are lost") and the person gets nothing. A failed custom action is
recognisable in the tracker: its ActionExecuted event is the last event (a
successful run always returns events). This policy then answers with
`utter_action_server_unavailable` (an apology that still safety-nets), and
on the person's next message it runs the failed action again, so the
interview resumes where it was once the action server is back.

Rasa 3.6 waits up to 5 minutes for the action server; `rasa_internals`, installed
at start by scripts/rasa_cli.py, lowers that to ACTION_TIMEOUT_SECONDS (default 10).
"""

import logging
from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from .rule_policy_base import FixedRulesPolicy

logger = logging.getLogger(__name__)
RETRY_SLOT = "interrupted_action"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class ActionFailurePolicy(FixedRulesPolicy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 7, "response": "utter_action_server_unavailable"}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        response = self.config["response"]
        last = tracker.events[-1] if tracker.events else None
        # user_actions also lists the responses: only actions run by the action server count
        custom_actions = {a for a in domain.user_actions if a not in domain.responses} | set(domain.form_names)

        def predict(action: str, events: Optional[List] = None) -> PolicyPrediction:
            probabilities[domain.index_for_action(action)] = 1.0
            return self._prediction(probabilities, optional_events=events or [], is_no_user_prediction=True)

        if isinstance(last, ActionExecuted) and last.action_name in custom_actions:
            logger.warning(
                "Custom action '%s' failed: telling the person and retrying on the next message", last.action_name
            )
            return predict(response, [SlotSet(RETRY_SLOT, last.action_name)])
        if tracker.latest_action_name == response:
            return predict(ACTION_LISTEN_NAME)
        failed = tracker.get_slot(RETRY_SLOT)
        if failed and _after_user(tracker):
            return predict(failed, [SlotSet(RETRY_SLOT, None)])
        return self._prediction(probabilities)


def _after_user(tracker: DialogueStateTracker) -> bool:
    """True right after a user message (slot events from extraction may follow it)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False
