"""What was understood, and corrections (docs/dialogue.md), through the real servers.

After the opening description and again before the outcome, the assistant
lists what it noted in plain words. A finding said again replaces the old
one; after the outcome, a correction makes the outcome follow it, in the same
turn. A warning sign's advice is never replaced by a correction.
"""

from tests.support.chat import Conversation

OPENING = "burning on the inside of my heel when I run, no numbness, mornings are fine"
# A typical conversation: the opening description, then one answer per question.
ANSWERS = ["none of these", '/inform{"both_feet": "no"}', "no", "about ten days", "no"]
CORRECT = "/correct"


def typical(person: Conversation):
    """The opening and the answers; returns the replies (the last one has the outcome)."""
    replies = [person.say(OPENING)]
    for answer in ANSWERS:
        assert replies[-1].assessment is None, str(person)
        replies.append(person.say(answer))
    return replies


def test_the_opening_description_is_noted_in_plain_words_with_how_to_correct_it(person):
    reply = person.say("burning on the inside of my heel when I run, no numbness, about 2 months")
    noted = next(t for t in reply.texts if "I noted:" in t)
    for words in (
        "burning pain",
        "on the inner side of the heel",
        "no numbness or tingling",
        "worse with activity",
        "for about 9 weeks",
    ):
        assert words in noted, noted
    assert "If I got something wrong, just tell me" in noted
    assert "_" not in noted.split("I noted:")[1].split(".")[0]  # plain words, no slot values
    assert "safety check" in reply.text  # the first question comes in the same turn
    assert person.requested_slot == "red_flags"


def test_a_typical_conversation_has_no_extra_turn_and_the_outcome_starts_with_what_was_noted(person):
    replies = typical(person)
    assert len(person.transcript) and len(replies) == 1 + len(ANSWERS)  # the opening and the answers
    outcome = replies[-1]
    assert outcome.assessment and outcome.assessment["likely_condition"] == "medial_calcaneal_nerve_entrapment"
    assert outcome.texts[0].startswith(
        "I noted: burning pain, on the inner side of the heel, "
        "no numbness or tingling, not worst with the first steps in the morning"
    )
    for words in (
        "in one foot",
        "for 10 days",
        "no back pain spreading down the leg",
        "no diabetes",
        "none of the warning signs",
    ):
        assert words in outcome.texts[0], outcome.texts[0]
    assert outcome.texts[1].startswith("This is a pre-screening, not a diagnosis.")  # then the outcome
    titles = [b["title"] for b in outcome.buttons]
    assert titles[:2] == ["Something's not right", "Start over"], titles
    assert person.slots()["outcome_given"] is True


def test_a_finding_said_again_during_the_interview_replaces_the_old_one(person):
    person.say("burning on the inside of my heel")
    assert person.slots()["pain_location"] == "inner_heel"
    reply = person.say("actually it's under my heel, not the inside")
    slots = person.slots()
    assert slots["pain_location"] == "under_heel", str(person)
    assert slots["red_flags"] is None and person.requested_slot == "red_flags"  # the screen is not skipped
    assert "safety check" in reply.text
    person.say("none of these")
    reply = person.say("it burns under the heel, no numbness")  # said again, the same
    assert person.slots()["pain_location"] == "under_heel"
    assert reply.buttons or reply.assessment


def test_a_correction_after_the_outcome_changes_the_finding_and_the_outcome(person):
    typical(person)
    assert person.slots()["likely_condition"] == "medial_calcaneal_nerve_entrapment"
    reply = person.say("actually the tingling is in my sole and toes")
    slots = person.slots()
    assert slots["numbness_area"] == "sole_toes"
    assert (slots["likely_condition"], slots["triage_level"]) == ("tarsal_tunnel_syndrome", "consultation")
    assert reply.assessment["likely_condition"] == "tarsal_tunnel_syndrome"
    first = reply.texts[0]
    assert first.startswith("Thank you, I've changed that. I noted:") and "numbness or tingling in the sole" in first
    assert reply.texts[1].startswith("Here is the updated outcome.") and "tarsal tunnel" in reply.texts[1]
    assert "Something's not right" in [b["title"] for b in reply.buttons]
    assert reply.assessment["reference_code"] == slots["reference_code"]  # the same record, updated


def test_something_is_not_right_then_a_typed_correction(person):
    typical(person)
    code = person.slots()["reference_code"]
    ask = person.say(CORRECT)
    assert "What should I change?" in ask.text and "update the outcome" in ask.text
    assert person.slots()["triage_level"] == "self_care"  # nothing changed yet
    reply = person.say("sorry I meant it's been 3 weeks")
    slots = person.slots()
    assert slots["duration_weeks"] == 3
    assert (slots["likely_condition"], slots["triage_level"]) == ("medial_calcaneal_nerve_entrapment", "consultation")
    assert "for 3 weeks" in reply.texts[0] and reply.texts[1].startswith("Here is the updated outcome.")
    assert reply.assessment["triage_level"] == "consultation" and slots["reference_code"] == code


def test_a_correction_that_changes_nothing_says_so(person):
    typical(person)
    reply = person.say("it's under my heel, not the inside")
    assert person.slots()["pain_location"] == "under_heel"
    assert "under the heel" in reply.texts[0] and reply.texts[1].startswith("That doesn't change the outcome.")
    assert person.slots()["likely_condition"] == "medial_calcaneal_nerve_entrapment"


def test_other_messages_after_the_outcome_are_not_corrections(person):
    typical(person)
    assert "welcome" in person.say("thank you").text.lower()
    assert "Tinel" in person.say("What is a Tinel test?").text
    assert person.slots()["triage_level"] == "self_care"


def test_a_warning_sign_is_never_downgraded_by_a_correction(person):
    typical(person)
    escalation = person.say("my foot has suddenly gone cold and white")
    assert person.slots()["triage_level"] == "emergency_ambulance"
    assert "999" in escalation.text
    reply = person.say("sorry I meant it's been 3 weeks")
    slots = person.slots()
    assert (slots["triage_level"], slots["likely_condition"]) == ("emergency_ambulance", "acute_limb_ischaemia")
    assert "advice stays the same" in reply.text and "999" in reply.text
    assert reply.assessment is None  # no new outcome


def test_a_correction_after_an_escalation_keeps_it(person):
    person.say("hi")
    person.say("my foot has suddenly gone white and cold")
    assert person.slots()["triage_level"] == "emergency_ambulance"
    reply = person.say("sorry I meant it's been 3 weeks")
    slots = person.slots()
    assert (slots["triage_level"], slots["likely_condition"]) == ("emergency_ambulance", "acute_limb_ischaemia")
    assert "self-care" not in reply.text.lower()


def test_a_description_given_inside_the_interview_is_summed_up_before_the_next_question(person):
    """The web chat greets first, so a person's description arrives as an answer."""
    person.say("hello")
    person.say("none of these")
    reply = person.say("burning on the inside of my heel when I run, no numbness, mornings are fine")
    assert "I noted" in reply.text and "burning" in reply.text
    assert reply.texts[-1] == "Is it in both feet, or just one?" or reply.buttons  # then the next question
