"""The interview as people have it: interruptions, unclear answers, free text."""

import pytest

from tests.support import corpus


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


@pytest.mark.parametrize(
    "question, expected",
    [
        ("what is tarsal tunnel syndrome?", "tibial nerve"),
        ("can I use ice?", "ice"),
        ("what's a Tinel test?", "tap"),
        ("are you a doctor?", "not a doctor"),
    ],
)
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


def test_an_unclear_answer_is_asked_again_with_an_example_then_skipped(person):
    asked = start_interview(person)
    first = person.say("purple monkey dishwasher")
    assert "didn't quite get" in first.text and "for example" in first.text.lower()
    assert person.requested_slot == asked
    second = person.say("flibbertigibbet")  # the question was asked twice: no third time
    assert "leave that one" in second.text.lower()
    assert person.slots()[asked] == "unknown"
    assert person.requested_slot != asked


def test_yes_to_the_screen_without_a_sign_gets_which_one_then_the_cautious_advice(person):
    person.say("hi")
    which = person.say("yes")
    assert "Which one" in which.text
    titles = [b["title"] for b in which.buttons]
    assert "None of these" in titles and len(titles) == 8  # a button per listed sign
    assert person.requested_slot == "red_flags"
    reply = person.say("hmm banana")  # still unclear: act as for a warning sign, at least emergency
    slots = person.slots()
    assert slots["triage_level"] == "emergency" and slots["likely_condition"] == "possible_warning_sign"
    assert "999" in reply.text and "cautious advice" in reply.text
    assert reply.assessment["triage_level"] == "emergency"


def test_which_one_answered_with_a_button_escalates_that_sign(person):
    person.say("hi")
    which = person.say("yes, one of them")
    cold = next(b["payload"] for b in which.buttons if b["title"].startswith("Cold"))
    person.say(cold)
    assert person.slots()["triage_level"] == "emergency_ambulance"


def test_which_one_answered_none_carries_on(person):
    person.say("hi")
    person.say("yes")
    person.say("none of these")
    assert person.slots()["red_flags"] == [] and person.slots()["triage_level"] is None
    assert person.requested_slot not in (None, "red_flags")


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


@pytest.mark.parametrize(
    "asked, said, expected",
    [
        ("night_symptoms", "No it's fine in bed", "no"),  # "in bed" names the topic; the answer is no
        ("first_step_pain", "Definitely not. Mornings are the only time it doesn't hurt", "no"),
        ("worse_with_activity", "yes definitely, especially on hard floors", "yes"),  # "hard floors" is not the answer
        ("tinel_sign", "oh wow yes, like a little electric shock", "yes"),
        ("flat_feet", "never checked tbh", "unknown"),
        # "I don't know" to any question, in words the intent classifier may not know
        ("pain_location", "dunno really, the whole heel area's sore, can't say which side", "unknown"),
        ("both_feet", "can't tell, Dad's got dementia, he rubs both of them", "unknown"),
        ("worse_with_activity", "He's in a wheelchair most of the time, so I can't say", "unknown"),
    ],
)
def test_the_answer_word_wins_over_words_about_the_topic(person, asked, said, expected):
    corpus.place(person, {"asked": asked, "context": "mid_interview"})
    person.say(said)
    assert person.slots()[asked] == expected, str(person)
