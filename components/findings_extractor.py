"""Rasa NLU component: findings from free text, as entities, on every message."""

from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional
from zoneinfo import ZoneInfo

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import settings

from .answers import answer, is_question
from .clinical_text import DISMISSED_SIGN, ClinicalTextReader

# A message attribute (not an entity): the warning-sign features the rules read and set aside.
DISMISSED_SIGNS = "dismissed_signs"
ANSWER = "answer"


def clinic_zone(environ: Optional[Mapping[str, str]] = None) -> ZoneInfo:
    """CLINIC_TIMEZONE (settings/): what "today" is for a message; a clear error if unknown."""
    return ZoneInfo(
        settings.load(environ).clinic_timezone
    )  # how the message answers a yes/no question: yes, no, unknown, or question


MAX_CHARS = 2000  # longer texts are read up to here (the channel limits length anyway)
# A question ("what's a Tinel test?") or chitchat mentions symptoms without
# reporting them: keep only warning signs, which are never ignored.
QUESTION_INTENT_PREFIXES = ("ask_", "chitchat_")
QUESTION_CONFIDENCE = 0.6  # below this, "a dull ache really" is an answer, not a question


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ClinicalFindingsExtractor(GraphComponent):
    """Adds an entity per finding read by the rule-based `ClinicalTextReader`.

    Deterministic and independent of the intent classifier: warning signs are
    found whatever intent the message is given.
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"pipeline_path": None}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._reader = ClinicalTextReader(config.get("pipeline_path"))
        # "since Boxing Day" is read against the clinic's today (the front desk's time zone)
        self._zone = clinic_zone()

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ClinicalFindingsExtractor":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # empty, or a button payload / intent shortcut
            intent = message.get(INTENT) or {}
            question = (
                str(intent.get(INTENT_NAME_KEY) or "").startswith(QUESTION_INTENT_PREFIXES)
                and (intent.get(PREDICTED_CONFIDENCE_KEY) or 0) >= QUESTION_CONFIDENCE
            )
            findings = self._reader.read(text[:MAX_CHARS], today=datetime.now(self._zone).date())
            # For the second reader (SuspectedSignExtractor): signs read and set aside here.
            message.set(DISMISSED_SIGNS, sorted({str(f.value) for f in findings if f.name == DISMISSED_SIGN}))
            found = [
                {
                    "entity": f.name,
                    "value": f.value,
                    "start": f.start,
                    "end": f.end,
                    "confidence_entity": 1.0,
                    "extractor": self.__class__.__name__,
                }
                for f in findings
                if f.name != DISMISSED_SIGN and (not question or f.name == "warning_sign")
            ]
            reply = self._answer(text, found)
            if reply:
                found.append(
                    {
                        "entity": ANSWER,
                        "value": reply,
                        "start": 0,
                        "end": len(text),
                        "confidence_entity": 1.0,
                        "extractor": self.__class__.__name__,
                    }
                )
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    @staticmethod
    def _answer(text: str, found: List[Dict[str, Any]]) -> Optional[str]:
        """yes / no / unknown when the message starts (or ends) with one, standing apart
        from any finding it names ("no back pain" is about back pain); "question" for a
        reply that asks back ("at night?")."""
        if is_question(text):
            return "question"
        reply = answer(text)
        named = [f for f in found if f["entity"] != "warning_sign"]
        if reply is None or not (reply.apart or not named):
            return None
        return reply.value
