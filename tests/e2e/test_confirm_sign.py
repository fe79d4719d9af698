"""A sign only the statistical reader saw gets one confirming question (clinical
reference, 2a): yes escalates at once, no carries on at the same question, an
unclear answer is asked once more and then taken as yes. Here the reader's
entity comes in a button payload, so the dialogue is tested whatever the model
reads; tests/language/ tests what it reads."""


def at_question(person):
    person.say("hello")
    person.say("none of these")
    return person.requested_slot


def test_yes_to_the_confirming_question_escalates_at_once(person):
    asked = at_question(person)
    reply = person.say('/inform{"suspected_sign": "R1"}')
    assert "Just to be safe" in reply.text and "cold, pale" in reply.text
    assert [b["title"] for b in reply.buttons] == ["Yes", "No"]
    reply = person.say("yes")
    slots = person.slots()
    assert slots["triage_level"] == "emergency_ambulance" and slots["likely_condition"] == "acute_limb_ischaemia"
    assert "999" in reply.text
    assert asked is not None


def test_no_carries_on_at_the_same_question(person):
    asked = at_question(person)
    person.say('/inform{"suspected_sign": "R2"}')
    reply = person.say("no")
    assert "carry on" in reply.text
    assert person.requested_slot == asked
    slots = person.slots()
    assert slots["triage_level"] is None and slots["suspected_sign"] is None
    assert slots[asked] is None  # the "no" answered the confirming question, not the interview's


def test_an_unclear_answer_is_asked_once_more_then_taken_as_yes(person):
    at_question(person)
    person.say('/inform{"suspected_sign": "R9"}')
    again = person.say("hmm")
    assert "Just to be safe" in again.text and "lift them" in again.text
    person.say("hmm")
    assert person.slots()["likely_condition"] == "foot_drop"


def test_a_diabetic_sign_confirmed_records_the_diabetes(person):
    at_question(person)
    person.say('/inform{"suspected_sign": "R7"}')
    person.say("yes")
    slots = person.slots()
    assert slots["diabetes"] == "yes" and slots["likely_condition"] == "diabetic_foot_ulcer"


def test_no_after_the_screen_question_is_not_taken_as_none_of_these(person):
    person.say("hello")  # the screen is asked
    person.say('/inform{"suspected_sign": "R2"}')
    person.say("no")
    assert person.requested_slot == "red_flags" and person.slots()["red_flags"] is None


def test_a_more_urgent_suspected_sign_is_asked_about_after_the_escalation(person):
    at_question(person)
    reply = person.say('/inform{"warning_sign": ["wound"], "diabetes": "yes", "suspected_sign": "R4"}')
    assert person.slots()["likely_condition"] == "diabetic_foot_ulcer"  # acted on at once (R7)
    assert "Just to be safe" in reply.texts[-1] and "black" in reply.texts[-1]  # then asked about R4
    person.say("yes")
    slots = person.slots()
    assert slots["triage_level"] == "emergency" and slots["likely_condition"] == "diabetic_foot_infection"


def test_no_to_the_more_urgent_sign_keeps_the_first_escalation(person):
    at_question(person)
    person.say('/inform{"warning_sign": ["wound"], "diabetes": "yes", "suspected_sign": "R4"}')
    person.say("no")
    slots = person.slots()
    assert slots["likely_condition"] == "diabetic_foot_ulcer" and slots["suspected_sign"] is None


def test_start_over_while_a_confirming_question_waits_is_not_taken_as_yes(person):
    at_question(person)
    person.say('/inform{"suspected_sign": "R1"}')
    person.say("start over")
    person.say("start over")
    assert person.slots()["triage_level"] is None
