"""The statistical second reader for warning signs (components/sign_classifier.py)
and its Rasa component (components/suspected_sign_extractor.py).

Fast: one fit on the training part of the corpus (a few seconds); the held-out
part is never read here (scripts/evaluate_signs.py --heldout reports on it).
"""

from pathlib import Path

import numpy as np
import pytest

from components import sign_classifier as sc

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "train" / "signs.yml"
NLU = ROOT / "data" / "nlu"

SIGNS = [
    ("my foot went cold and white an hour ago and my toes are blue", "R1"),
    ("I've wet myself twice today and I can't feel my bum", "R2"),
    ("I fell off a ladder yesterday and now I can't put any weight on my foot", "R5"),
    ("my foot keeps slapping the ground and I can't lift my toes", "R9"),
]
ORDINARY = [
    "no fever, my foot is a normal colour",
    "it burns on the inside of my heel when I run",
    "yes",
    "I don't know",
    "hello",
    "about three weeks",
    "/affirm",
]


@pytest.fixture(scope="module")
def classifier() -> sc.SignClassifier:
    texts, labels = sc.training_examples(CORPUS)
    negatives = sc.nlu_negatives(NLU) if sc.DEFAULT_NEGATIVES else []
    return sc.SignClassifier().fit(texts, labels, negatives, sc.DEFAULT_NEGATIVES or sc.NONE)


def test_training_examples_reads_the_corpus():
    texts, labels = sc.training_examples(CORPUS)
    assert len(texts) == len(labels) > 500
    assert set(labels) == set(sc.RULES) | {sc.NONE}
    assert all(isinstance(t, str) and t for t in texts)


def test_nlu_negatives_are_plain_texts():
    negatives = sc.nlu_negatives(NLU)
    assert len(negatives) > 100
    assert not any(t.startswith("- ") or "](" in t for t in negatives)


def test_normalise():
    assert sc.normalise("I CAN\u2019T feel it, sooooo numb!!!") == "i can't feel it, soo numb!!"
    assert "neg_fever" in sc.mark_negation("no fever, but red").split()
    assert "neg_red" not in sc.mark_negation("no fever, but red").split()


@pytest.mark.parametrize("text, rule", SIGNS)
def test_flags_an_obvious_sign(classifier, text, rule):
    flagged = classifier.flag(text)
    assert flagged is not None and flagged[0] == rule
    assert flagged[1] >= classifier.threshold


@pytest.mark.parametrize("text", ORDINARY)
def test_does_not_flag_a_look_alike_or_an_ordinary_message(classifier, text):
    assert classifier.flag(text) is None


def test_a_rule_set_aside_by_the_rules_reader_needs_a_confident_suspicion():
    class Scored(sc.SignClassifier):
        def __init__(self, scores):
            super().__init__(threshold=0.13)
            self._fixed = {r: 0.0 for r in sc.RULES} | scores

        def scores(self, text):
            return self._fixed

    doubtful = Scored({"R1": 0.3, "R8": 0.2})
    assert doubtful.flag("x") == ("R1", 0.3)
    assert doubtful.flag("x", set_aside={"R1"}) == ("R8", 0.2)  # the next rule, at the usual threshold
    assert doubtful.flag("x", set_aside={"R1", "R8"}) is None
    confident = Scored({"R1": sc.SET_ASIDE_THRESHOLD + 0.1})
    assert confident.flag("x", set_aside={"R1"}) == ("R1", sc.SET_ASIDE_THRESHOLD + 0.1)


def test_scores_are_probabilities_per_rule(classifier):
    scores = classifier.scores(SIGNS[0][0])
    assert set(scores) == set(sc.RULES)
    assert all(0.0 <= p <= 1.0 for p in scores.values())
    assert sum(scores.values()) <= 1.0 + 1e-9
    assert max(scores, key=scores.get) == "R1"


def test_fast_path_matches_scikit_learn(classifier):
    texts = [t for t, _ in SIGNS] + ORDINARY + ["", "!!!", "zzzz qqqq"]
    expected = classifier.probabilities(texts)
    got = np.array([classifier._row(t) for t in texts])
    assert classifier._fast is not None
    np.testing.assert_allclose(got, expected, atol=1e-6)


def test_persistence_round_trip(classifier, tmp_path):
    path = tmp_path / "model.joblib"
    classifier.save(path)
    loaded = sc.SignClassifier.load(path)
    again = sc.SignClassifier.from_dict(classifier.to_dict())
    for text in [t for t, _ in SIGNS] + ORDINARY:
        assert loaded.scores(text) == pytest.approx(classifier.scores(text))
        assert again.flag(text) == classifier.flag(text)
    assert loaded.threshold == classifier.threshold


def test_unfitted_and_bad_labels():
    with pytest.raises(RuntimeError):
        sc.SignClassifier().scores("anything")
    with pytest.raises(ValueError):
        sc.SignClassifier().fit(["a", "b"], ["R1", "R10"])


# -- the Rasa component ---------------------------------------------------------
def test_component_trains_persists_loads_and_adds_the_entity(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from components.suspected_sign_extractor import ENTITY, SuspectedSignExtractor

    storage = LocalModelStorage(tmp_path)
    resource = Resource("suspected_sign_extractor")
    context = ExecutionContext(GraphSchema({}), node_name="suspected_sign_extractor")
    config = {**SuspectedSignExtractor.get_default_config(), "corpus": str(CORPUS)}
    nlu = TrainingData(
        [Message(data={"text": t, "intent": "affirm"}) for t in ("yes", "yeah", "yep sure")]
        + [Message(data={"text": "hello there", "intent": "greet"})]
    )

    trained = SuspectedSignExtractor.create(config, storage, resource, context)
    assert trained.train(nlu) == resource
    assert SuspectedSignExtractor.nlu_negatives(nlu) == ["yes", "yeah", "yep sure", "hello there"]

    loaded = SuspectedSignExtractor.load(config, storage, resource, context)
    sign = Message(data={"text": SIGNS[0][0]})
    other = Message(
        data={"text": "no fever, my foot is a normal colour", "entities": [{"entity": "fever", "value": "no"}]}
    )
    button = Message(data={"text": "/affirm"})
    loaded.process([sign, other, button])

    [entity] = sign.get("entities")
    assert entity["entity"] == ENTITY and entity["value"] == "R1"
    assert entity["start"] == 0 and entity["end"] == len(SIGNS[0][0])
    assert entity["extractor"] == "SuspectedSignExtractor"
    assert config["threshold"] <= entity["confidence_entity"] <= 1.0
    assert other.get("entities") == [{"entity": "fever", "value": "no"}]  # untouched
    assert not button.get("entities")

    # the rules reader read the sign's words and set them aside ("my mum's foot went white"):
    # only a confident suspicion is still raised
    set_aside = Message(data={"text": SIGNS[0][0], "dismissed_signs": ["cold_pale_foot"]})
    loaded.process([set_aside])
    confident = loaded._classifier.scores(SIGNS[0][0])["R1"] >= sc.SET_ASIDE_THRESHOLD
    assert any(e["value"] == "R1" for e in set_aside.get("entities") or []) == confident


def test_component_without_a_trained_model_flags_nothing(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message

    from components.suspected_sign_extractor import SuspectedSignExtractor

    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), node_name="x")
    component = SuspectedSignExtractor.load({}, storage, Resource("missing"), context)
    message = Message(data={"text": SIGNS[0][0]})
    component.process([message])
    assert not message.get("entities")


def test_component_retrains_when_the_corpus_changes(tmp_path):
    from components.suspected_sign_extractor import SuspectedSignExtractor

    copy = tmp_path / "signs.yml"
    copy.write_text(CORPUS.read_text(encoding="utf-8"), encoding="utf-8")
    before = SuspectedSignExtractor.fingerprint_addon({"corpus": str(copy)})
    assert SuspectedSignExtractor.fingerprint_addon({"corpus": str(copy)}) == before
    copy.write_text(CORPUS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert SuspectedSignExtractor.fingerprint_addon({"corpus": str(copy)}) != before


def test_component_is_registered_as_a_trainable_entity_extractor():
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    from components.suspected_sign_extractor import SuspectedSignExtractor

    registered = DefaultV1Recipe._from_registry(SuspectedSignExtractor.__name__)
    assert registered.is_trainable
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types


def test_component_in_a_tiny_rasa_pipeline(tmp_path, monkeypatch):
    """Trained and run by Rasa's own graph (about 10 s): registration, training node,
    persistence in the model archive, loading, and the parsed entity."""
    import asyncio

    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))  # not the project's .rasa/cache

    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    (tmp_path / "config.yml").write_text(
        "recipe: default.v1\nlanguage: en\nassistant_id: sign-probe\npipeline:\n"
        "  - name: WhitespaceTokenizer\n  - name: CountVectorsFeaturizer\n"
        "  - name: LogisticRegressionClassifier\n"
        "  - name: components.suspected_sign_extractor.SuspectedSignExtractor\n"
        f"    corpus: {CORPUS}\npolicies: []\n",
        encoding="utf-8",
    )
    (tmp_path / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: affirm\n  examples: |\n    - yes\n    - yeah\n'
        "- intent: greet\n  examples: |\n    - hello\n    - hi there\n",
        encoding="utf-8",
    )
    model = train_nlu(str(tmp_path / "config.yml"), str(tmp_path / "nlu.yml"), str(tmp_path / "models"))
    agent = Agent.load(model)

    parsed = asyncio.run(agent.parse_message(SIGNS[0][0]))
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == [("suspected_sign", "R1")]
    assert not asyncio.run(agent.parse_message("hello"))["entities"]
