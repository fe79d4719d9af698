"""The interview as people have it: interruptions, unclear answers, free text."""
import pytest


def start_interview(person):
    person.say("hello")
    person.say("none of these")
    return person.requested_slot


def test_free_text_fills_several_findings_and_the_form_skips_them(person):
    person.say("hi")
    person.say("no, none of those")
    person.say("burning on the inside of my heel when I run, no numbness, mornings are fine")
    slots = person.slots()
    assert slots["pain_location"] == "inner_heel"
    assert slots["pain_character"] == "burning"
    assert slots["numbness_area"] == "none"
    assert slots["first_step_pain"] == "no"
    assert slots["worse_with_activity"] == "yes"
    assert slots["requested_slot"] not in ("pain_location", "pain_character", "numbness_area")


@pytest.mark.parametrize("question, expected", [
    ("what is tarsal tunnel syndrome?", "tibial nerve"),
    ("can I use ice?", "ice"),
    ("what's a Tinel test?", "tap"),
    ("are you a doctor?", "not a doctor"),
])
def test_a_question_mid_interview_is_answered_and_the_same_question_resumes(person, question, expected):
    asked = start_interview(person)
    reply = person.say(question)
    assert expected.lower() in reply.text.lower(), str(person)
    assert person.requested_slot == asked
    assert person.slots()[asked] is None  # the question did not answer the interview's question


def test_talk_to_a_person_gives_the_clinic_contact_and_resumes(person):
    asked = start_interview(person)
    reply = person.say("can I talk to a real person please")
    assert "reception" in reply.text.lower()
    assert person.requested_slot == asked


def test_out_of_scope_is_declined_politely(person):
    asked = start_interview(person)
    reply = person.say("can you book me a flight to Spain")
    assert "heel" in reply.text.lower()
    assert person.requested_slot == asked


def test_an_unclear_answer_is_asked_again_then_explained_then_skipped(person):
    asked = start_interview(person)
    first = person.say("purple monkey dishwasher")
    assert "didn't quite get" in first.text
    second = person.say("flibbertigibbet")
    assert "for example" in second.text.lower()
    assert person.requested_slot == asked
    third = person.say("wobble wobble")
    assert "leave that one" in third.text.lower()
    assert person.slots()[asked] == "unknown"
    assert person.requested_slot != asked


def test_the_warning_sign_screen_is_never_skipped_for_unclear_answers(person):
    person.say("hi")
    for _ in range(3):
        reply = person.say("hmm banana")
    assert person.requested_slot == "red_flags"
    assert "need help straight away" in reply.text


def test_i_dont_know_is_an_answer(person):
    asked = start_interview(person)
    person.say("I don't know")
    assert person.slots()[asked] == "unknown"
    assert person.requested_slot != asked


def test_start_over_forgets_everything(person):
    start_interview(person)
    person.say("burning under my heel")
    reply = person.say("start over")
    assert "start again" in reply.text.lower()
    slots = person.slots()
    assert slots["pain_character"] is None and slots["red_flags"] is None


def test_buttons_answer_the_question(person):
    person.say("hi")
    person.say("/deny")
    assert person.slots()["red_flags"] == []
    asked = person.requested_slot
    reply = person.say("/dont_know")
    assert person.slots()[asked] == "unknown"
    assert reply.buttons  # the next question offers choices


def test_yes_or_no_to_an_either_or_question_is_unclear(person):
    start_interview(person)
    person.say("burning on the inside of my heel when I run, no numbness, mornings are fine")
    assert person.requested_slot == "both_feet"
    reply = person.say("yes")  # "both feet, or just one?" - yes to which?
    assert "didn't quite get" in reply.text and "both feet" in reply.text.lower()
    assert person.slots()["both_feet"] is None and person.requested_slot == "both_feet"
    person.say("yeah both")
    assert person.slots()["both_feet"] == "yes"
