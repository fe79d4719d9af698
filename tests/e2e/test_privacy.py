"""Privacy through the real servers: the notice on every way in, "delete my
data" (checked in the database), and logs at the default level that carry no
message text or findings.

A Stack of its own (a retention period and clinic name of its own, its own
database and logs)."""

import json
import sqlite3
from pathlib import Path

import pytest

from clinic import privacy
from harness.servers import Stack
from tests.support.chat import Conversation, Reply

CLINIC = "Heelwell Clinic"
NOTICE = privacy.notice(CLINIC, 45)
SAFETY_QUESTION = "First, a safety check"


@pytest.fixture(scope="module")
def stack(model: Path, tmp_path_factory) -> Stack:
    running = Stack(
        model, tmp_path_factory.mktemp("privacy"), extra_env={"RETENTION_DAYS": "45", "CLINIC_NAME": CLINIC}
    ).start()
    yield running
    running.stop()


def rows(stack: Stack, query: str, *parameters) -> list[tuple]:
    with sqlite3.connect(stack.env["TRACKER_DB"]) as connection:
        return connection.execute(query, parameters).fetchall()


def stored(stack: Stack, sender: str) -> list[dict]:
    return [
        json.loads(data) for (data,) in rows(stack, "SELECT data FROM events WHERE sender_id = ? ORDER BY id", sender)
    ]


def records(stack: Stack, sender: str) -> list[str]:
    return [
        code for (code,) in rows(stack, "SELECT reference_code FROM prescreening_records WHERE sender_id = ?", sender)
    ]


def finish_a_prescreening(person: Conversation, words: str) -> Reply:
    person.say("hello")
    person.say("none of these")
    person.say(f"{words}: burning on the inside of my heel when I run, no numbness, mornings are fine")
    for answer in ("only my left foot", "no", "about 10 days", "not diabetic", "no", "no", "no", "no"):
        reply = person.say(answer)
        if reply.assessment:
            return reply
    raise AssertionError(f"no outcome:\n{person}")


# -- the notice ---------------------------------------------------------------


@pytest.mark.parametrize(
    "first_message",
    [
        "hello",  # the greeting (the web page sends /greet)
        "burning on the inside of my heel when I run",  # starting straight away
        '/inform{"pain_location": "inner_heel"}',  # a button (e.g. in an old chat window)
        "what is tarsal tunnel syndrome?",  # a question first
    ],
)
def test_every_way_into_the_interview_shows_the_notice_before_the_first_question(stack, first_message):
    reply = Conversation(stack).say(first_message)
    assert NOTICE in reply.text, reply.text
    assert "45 days" in reply.text and '"delete my data"' in reply.text
    if SAFETY_QUESTION in reply.text:
        assert reply.text.index(NOTICE) < reply.text.index(SAFETY_QUESTION)


def test_the_notice_is_given_once_a_session(stack):
    person = Conversation(stack)
    person.say("hi")
    assert NOTICE not in person.say("burning under my heel").text


def test_an_emergency_as_the_first_message_is_escalated_first_then_the_notice(stack):
    reply = Conversation(stack).say("my foot has suddenly gone white and cold")
    assert reply.assessment["triage_level"] == "emergency_ambulance"
    assert reply.texts[0].startswith("⚠️ Please call 999 now")
    assert reply.text.index("999") < reply.text.index(NOTICE)


def test_what_is_stored_is_answered_with_the_notice(stack):
    reply = Conversation(stack).say("what do you do with my data?")
    assert reply.text.count(NOTICE) == 1 and CLINIC in reply.text


# -- delete my data -------------------------------------------------------------


def ask_to_delete(person: Conversation) -> Reply:
    reply = person.say("delete my data")
    assert "delete your data" in reply.text
    assert {b["payload"] for b in reply.buttons} == {"/affirm", "/deny"}
    return reply


def test_yes_deletes_the_conversation_and_the_record_from_the_database(stack):
    person = Conversation(stack)
    code = finish_a_prescreening(person, "zebrafoot").assessment["reference_code"]
    assert records(stack, person.sender) == [code]
    assert any("zebrafoot" in json.dumps(event) for event in stored(stack, person.sender))

    ask_to_delete(person)
    reply = person.say("/affirm")
    assert "deleted our conversation" in reply.text and code in reply.text
    assert "starting afresh" in reply.text

    assert records(stack, person.sender) == []
    left = stored(stack, person.sender)
    assert [event["event"] for event in left] == ["restart", "action", "session_started", "action"], left
    assert "zebrafoot" not in json.dumps(person.tracker())

    again = person.say("my heel burns")  # a fresh conversation
    assert NOTICE in again.text
    assert person.slots()["triage_level"] is None and person.slots()["pain_location"] is None


def test_no_keeps_everything(stack):
    person = Conversation(stack)
    code = finish_a_prescreening(person, "yakheel").assessment["reference_code"]
    before = stored(stack, person.sender)
    ask_to_delete(person)
    reply = person.say("no")
    assert "haven't deleted anything" in reply.text
    after = stored(stack, person.sender)
    assert after[: len(before)] == before and len(after) > len(before)
    assert records(stack, person.sender) == [code]


def test_no_during_the_interview_resumes_the_same_question(stack):
    person = Conversation(stack)
    person.say("hi")
    person.say("none of these")
    asked = person.requested_slot
    ask_to_delete(person)
    assert person.requested_slot is None  # paused: a yes or no is not an answer to the interview
    reply = person.say("/deny")
    assert "haven't deleted anything" in reply.text
    assert person.requested_slot == asked and person.slots()[asked] is None
    assert not person.slots()["interview_paused"]


def test_yes_during_the_interview_deletes_and_starts_afresh(stack):
    person = Conversation(stack)
    person.say("quaggaheel burning on the inside of my heel")
    ask_to_delete(person)
    reply = person.say("yes")
    assert "no pre-screening record to delete" in reply.text
    assert not any("quaggaheel" in json.dumps(event) for event in stored(stack, person.sender))
    assert person.requested_slot is None and person.slots()["pain_character"] is None


# -- logs ---------------------------------------------------------------------


def test_logs_at_the_default_level_carry_no_message_text_or_findings(stack):
    rasa_log, actions_log = stack.rasa.log_path, stack.actions.log_path
    start = {path: path.stat().st_size for path in (rasa_log, actions_log)}
    person = Conversation(stack)
    finish_a_prescreening(person, "okapiheel")
    findings = {
        value
        for name, value in person.slots().items()
        if isinstance(value, str)
        and value not in ("yes", "no", "none", "unknown")
        and name not in ("requested_slot", "topic", "reference_code")
    }
    urgent = Conversation(stack)
    urgent.say("marmosetfoot: I fell off a ladder and now I can't put any weight on it")
    findings |= {urgent.slots()["likely_condition"], urgent.slots()["triage_level"]}
    assert {"inner_heel", "burning", "self_care", "fracture"} <= findings, findings

    logged = "\n".join(path.read_text(errors="replace")[start[path] :] for path in (rasa_log, actions_log))
    for secret in ("okapiheel", "marmosetfoot", "ladder", *findings):
        assert secret not in logged, f"{secret!r} is in the logs"
