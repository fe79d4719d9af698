"""Faults with real processes: the action server down, hung or restarted."""

import os
import signal
import time

import settings
from tests.support.chat import Conversation

ACTION_TIMEOUT_SECONDS = settings.default("ACTION_TIMEOUT_SECONDS")  # which the test stack keeps


def test_with_the_action_server_down_the_person_gets_an_answer_and_the_interview_resumes(assistant):
    person = Conversation(assistant)
    person.say("hi")
    person.say("none of these")
    asked = person.requested_slot
    assistant.actions.stop()
    try:
        reply = person.say("it burns")
        assert reply.texts, "never silence"
        assert "technical problem" in reply.text and "999" in reply.text
        # a warning sign is still escalated without the action server
        assert person.slots()["triage_level"] is None
    finally:
        assistant.actions.start().wait_ready()
    reply = person.say("it burns, on the inside of my heel")
    assert person.slots()["pain_character"] == "burning", str(person)
    assert person.requested_slot not in (None, asked), str(person)
    assert reply.texts and "technical problem" not in reply.text


def test_a_greeting_while_the_action_server_is_down_is_answered_then_resumed(assistant):
    person = Conversation(assistant)
    assistant.actions.stop()
    try:
        reply = person.say("hello")
        assert "not a diagnosis" in reply.text  # the greeting needs no action server
        assert "technical problem" in reply.text
    finally:
        assistant.actions.start().wait_ready()
    reply = person.say("sorry, are you there?")
    assert "safety check" in reply.text, str(person)
    assert person.requested_slot == "red_flags"


def test_a_hung_action_server_gets_an_apology_in_bounded_time_and_the_interview_resumes(assistant):
    """SIGSTOP: the action server accepts connections but never answers."""
    person = Conversation(assistant)
    person.say("hi")
    person.say("none of these")
    os.killpg(assistant.actions.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        reply = person.say("it burns")
        waited = time.monotonic() - started
        assert "technical problem" in reply.text, str(person)
        assert waited < ACTION_TIMEOUT_SECONDS + 10, f"answered after {waited:.1f} s"
        # warning signs never wait for the action server
        started = time.monotonic()
        reply = person.say("my foot has suddenly gone white and cold")
        assert reply.assessment and reply.assessment["triage_level"] == "emergency_ambulance", str(person)
        assert "999" in reply.text
        assert time.monotonic() - started < 5
    finally:
        os.killpg(assistant.actions.process.pid, signal.SIGCONT)


def test_after_a_hang_the_interview_resumes_where_it_was(assistant):
    person = Conversation(assistant)
    person.say("hi")
    person.say("none of these")
    asked = person.requested_slot
    os.killpg(assistant.actions.process.pid, signal.SIGSTOP)
    try:
        assert "technical problem" in person.say("it burns").text
    finally:
        os.killpg(assistant.actions.process.pid, signal.SIGCONT)
    reply = person.say("it burns, on the inside of my heel")
    assert person.slots()["pain_character"] == "burning", str(person)
    assert person.requested_slot not in (None, asked), str(person)
    assert "technical problem" not in reply.text
