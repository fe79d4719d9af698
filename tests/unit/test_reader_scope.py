"""What a warning-sign word does not report: a sign that came and went, a
question about a sign, and a sign negated in everyday or dialect words."""
import pytest

from components.clinical_text import ClinicalTextReader


@pytest.fixture(scope="module")
def reader():
    return ClinicalTextReader()


def signs(reader, text):
    return {f.value for f in reader.read(text) if f.name == "warning_sign" and f.value != "none"}


@pytest.mark.parametrize("text", [
    "my toes go white in cold water then back to normal in a minute, the heel is the problem",
    "a red mark from my sandal strap that fades by lunchtime",
    "my backside goes numb on long drives but it wears off",
    "the foot went red in the sauna, fine again after, heel still burns",
    "Can a diabetic foot ulcer cause heel pain? I'm asking for the leaflet",
    "What does foot drop feel like? I don't think I have it",
    "nothing's swollen or red, just a burning heel",
    "me foot nae red, just sore",
])
def test_not_a_sign_now(reader, text):
    assert not signs(reader, text)


@pytest.mark.parametrize("text", [
    "my foot went white an hour ago and it hasn't gone back to normal",
    "toes are blue and it won't go away",
    "my foot is red, hot and swollen and the redness keeps spreading, is that bad?",
    "I'm diabetic and there's an ulcer on my heel",
])
def test_still_a_sign(reader, text):
    assert signs(reader, text)
