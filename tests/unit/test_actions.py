"""The custom actions on tracker fixtures (no servers)."""

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.assessment_action import ActionAssess
from actions.interview_form import FORM, ValidatePrescreenForm
from heel.findings import FINDINGS

DOMAIN = {
    "slots": {name: {} for name in FINDINGS + ("unclear_answers", "warning_features", "requested_slot")},
    "forms": {FORM: {"required_slots": list(FINDINGS)}},
}


def tracker(
    slots: dict[str, Any],
    intent: str = "inform",
    text: str = "x",
    entities: list | None = None,
    answered: bool = True,
    new_slots: dict[str, Any] = None,
) -> Tracker:
    """A tracker as Rasa sends it to the form's validation action."""
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update(slots)
    all_slots.update(new_slots or {})
    events = [{"event": "action", "name": "action_listen" if answered else "utter_answer"}]
    if answered:
        events.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}})
    # Rasa appends the slot candidates after the form's own ActionExecuted.
    events.append({"event": "action", "name": FORM})
    events += [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
    return Tracker(
        "someone",
        all_slots,
        {"intent": {"name": intent}, "entities": entities or [], "text": text},
        events,
        False,
        None,
        {"name": FORM},
        "action_listen",
    )


def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_the_first_question_is_the_warning_sign_screen_with_buttons():
    messages, slots = run(ValidatePrescreenForm(), tracker({}, answered=False))
    assert slots["requested_slot"] == "red_flags"
    assert "safety check" in messages[-1]["text"] and messages[-1]["buttons"]


def test_none_of_these_clears_the_screen_and_asks_the_next_question():
    messages, slots = run(ValidatePrescreenForm(), tracker({"requested_slot": "red_flags"}, intent="deny"))
    assert slots["red_flags"] == []
    assert slots["requested_slot"] not in (None, "red_flags")
    assert messages[-1]["text"]


@pytest.mark.parametrize(
    "count, expected, unclear_after", [(0, "didn't quite get", 1), (0, "for example", 1), (1, "leave that one", 0)]
)
def test_an_unclear_answer_is_asked_again_with_an_example_then_skipped(count, expected, unclear_after):
    t = tracker({"red_flags": [], "requested_slot": "pain_location", "unclear_answers": count}, text="banana")
    messages, slots = run(ValidatePrescreenForm(), t)
    assert expected in " ".join(m["text"] or "" for m in messages).lower()
    assert slots["unclear_answers"] == unclear_after
    if unclear_after == 0:
        assert slots["pain_location"] == "unknown"


def test_a_question_is_left_to_the_rules_and_the_form_asks_nothing():
    t = tracker({"red_flags": [], "requested_slot": "pain_location"}, intent="ask_ice", text="can I use ice?")
    messages, slots = run(ValidatePrescreenForm(), t)
    assert messages == []
    assert not {k for k in slots if k in FINDINGS or k == "unclear_answers"}


def test_resuming_after_an_interruption_asks_the_same_question_again():
    asked = {
        "red_flags": [],
        "pain_character": "burning",
        "numbness_area": "none",
        "both_feet": "no",
        "back_pain": "no",
        "requested_slot": "pain_location",
    }
    messages, slots = run(ValidatePrescreenForm(), tracker(asked, answered=False))
    assert slots["requested_slot"] == "pain_location"
    assert messages[-1]["text"] == "Where exactly is the pain?"


def test_under_heel_numbness_is_heel_numbness():
    t = tracker({"red_flags": [], "requested_slot": "numbness_area"}, new_slots={"numbness_area": "under_heel"})
    _, slots = run(ValidatePrescreenForm(), t)
    assert slots["numbness_area"] == "inner_heel"


def test_the_assessment_sets_the_outcome_and_sends_the_payload():
    findings = {
        "red_flags": [],
        "pain_location": "under_heel",
        "pain_character": "sharp",
        "numbness_area": "none",
        "first_step_pain": "yes",
        "both_feet": "no",
        "back_pain": "no",
        "duration_weeks": 12,
        "diabetes": "no",
    }
    messages, slots = run(ActionAssess(), tracker(findings, answered=False))
    assert (slots["triage_level"], slots["likely_condition"]) == ("consultation", "plantar_fasciitis")
    payloads = [m["custom"] for m in messages if m.get("custom")]
    assert payloads and payloads[0]["assessment"]["likely_condition"] == "plantar_fasciitis"
    text = " ".join(m["text"] or "" for m in messages)
    assert "not a diagnosis" in text and "Why I think so" in text and "Get help sooner" in text


def test_a_failing_validation_apologises_and_asks_the_same_question_again(monkeypatch):
    import actions.interview_form as form

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(form, "next_question", broken)
    t = tracker({"red_flags": [], "requested_slot": "pain_location"}, text="under my heel")
    messages, slots = run(ValidatePrescreenForm(), t)
    assert "went wrong" in messages[0]["text"] and "999" in messages[0]["text"]
    assert messages[-1]["text"] == "Where exactly is the pain?"
    assert "unclear_answers" in slots  # a slot is set, so the form keeps going instead of rejecting


def test_a_failing_assessment_apologises(monkeypatch):
    import actions.assessment_action as assessment

    monkeypatch.setattr(assessment, "assess_slots", lambda slots: 1 / 0)
    messages, slots = run(ActionAssess(), tracker({}, answered=False))
    assert len(messages) == 1 and "went wrong" in messages[0]["text"]
    assert slots == {}


def test_a_denial_of_another_finding_does_not_answer_the_question_asked():
    t = tracker(
        {"red_flags": [], "pain_character": "burning", "requested_slot": "numbness_area"},
        intent="deny",
        text="no back pain",
        entities=[{"entity": "back_pain", "value": "no"}],
        new_slots={"numbness_area": "none", "back_pain": "no"},
    )
    messages, slots = run(ValidatePrescreenForm(), t)
    assert slots["numbness_area"] is None and slots["back_pain"] == "no"
    assert slots["requested_slot"] == "numbness_area"


def test_every_custom_action_is_guarded():
    """An exception in any custom action becomes an apology (actions/guard.py)."""
    import importlib
    import pkgutil

    from rasa_sdk import Action

    import actions
    from actions.guard import GuardedAction

    for module in pkgutil.walk_packages(actions.__path__, "actions."):  # as rasa-sdk loads them
        importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {c for c in subclasses(Action) if c.__module__.startswith("actions.") and "name" in vars(c)}
    assert len(ours) >= 4
    assert not [c.__name__ for c in ours if not issubclass(c, GuardedAction)]


def test_an_unclear_answer_to_the_screen_asks_which_one_with_a_button_per_sign():
    t = tracker({"requested_slot": "red_flags"}, intent="affirm", text="yes")
    messages, slots = run(ValidatePrescreenForm(), t)
    assert "Which one" in messages[-1]["text"]
    assert len(messages[-1]["buttons"]) == 8
    assert slots["unclear_answers"] == 1 and slots["requested_slot"] == "red_flags"


def test_a_question_asked_twice_is_not_asked_a_third_time_even_after_other_answers():
    twice = {"pain_location": 2, "numbness_area": 2, "first_step_pain": 2, "both_feet": 2}
    asked = {"red_flags": [], "requested_slot": "pain_location", "asked_times": twice}
    t = tracker(
        asked,
        text="it burns",
        entities=[{"entity": "pain_character", "value": "burning"}],
        new_slots={"pain_character": "burning"},
    )
    messages, slots = run(ValidatePrescreenForm(), t)
    skipped = [name for name in twice if slots.get(name) == "unknown"]
    assert skipped, slots  # at least the next question due was one asked twice
    assert slots["requested_slot"] not in twice
    assert "leave that one" in " ".join(m["text"] or "" for m in messages).lower()
