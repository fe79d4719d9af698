"""What was understood, in plain words (heel/summary.py), and where it is
shown: the reply to the opening description (components/nlg.py) and the outcome,
first given and after a correction (actions/assessment_action.py). No servers."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.assessment_action import ActionAssess
from components.nlg import ClinicNLG
from heel.findings import ALL_FINDINGS, VALUES
from heel.summary import how_to_correct, noted, phrases


def test_the_opening_description_in_plain_words():
    findings = {
        "pain_character": "burning",
        "pain_location": "inner_heel",
        "worse_with_activity": "yes",
        "duration_weeks": 8.67,
        "numbness_area": "none",
    }
    assert noted(findings) == (
        "I noted: burning pain, on the inner side of the heel, no numbness or tingling, "
        "worse with activity, for about 9 weeks."
    )


@pytest.mark.parametrize(
    "name, value, phrase",
    [
        ("first_step_pain", "yes", "worst with the first steps in the morning"),
        ("first_step_pain", "no", "not worst with the first steps in the morning"),
        ("back_pain", "no", "no back pain spreading down the leg"),
        ("both_feet", "no", "in one foot"),
        ("diabetes", "yes", "diabetes"),
        ("footwear", "poor", "tight, worn-out or unsupportive shoes"),
        ("red_flags", [], "none of the warning signs"),
        ("red_flags", ["injury"], "the warning signs: a recent injury (fall, landing or twist)"),
        ("duration_weeks", 1.43, "for 10 days"),
        ("duration_weeks", "3", "for 3 weeks"),
        ("numbness_area", "sole_toes", "numbness or tingling in the sole or toes"),
        ("numbness_area", "under_heel", "numbness only on the inner heel"),  # as the form validates it
        ("pain_location", "sole_toes", "in the sole, arch or toes"),
        ("pain_character", "aching", "a deep ache"),
    ],
)
def test_each_finding_has_a_plain_phrase(name, value, phrase):
    assert phrases({name: value}) == [phrase]


def test_every_value_of_every_finding_has_a_phrase_without_slot_names():
    for name in ALL_FINDINGS:
        for value in VALUES.get(name, ()):
            for phrase in phrases({name: value}):
                assert "_" not in phrase and ":" not in phrase, (name, value, phrase)


@pytest.mark.parametrize(
    "findings",
    [
        {},
        {"pain_location": "unknown", "duration_weeks": "unknown"},
        {"pain_character": "tingly"},
        {"red_flags": None, "unclear_answers": 1, "requested_slot": "pain_location"},
    ],
)
def test_nothing_known_notes_nothing(findings):
    assert noted(findings) == ""


def test_unknown_answers_are_left_out():
    assert (
        noted({"pain_character": "sharp", "first_step_pain": "unknown", "back_pain": "no"})
        == "I noted: sharp or stabbing pain, no back pain spreading down the leg."
    )


def test_the_correction_example_fits_what_was_noted():
    assert "under my heel, not the inside" in how_to_correct({"pain_location": "inner_heel"})
    assert "inside of my heel" in how_to_correct({"pain_location": "under_heel"})
    assert how_to_correct({}).startswith("If I got something wrong, just tell me")


# -- where it is shown: the reply to the opening description, and action_assess ----------

ROOT = Path(__file__).resolve().parents[2]
DECIDED = {
    "red_flags": [],
    "pain_location": "inner_heel",
    "pain_character": "burning",
    "numbness_area": "none",
    "first_step_pain": "no",
    "worse_with_activity": "yes",
    "both_feet": "no",
    "back_pain": "no",
    "duration_weeks": 1.43,
    "diabetes": "no",
}


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def reply_to_description(domain, slots: dict[str, Any]) -> str:
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("burning on the inside of my heel", {"name": "inform"}),
    ]
    events += [SlotSet(name, value) for name, value in slots.items()]  # as action_extract_slots sets them
    tracker = DialogueStateTracker.from_events("someone", events, domain.slots)
    return asyncio.run(ClinicNLG(domain=domain).generate("utter_noted_description", tracker, "rest"))["text"]


def test_the_reply_to_the_opening_description_lists_what_was_noted(domain):
    text = reply_to_description(domain, {"pain_location": "inner_heel", "pain_character": "burning"})
    assert text.startswith(
        "Thank you, I noted: burning pain, on the inner side of the heel. If I got something "
        "wrong, just tell me, for example \"it's under my heel, not the inside\". I'll only ask"
    )


def test_a_description_without_findings_is_only_acknowledged(domain):
    assert reply_to_description(domain, {}).startswith("Thank you, I've noted what you described. I'll only ask")


def assess(slots: dict[str, Any]):
    all_slots = {
        name: None
        for name in ALL_FINDINGS
        + ("warning_features", "triage_level", "likely_condition", "reference_code", "outcome_given", "correction")
    }
    all_slots.update(slots)
    tracker = Tracker(
        "someone",
        all_slots,
        {"intent": {"name": "inform"}, "entities": [], "text": "x"},
        [],
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAssess().run(dispatcher, tracker, {}))
    return dispatcher.messages, events, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def titles(messages):
    return [b["title"] for m in messages for b in m.get("buttons") or []]


def test_the_outcome_starts_with_what_was_noted_and_offers_a_correction():
    messages, _, slots = assess(DECIDED)
    assert messages[0]["text"].startswith("I noted: burning pain, on the inner side of the heel, ")
    assert "\n\nThis is a pre-screening, not a diagnosis." in messages[0]["text"]
    assert titles(messages)[0] == "Something's not right"
    assert slots["outcome_given"] is True and slots["correction"] is None


def test_a_correction_gives_the_updated_outcome():
    given = {
        **DECIDED,
        "numbness_area": "sole_toes",
        "outcome_given": True,
        "correction": "sole_toes",
        "triage_level": "self_care",
        "likely_condition": "medial_calcaneal_nerve_entrapment",
        "reference_code": "ABC-123",
    }
    messages, _, slots = assess(given)
    first = messages[0]["text"]
    assert first.startswith("Thank you, I've changed that. I noted:") and "Here is the updated outcome." in first
    assert slots["likely_condition"] == "tarsal_tunnel_syndrome" and slots["reference_code"] == "ABC-123"


def test_a_correction_that_leaves_a_question_open_resumes_the_interview():
    given = {
        **DECIDED,
        "pain_character": "sharp",
        "outcome_given": True,
        "correction": "sharp",
        "triage_level": "self_care",
        "likely_condition": "medial_calcaneal_nerve_entrapment",
    }
    messages, events, slots = assess(given)
    assert "need to ask a little more" in messages[0]["text"]
    assert {"event": "followup", "name": "prescreen_form"} in [{k: e.get(k) for k in ("event", "name")} for e in events]
    assert "triage_level" not in slots


def test_a_warning_sign_stands_whatever_is_corrected():
    given = {
        **DECIDED,
        "duration_weeks": 3,
        "outcome_given": True,
        "correction": "3",
        "warning_features": ["cold_pale_foot"],
        "red_flags": ["cold_pale_foot"],
        "triage_level": "emergency_ambulance",
        "likely_condition": "acute_limb_ischaemia",
    }
    messages, _, slots = assess(given)
    assert len(messages) == 1 and "advice stays the same" in messages[0]["text"]
    assert "999" in messages[0]["text"]
    assert set(slots) == {"correction"}  # the outcome is left as it is


def test_a_warning_sign_outcome_offers_no_correction():
    messages, _, slots = assess({**DECIDED, "warning_features": ["foot_drop"], "red_flags": ["foot_drop"]})
    assert slots["likely_condition"] == "foot_drop"
    assert "Something's not right" not in titles(messages) and "outcome_given" not in slots
