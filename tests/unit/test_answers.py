"""How a reply answers a yes/no question (components/answers.py)."""

import pytest

from components.answers import answer, is_question


@pytest.mark.parametrize(
    "text, value",
    [
        ("yes", "yes"),
        ("Yeah, mostly in the evenings", "yes"),
        ("yep it does", "yes"),
        ("y", "yes"),
        ("a little, maybe after long shifts", "yes"),
        ("kinda", "yes"),
        ("sometimes when I'm tired", "yes"),
        ("Definitely. Every single morning", "yes"),
        ("well, yes, now and then", "yes"),
        ("I think so", "yes"),
        ("no", "no"),
        ("Nope, never had that", "no"),
        ("nah mate", "no"),
        ("not really, no", "no"),
        ("not that I know of", "no"),
        ("I don't think so, why?", "no"),
        ("never", "no"),
        ("I tapped it a few times, nothing", "no"),
        ("had a go at it. no", "no"),
        ("not sure", "unknown"),
        ("dunno tbh", "unknown"),
        ("no idea", "unknown"),
        ("haven't tried", "unknown"),
        ("I'd rather not say", "unknown"),
        ("idk", "unknown"),
        # several answer words, interjections, murmurs
        ("Yes definitely, after a long walk it throbs", "yes"),
        ("oh wow yes, like a little shock", "yes"),
        ("mhm", "yes"),
        ("Definitely not. Mornings are the only good time", "no"),
        ("nah mate, never", "no"),
        ("tapped it, nothing happened", "no"),
        ("just tried it and yes, it zings", "yes"),
        # a short echo of the question first, or the answer at the end after "so"
        ("at night? not that I can tell", "no"),
        ("It eases once I get going, so no", "no"),
        # never looked is not no
        ("never checked tbh", "unknown"),
        ("I haven't tried", "unknown"),
        ("I'd rather not try that", "unknown"),
        ("I wouldn't know, I sleep like a log", "unknown"),
        ("He's in a wheelchair most of the time, so I can't say", "unknown"),  # the last clause
    ],
)
def test_the_answer_is_read_from_how_the_reply_starts_or_ends(text, value):
    assert answer(text).value == value


@pytest.mark.parametrize(
    "text",
    [
        "it burns",
        "my left foot",
        "noticed it last week",
        "yesterday",
        "nothing else",
        "Yesterday it was worse",
        "notably at night",
    ],
)
def test_words_that_merely_start_like_an_answer_are_not_one(text):
    found = answer(text)
    assert found is None or not found.apart


def test_an_answer_word_apart_from_what_follows_answers_the_question():
    assert answer("no, but my back is stiff").apart
    assert answer("yes and it keeps me up").apart
    assert answer("No it's fine in bed").apart  # a new clause with its own subject
    assert answer("yes, no problem walking").value == "yes"
    assert not answer("no back pain").apart  # names a finding of its own


@pytest.mark.parametrize("text", ["yes and no", "sometimes yes sometimes no", "Yes, no."])
def test_a_reply_that_gives_both_answers_gives_none(text):
    assert answer(text) is None


@pytest.mark.parametrize("text, asks", [("at night?", True), ("my back?", True), ("yes?", False), ("no", False)])
def test_a_reply_that_asks_back_answers_nothing(text, asks):
    assert is_question(text) is asks
