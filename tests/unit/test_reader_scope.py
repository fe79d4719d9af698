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


@pytest.mark.parametrize("text", [
    "Is a red, hot, swollen foot with a fever an emergency?",
    "What does foot drop look like?",
    "nothing's red, just a burning heel",
])
def test_not_a_sign_now(reader, text):
    assert not signs(reader, text)


@pytest.mark.parametrize("text", [
    "is it normal that my toes are blue?",
    "Is it bad that I wet myself this morning?",
    "Why is my foot dragging and slapping the ground?",
    "When I stand up my foot goes white and cold, is that normal?",
    "nothing warms it up, my foot is white and cold",
    "my toes went blue for a few minutes this morning and now they're blue again",
    "I had a fever but it's gone now, my foot is still red hot and swollen",
    "my GP told me to watch for my foot going pale and now it has",
    "I'm diabetic and there's an ulcer on my heel",
])
def test_still_a_sign(reader, text):
    assert signs(reader, text)


def test_a_sign_in_the_persons_own_question_is_not_a_denial(reader):
    found = {(f.name, f.value) for f in reader.read("nothing warms it up, my foot is white and cold")}
    assert ("warning_sign", "none") not in found
