"""Faults with real processes: the action server down or restarted."""
from tests.support.chat import Conversation


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
