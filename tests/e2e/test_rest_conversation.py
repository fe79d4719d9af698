"""End to end over REST: the real servers, the trained model."""


def test_greeting_gives_disclaimer_and_starts_with_the_warning_sign_screen(person):
    reply = person.say("hello")
    assert "not a diagnosis" in reply.text
    assert "safety check" in reply.text
    assert person.requested_slot == "red_flags"
    assert any(b["title"] == "None of these" for b in reply.buttons)


def test_a_whole_pre_screening_to_an_outcome(person):
    person.say("hi")
    person.say("none of these")
    person.say("burning on the inside of my heel when I run, no numbness, mornings are fine")
    person.say("only my left foot")
    person.say("no")
    person.say("about 10 days")
    reply = person.say("I'm not diabetic")
    assert reply.assessment, str(person)
    assert reply.assessment["triage_level"] == "self_care"
    assert reply.assessment["likely_condition"] == "medial_calcaneal_nerve_entrapment"
    slots = person.slots()
    assert slots["triage_level"] == "self_care"
    assert slots["pain_location"] == "inner_heel" and slots["numbness_area"] == "none"
    assert "not a diagnosis" in reply.text
