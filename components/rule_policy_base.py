"""Base for policies that follow fixed clinical or safety rules: nothing to train."""

from typing import Any, Dict, List

from rasa.core.policies.policy import Policy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates


class FixedRulesPolicy(Policy):
    """A policy whose behaviour is code, not learnt: training stores nothing and
    loading just builds it. Subclasses implement `predict_action_probabilities`."""

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "FixedRulesPolicy":
        return cls(config, model_storage, resource, execution_context)
