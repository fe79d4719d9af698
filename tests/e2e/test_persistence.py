"""Conversations live in the tracker store (SQLite by default): a restart loses nothing."""


def test_a_restarted_rasa_server_resumes_the_interview_at_the_same_question(assistant, person):
    person.say("hi")
    person.say("none of these")
    person.say("it burns under my heel")
    before = person.slots()
    asked = before["requested_slot"]
    assert asked

    assistant.restart_rasa()

    after = person.slots()
    assert after["requested_slot"] == asked
    assert {k: after[k] for k in before} == before
    reply = person.say("I don't know")  # the answer goes to the question asked before the restart
    assert person.slots()[asked] == "unknown", str(person)
    assert reply.texts
