"""What a warning-sign word does not report (a general question about a sign,
"nothing's red"), and what it still does: a sign in the person's own question,
a sign that came back, a sign after "nothing warms it up"."""

import pytest

from components.clinical_text import ClinicalTextReader


@pytest.fixture(scope="module")
def reader():
    return ClinicalTextReader()


def signs(reader, text):
    return {f.value for f in reader.read(text) if f.name == "warning_sign" and f.value != "none"}


@pytest.mark.parametrize(
    "text",
    [
        "Is a red, hot, swollen foot with a fever an emergency?",
        "What does foot drop look like?",
        "nothing's red, just a burning heel",
    ],
)
def test_not_a_sign_now(reader, text):
    assert not signs(reader, text)


@pytest.mark.parametrize(
    "text",
    [
        "is it normal that my toes are blue?",
        "Is it bad that I wet myself this morning?",
        "Why is my foot dragging and slapping the ground?",
        "When I stand up my foot goes white and cold, is that normal?",
        "nothing warms it up, my foot is white and cold",
        "my toes went blue for a few minutes this morning and now they're blue again",
        "I had a fever but it's gone now, my foot is still red hot and swollen",
        "my GP told me to watch for my foot going pale and now it has",
        "I'm diabetic and there's an ulcer on my heel",
    ],
)
def test_still_a_sign(reader, text):
    assert signs(reader, text)


def test_a_sign_in_the_persons_own_question_is_not_a_denial(reader):
    found = {(f.name, f.value) for f in reader.read("nothing warms it up, my foot is white and cold")}
    assert ("warning_sign", "none") not in found


# -- the vocabulary's context cues (heel/vocabulary.yml, `context`) --------------------------
@pytest.mark.parametrize(
    "text",
    [
        # someone else
        "My friend got cellulitis from a blister, which scared me. My heel just burns",
        "my late husband had a diabetic ulcer, so I know to look. My heel aches",
        "my dad's diabetic and his foot went red and hot, that's why I'm asking about mine",
        # over, or a habit of years
        "After the sauna my feet are red and warm, then it goes back to normal",
        "my toes went white in the snow last winter but were fine once I warmed up",
        "a bit of leakage when I sneeze, for years now, nothing new",
        # an ordinary cause
        "numb bum from cycling to work",
        "my feet get cold after swimming",
        # asked about, or feared
        "I'm diabetic and scared of getting an ulcer",
        "I want to ask what foot drop means",
        # denied, by a verb or by an echo
        "I don't have any problem with the toilet or numbness in my buttocks",
        "Foot drop? No. I can stand on my heels fine.",
        "Cellulitis? I doubt it, my heel just aches",
        "Redness is not there. Swelling is not there. Only pain.",
        # he or she, after the person was named; dye; what a pain feels like
        "My brother had Charcot foot, his foot went red, hot and swollen. My feet are fine, I just have heel pain",
        "my toes are red from nail polish lol, my heel hurts",
        "It's a hot, burning sort of pain under my heel",
    ],
)
def test_set_aside_by_its_context(reader, text):
    assert not signs(reader, text)


@pytest.mark.parametrize(
    "text",
    [
        # a carer writing for the patient: "his foot" is the patient's
        "Writing for my father, his foot is pale and cold",
        "My dad is 80. His foot has gone white and cold since lunch",
        "My husband's foot has gone white and cold, what do we do?",
        "I'm worried, my mum's toes have gone blue",
        "FELL DOWN THE STEPS CANT WALK ON IT",
        "yes i have numb between legs like saddle since 2 days and the back pain",
        "I look after my gran who's diabetic, typing this for her. There's a new sore on her heel",
        "yeah mate, foot's gone a weird bluey colour and it's cold",
        "I fell down and now I cannot walk on my foot, my friends carried me home",
        # a denial or a cause stops where the sentence moves on
        "I stepped on a pin and didn't feel it and now there's a little hole in my heel",
        "didn't try, the foot's gone a funny grey colour and it's freezing",
        "I went swimming this morning and my foot is still white and cold now",
        "my foot went white last winter but now my toes are blue",
        # a resolution denied, or an onset that sounds like one
        "my foot is white and cold and won't warm up",
        "the sore on my heel hasn't healed, I'm diabetic",
        "my foot went white after an hour of walking",
        "the numbness down there came back this morning",
    ],
)
def test_still_a_sign_in_its_context(reader, text):
    assert signs(reader, text)


def test_a_carers_report_keeps_the_patients_diabetes(reader):
    carer = {(f.name, f.value) for f in reader.read("Dad is diabetic and has a sore on his heel that has gone black")}
    assert ("diabetes", "yes") in carer and ("warning_sign", "wound") in carer
    # no sign reported: the relative's diabetes is theirs
    assert ("diabetes", "yes") not in {(f.name, f.value) for f in reader.read("No, but my mum is diabetic")}


def test_a_sign_set_aside_is_reported_for_the_second_reader(reader):
    found = {(f.name, f.value) for f in reader.read("no redness, and my mum's foot went white once")}
    assert ("dismissed_sign", "red_hot_swollen") in found and ("dismissed_sign", "cold_pale_foot") in found
    assert not signs(reader, "no redness, and my mum's foot went white once")
    said_twice = {(f.name, f.value) for f in reader.read("my mum's foot went white and now mine has gone white too")}
    assert ("warning_sign", "cold_pale_foot") in said_twice
    assert ("dismissed_sign", "cold_pale_foot") not in said_twice
