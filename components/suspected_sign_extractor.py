"""Rasa NLU component: the statistical second reader for warning signs.

Adds a `suspected_sign` entity (value "R1".."R9", with the classifier's
probability as `confidence_entity`) to a message that probably describes a
warning sign (components/sign_classifier.py). The rules reader
(`ClinicalFindingsExtractor`) stays the first reader; a suspected sign the
rules did not find gets one confirming yes/no question (clinical reference,
section 2a). Trained on `corpus/train/signs.yml` and `corpus/dev/signs.yml` (warning signs and
look-alikes) plus, as ordinary messages that describe no warning sign, the
NLU training examples whose intent is not about warning signs; kept in the
model archive; nothing from the network.
"""

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heel import lexicon

from . import sign_classifier, sign_data
from .findings_extractor import DISMISSED_SIGNS
from .sign_classifier import SignClassifier

logger = logging.getLogger(__name__)

ENTITY = "suspected_sign"
MAX_CHARS = 2000  # as ClinicalFindingsExtractor: longer texts are read up to here
MODEL_FILE = "sign_classifier.joblib"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class SuspectedSignExtractor(GraphComponent):
    """Flags messages that probably describe a warning sign R1..R9."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # the paraphrase corpus files to train on, relative to the current directory
            "corpus": list(sign_classifier.DEFAULT_CORPUS),
            # the most likely rule's probability must reach this to flag it
            "threshold": sign_classifier.DEFAULT_THRESHOLD,
            # train on the NLU examples as ordinary messages (class "none"); chosen by cross-validation
            "nlu_negatives": sign_classifier.DEFAULT_NEGATIVES is not None,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Optional[SignClassifier] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier
        if classifier is not None:
            classifier.threshold = float(self._config["threshold"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SuspectedSignExtractor":
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when the corpus file (read from outside the graph) or the classifier code changes."""
        corpus = config.get("corpus") or sign_classifier.DEFAULT_CORPUS
        return sign_classifier.file_digest(
            *sign_classifier.corpus_paths(corpus), sign_classifier.__file__, sign_data.__file__
        )

    # -- training ------------------------------------------------------------
    def train(self, training_data: TrainingData) -> Resource:
        corpus = sign_classifier.corpus_paths(self._config["corpus"])
        for path in corpus:
            if not path.is_file():
                raise FileNotFoundError(
                    f"{self.__class__.__name__}: warning-sign corpus not found at "
                    f"{path.resolve()} (the path is relative to the current directory)"
                )
        texts, labels = sign_classifier.training_examples(corpus)
        negatives = self.nlu_negatives(training_data) if self._config["nlu_negatives"] else []
        self._classifier = SignClassifier(float(self._config["threshold"])).fit(
            texts, labels, negatives, sign_classifier.DEFAULT_NEGATIVES or sign_classifier.NONE
        )
        self.persist()
        return self._resource

    @staticmethod
    def nlu_negatives(training_data: TrainingData) -> List[str]:
        """The NLU examples whose intent is not about warning signs."""
        return [
            str(m.get(TEXT))
            for m in training_data.intent_examples
            if m.get(TEXT) and not sign_classifier.SIGN_INTENT.search(str(m.get(INTENT)))
        ]

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            self._classifier.save(Path(model_dir) / MODEL_FILE)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SuspectedSignExtractor":
        try:
            with model_storage.read_from(resource) as model_dir:
                classifier = SignClassifier.load(Path(model_dir) / MODEL_FILE)
        except (ValueError, FileNotFoundError) as error:
            logger.warning(
                f"{cls.__name__}: no trained classifier in the model ({error}); no suspected signs will be flagged."
            )
            classifier = None
        return cls(config, model_storage, resource, classifier)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    # -- reading -------------------------------------------------------------
    def process(self, messages: List[Message]) -> List[Message]:
        if self._classifier is None:
            return messages
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # empty, or a button payload / intent shortcut
            # What the rules reader read and set aside ("no redness", "my mum's foot went white")
            # is not raised again by a reader that cannot tell who or when.
            set_aside = lexicon.rules_of_signs(message.get(DISMISSED_SIGNS) or ())
            flagged = self._classifier.flag(text[:MAX_CHARS], set_aside)
            if flagged is None:
                continue
            rule, probability = flagged
            entity = {
                "entity": ENTITY,
                "value": rule,
                "confidence_entity": round(probability, 4),
                "start": 0,
                "end": len(text),
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
