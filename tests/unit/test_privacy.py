"""Privacy without servers: the notice, the retention setting, the deletion action's
checks and words, what a save may write after a deletion, and Rasa's logs above DEBUG.
Deleting data in the database, and the retention purge, are tests/unit/test_data_deletion.py's."""

import asyncio
import logging
from pathlib import Path

import pytest
import structlog
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SlotSet, UserUttered
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import settings
from actions.data_deletion import confirmation, confirmed
from actions.guard import GuardedAction
from clinic import privacy
from components.nlg import ClinicNLG
from components.privacy import erasure, notice_due, redact_personal_data
from tests.support.trackers import session_start, tracker_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


# -- settings and the notice ------------------------------------------------


@pytest.mark.parametrize("value, days", [(None, 30), ("", 30), ("7", 7), (" 365 ", 365)])
def test_retention_days_come_from_the_environment(value, days):
    assert privacy.retention_days({} if value is None else {"RETENTION_DAYS": value}) == days


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "thirty", "30d"])
def test_a_wrong_retention_period_is_refused(value):
    with pytest.raises(ValueError, match="RETENTION_DAYS"):
        privacy.retention_days({"RETENTION_DAYS": value})


def test_the_notice_says_what_why_how_long_and_how_to_delete():
    notice = privacy.notice("Heelwell Clinic", 45)
    for words in (
        "conversation",
        "summary of your answers",
        "Heelwell Clinic",
        "prepare for your visit",
        "45 days",
        '"delete my data"',
    ):
        assert words in notice


def test_the_notice_is_due_until_something_was_said_in_the_session(domain):
    opening = session_start() + [UserUttered("hi", {"name": "greet"})]
    assert notice_due(tracker_of(domain, opening))
    assert not notice_due(tracker_of(domain, opening + [ActionExecuted("utter_greet"), BotUttered("Hello")]))
    restarted = opening + [
        BotUttered("Hello"),
        Restarted(),
        ActionExecuted("action_listen"),
        UserUttered("my heel burns", {"name": "inform"}),
    ]
    assert notice_due(tracker_of(domain, restarted))


def generate(domain, action, events):
    return asyncio.run(ClinicNLG(domain=domain).generate(action, tracker_of(domain, events), "rest"))


def test_the_first_reply_of_a_session_carries_the_notice_after_what_it_says(domain, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "45")
    first = session_start() + [UserUttered("burning heel", {"name": "inform"})]
    text = generate(domain, "utter_noted_description", first)["text"]
    assert text.startswith("Thank you, I've noted")
    assert text.endswith(privacy.notice(settings.default("CLINIC_NAME"), 45))
    later = first + [ActionExecuted("utter_noted_description"), BotUttered(text)]
    assert privacy.NOTICE[:20] not in generate(domain, "utter_noted_description", later)["text"]


def test_the_greeting_has_the_notice_once(domain):
    text = generate(domain, "utter_greet", session_start() + [UserUttered("hi", {"name": "greet"})])["text"]
    assert text.count(privacy.notice(settings.default("CLINIC_NAME"), settings.default("RETENTION_DAYS"))) == 1


def test_an_escalation_comes_before_the_notice(domain):
    events = session_start() + [
        UserUttered("my foot went white and cold", {"name": "inform"}),
        SlotSet("triage_level", "emergency_ambulance"),
        SlotSet("likely_condition", "acute_limb_ischaemia"),
        SlotSet("reference_code", "ABC-123"),
    ]
    text = generate(domain, "utter_warning_sign", events)["text"]
    assert text.startswith("⚠️ Please call 999 now")
    assert text.index("999") < text.index(privacy.NOTICE[:20])


def test_the_deletion_question_does_not_carry_the_notice(domain):
    text = generate(domain, "utter_ask_delete_data", session_start() + [UserUttered("delete my data")])["text"]
    assert privacy.NOTICE[:20] not in text


# -- the deletion action's checks and words -----------------------------------


def as_dicts(events):
    return [event.as_dict() for event in events]


def test_only_a_yes_to_the_latest_deletion_question_confirms():
    asked = [ActionExecuted("utter_ask_delete_data"), BotUttered("Delete?"), ActionExecuted("action_listen")]
    yes, no = UserUttered("/affirm", {"name": "affirm"}), UserUttered("no", {"name": "deny"})
    assert confirmed(as_dicts(asked + [yes, ActionExecuted("action_delete_data")]))
    assert not confirmed(as_dicts(asked + [no]))
    assert not confirmed(as_dicts([yes]))  # a yes to something else
    # a retry after a technical problem: the yes came before it
    retry = asked + [
        yes,
        ActionExecuted("action_delete_data"),
        ActionExecuted("utter_action_server_unavailable"),
        BotUttered("Sorry"),
        ActionExecuted("action_listen"),
        UserUttered("hello?", {"name": "greet"}),
    ]
    assert confirmed(as_dicts(retry))


def test_the_confirmation_names_the_records_and_the_clinic_copy():
    values = {"clinic_name": "Heelwell", "clinic_contact": "0123 456"}
    text = confirmation(privacy.Deleted(40, ["ABC-123"]), values)
    assert "ABC-123" in text and "Heelwell" in text and "0123 456" in text
    assert "no pre-screening record" in confirmation(privacy.Deleted(3, []), values)


# -- what a save writes -------------------------------------------------------


def test_no_erasure_in_an_ordinary_conversation():
    events = session_start() + [UserUttered("hi"), ActionExecuted("utter_greet")]
    assert erasure(events) is None


def test_the_erasure_is_the_restart_after_delete_my_data():
    old = session_start() + [UserUttered("burning inner heel"), BotUttered("noted")]
    turn = [
        UserUttered("/affirm", {"name": "affirm"}),
        ActionExecuted("action_delete_data"),
        BotUttered("Done"),
        Restarted(),
    ]
    assert erasure(old + turn + session_start()) == len(old) + len(turn) - 1


def test_starting_over_is_no_erasure():
    events = session_start() + [
        UserUttered("start over"),
        ActionExecuted("utter_starting_over"),
        BotUttered("OK"),
        ActionExecuted("action_restart"),
        Restarted(),
    ]
    assert erasure(events) is None


# -- logs ---------------------------------------------------------------------


def test_rasa_log_values_that_can_hold_personal_data_are_hidden_above_debug():
    event = {"event": "rest.message.received.failure", "text": "my heel burns", "sender": "x"}
    assert redact_personal_data(None, "error", dict(event))["text"] != "my heel burns"
    assert redact_personal_data(None, "error", dict(event))["sender"] == "x"
    assert redact_personal_data(None, "debug", dict(event))["text"] == "my heel burns"


class Failing(GuardedAction):
    def name(self):
        return "action_failing"

    async def act(self, dispatcher, tracker, domain):
        return float(tracker.latest_message["text"])  # ValueError quoting the text


def test_a_failed_action_is_logged_without_what_the_person_typed(caplog):
    tracker = Tracker("someone", {}, {"text": "my heel burns like fire"}, [], False, None, {}, "action_listen")
    with caplog.at_level(logging.INFO):
        asyncio.run(Failing().run(CollectingDispatcher(), tracker, {}))
    assert "ValueError" in caplog.text and "test_privacy.py" in caplog.text
    assert "heel burns" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        asyncio.run(Failing().run(CollectingDispatcher(), tracker, {}))
    assert "heel burns" in caplog.text  # at DEBUG, all of it


def test_the_rasa_server_hides_them_once_installed_at_start():
    from components import rasa_internals

    rasa_internals.install(10.0)
    rasa_internals.install(10.0)
    assert structlog.get_config()["processors"].count(redact_personal_data) == 1
