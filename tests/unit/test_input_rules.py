"""The input rules every channel applies (channels/input_rules.py, channels/language.py)."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.input_rules import InputRules, clean
from channels.language import other_language
from heel import lexicon
from settings import SettingsError
from settings import default as default_of

DEFAULT_MAX_MESSAGE_CHARS = default_of("MAX_MESSAGE_CHARS")

RULES = InputRules()

ENGLISH = [
    "my foot is cold and pale",
    "my fooot is coold and paale",
    "foot gone white",
    "cant feel my foot its white",
    "numbness in the saddle area",
    "i hv pain n my heal",
    "burnin heel",
    "tingling heel nite",
    "hurtz wen i wlk",
    "yes",
    "no",
    "nope",
    "idk",
    "2 weeks",
    "about ten days",
    "none of these",
    "hello",
    "hi there",
    "hola",
    "ok",
    "ooh aah eek",
    "plantar fasciitis?",
    "tarsal tunnel syndrome",
    "paresthesia dysesthesia hyperalgesia",
    "ibuprofen naproxen paracetamol",
    "lorem ipsum dolor sit amet",
    "asdfgh qwerty zxcv",
    "👍👍👍",
    "🔥 🦶 😭",
    "<script>alert(1)</script>",
    "'; DROP TABLE events; --",
    "SELECT * FROM users WHERE 1=1",
    "1 OR 1=1",
    "my foot went white и холодная",
]
NOT_ENGLISH = [
    "me duele el talón cuando camino",
    "Hola, tengo dolor en el pie",
    "j'ai mal au talon depuis deux semaines",
    "mein Fuß tut weh wenn ich laufe",
    "Ich habe Schmerzen in der Ferse",
    "dói o calcanhar quando ando",
    "ik heb pijn in mijn hiel",
    "boli mnie pięta",
    "Привет, у меня болит пятка",
    "我的脚后跟疼",
    "かかとが痛い",
    "كعبي يؤلمني",
    "да",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_and_english_looking_messages_pass(text):
    assert other_language(text) is None
    assert RULES.check(text).accepted


@pytest.mark.parametrize("text", NOT_ENGLISH)
def test_clearly_foreign_messages_get_i_only_speak_english(text):
    verdict = RULES.check(text)
    assert not verdict.accepted and verdict.reason == "not_english"
    assert "only speak English" in verdict.reply and "999" in verdict.reply


def test_no_phrase_the_reader_knows_is_ever_refused_as_foreign():
    """Safety: every lexicon phrase (warning signs included), alone or in a short sentence, passes."""
    refused = []
    for phrase, _, _ in lexicon.ENTRIES:
        words = " ".join(token.strip("[]").split("|")[0] for token in phrase.split())
        for text in (words, f"{words} since yesterday", f"j'ai {words}"):
            if other_language(text):
                refused.append(text)
    assert not refused


def test_warning_signs_with_typos_and_noise_pass():
    for text in (
        "my foot is cold and pale",
        "foot is COLD and PALE!!!",
        "my foot\tis cold\nand pale",
        "\u202emy foot is cold and pale",
        "my foot is cold and pale 😱",
        "numb bum cant pee",
    ):
        verdict = RULES.check(text)
        assert verdict.accepted, text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hi\nthere\ttab", "hi there tab"),
        ("  lots   of\r\n\r\nspace  ", "lots of space"),
        ("a\x00b\x07c\x1b[31m", "abc[31m"),
        ("\ud800half a surrogate\udfff", "half a surrogate"),
        ("he\u200bel \u202eover\u202c", "heel over"),
        ("ｆｏｏｔ ｐａｉｎ", "foot pain"),
        ("👨\u200d👩\u200d👧 family", "👨\u200d👩\u200d👧 family"),
        ("\ufeffBOM", "BOM"),
    ],
)
def test_clean(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t\r", "\x00\x01\x02", "\u200b\u200b", "\ud800", "/", "/ //"])
def test_nothing_left_gets_i_did_not_get_any_text(text):
    verdict = RULES.check(text)
    assert verdict.reason == "empty" and "didn't get any text" in verdict.reply


def test_the_length_limit_explains_itself():
    assert RULES.check("a" * DEFAULT_MAX_MESSAGE_CHARS).accepted
    for length in (DEFAULT_MAX_MESSAGE_CHARS + 1, 100_000, 5_000_000):
        verdict = RULES.check("a" * length)
        assert verdict.reason == "too_long"
        assert f"up to {DEFAULT_MAX_MESSAGE_CHARS} characters" in verdict.reply and "999" in verdict.reply
    # Whitespace that cleaning removes does not count.
    assert RULES.check("word " + " " * 3 * DEFAULT_MAX_MESSAGE_CHARS).accepted


def test_the_limit_comes_from_the_environment():
    assert InputRules.from_env({"MAX_MESSAGE_CHARS": "500"}).max_chars == 500
    assert InputRules.from_env({}).max_chars == DEFAULT_MAX_MESSAGE_CHARS
    for bad in ("lots", "-5", "10"):  # unusable: refused, by name
        with pytest.raises(SettingsError, match=f"MAX_MESSAGE_CHARS='{bad}' must be a whole number, at least 100"):
            InputRules.from_env({"MAX_MESSAGE_CHARS": bad})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/affirm", "/affirm"),
        ('/inform{"warning_sign": "cold_pale_foot"}', '/inform{"warning_sign": "cold_pale_foot"}'),
        ("/restart", "/start_over"),
        ("/session_start", "session start"),
        ("/back", "back"),
        ('/inform{"triage_level": "self_care"}', '/inform{"triage_level": "self_care"}'),  # Rasa ignores it
        ("/affirm@0.9", "/affirm@0.9"),
        # not a shortcut: the person's words (Rasa would log them in a warning)
        ("/my foot has gone cold and pale", "my foot has gone cold and pale"),
        ('/inform{"pain_location": "inner', 'inform{"pain_location": "inner'),
        ("/inform[1, 2]", "inform[1, 2]"),
        ("// hello", "hello"),
    ],
)
def test_typed_shortcuts(text, expected):
    assert RULES.check(text).text == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_clean_never_leaves_control_characters_or_surrogates(text):
    out = clean(text)
    assert out == out.strip() and "  " not in out
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Co") for c in out)
    out.encode("utf-8")  # always encodable (a lone surrogate would raise)
    verdict = RULES.check(text)
    assert verdict.accepted or verdict.reply
