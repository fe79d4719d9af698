"""Bad input on the REST channel (channels/rest.py), against the real servers:
never a 5xx, a clear 400 for a malformed request, a clear reply for a person's
odd message, and nothing a person types is treated as anything but text."""

import itertools
import json

import pytest
import requests

import settings
from tests.support.chat import Conversation

DEFAULT_MAX_MESSAGE_CHARS = settings.default("MAX_MESSAGE_CHARS")

_ids = itertools.count()


def webhook(assistant) -> str:
    return f"{assistant.url}/webhooks/rest/webhook"


def new_sender() -> str:
    return f"bad-input-{next(_ids)}"


def post(assistant, body, **kwargs) -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(
        webhook(assistant), data=data, headers={"Content-Type": "application/json"}, timeout=30, **kwargs
    )


def texts(response: requests.Response) -> str:
    assert response.status_code == 200, response.text
    return "\n".join(m.get("text", "") for m in response.json())


@pytest.mark.parametrize(
    "body, complaint",
    [
        (b"not json", "JSON object"),
        (b"\xff\xfe\x00binary", "JSON object"),
        (b"", "JSON object"),
        ("[1, 2]", "JSON object"),
        ('"just a string"', "JSON object"),
        ("null", "JSON object"),
        ({"message": "hi"}, '"sender"'),
        ({"sender": "", "message": "hi"}, '"sender"'),
        ({"sender": None, "message": "hi"}, '"sender"'),
        ({"sender": 123, "message": "hi"}, '"sender"'),
        ({"sender": ["a"], "message": "hi"}, '"sender"'),
        ({"sender": "x" * 129, "message": "hi"}, '"sender"'),
        ({"sender": "tab\there", "message": "hi"}, '"sender"'),
        ({"sender": "new\nline", "message": "hi"}, '"sender"'),
        ({"sender": "nul\u0000", "message": "hi"}, '"sender"'),
        ({"sender": "../../etc/passwd", "message": "hi"}, '"sender"'),
        ({"sender": "<script>", "message": "hi"}, '"sender"'),
        ({"sender": "ok-sender"}, '"message"'),
        ({"sender": "ok-sender", "message": None}, '"message"'),
        ({"sender": "ok-sender", "message": 123}, '"message"'),
        ({"sender": "ok-sender", "message": ["hi"]}, '"message"'),
        ({"sender": "ok-sender", "message": {"text": "hi"}}, '"message"'),
        ({"sender": "ok-sender", "message": "hi", "metadata": "x"}, '"metadata"'),
        ({"sender": "ok-sender", "message": "hi", "metadata": {"x": "y" * 5000}}, '"metadata"'),
    ],
)
def test_a_malformed_request_gets_a_clear_400(assistant, body, complaint):
    response = post(assistant, body)
    assert response.status_code == 400, response.text
    assert complaint in response.json()["error"]


def test_a_body_over_a_megabyte_gets_413(assistant):
    response = post(assistant, {"sender": new_sender(), "message": "a" * (1024 * 1024 + 1)})
    assert response.status_code == 413 and "at most" in response.json()["error"]


@pytest.mark.parametrize("message", ["", "   ", "\n\t\r\n", "\u0000\u0001\u0007", "\u200b"])
def test_an_empty_message_gets_a_clear_reply(assistant, message):
    assert "didn't get any text" in texts(post(assistant, {"sender": new_sender(), "message": message}))


def test_a_100_kb_message_is_not_processed_and_the_limit_is_explained(assistant):
    sender = new_sender()
    reply = texts(post(assistant, {"sender": sender, "message": "my heel burns " * 8000}))
    assert f"up to {DEFAULT_MAX_MESSAGE_CHARS} characters" in reply and "999" in reply
    events = Conversation(assistant, sender).tracker()["events"]
    assert not [e for e in events if e["event"] == "user"]  # Rasa never saw it


def test_another_language_gets_i_only_speak_english(assistant):
    for message in ("me duele el talón cuando camino", "Привет, у меня болит пятка", "我的脚后跟疼"):
        assert "only speak English" in texts(post(assistant, {"sender": new_sender(), "message": message}))


@pytest.mark.parametrize(
    "message",
    [
        "my foot is cold and pale",
        "my fooot is coold and paale",
        "\u202emy foot\u0000 is cold\nand pale \ud83d\ude31",
        "MY FOOT IS COLD AND PALE!!!",
        "my foot is cold and pale, me duele mucho",
        "/my foot is cold and pale",
    ],
)
def test_a_warning_sign_is_escalated_whatever_noise_surrounds_it(person, message):
    reply = person.say(message)
    assert reply.assessment and reply.assessment["triage_level"] == "emergency_ambulance", str(person)


def test_control_characters_binary_and_emoji_are_handled(person):
    reply = person.say("hi \x00\x01\x1b[2J\U0001f9b6\U0001f525 \udcff")
    assert reply.texts
    user = [e for e in person.tracker()["events"] if e["event"] == "user"][-1]
    assert user["text"] == "hi [2J\U0001f9b6\U0001f525"


@pytest.mark.parametrize(
    "message",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)"><b>bold</b>',
        "'; DROP TABLE events; --",
        "Robert'); DELETE FROM prescreening_records WHERE 1=1;--",
        "{{7*7}} ${7*7} <%= 7*7 %>",
    ],
)
def test_markup_and_sql_are_kept_as_plain_text(assistant, message):
    conversation = Conversation(assistant, new_sender())
    conversation.say("hi")
    reply = conversation.say(message)
    assert reply.texts  # answered, as any other text
    user = [e for e in conversation.tracker()["events"] if e["event"] == "user"][-1]
    assert user["text"] == message
    assert "49" not in reply.text
    assert conversation.say("none of these").texts  # the conversation and the database carry on


def test_typed_shortcuts_cannot_set_the_outcome(assistant):
    conversation = Conversation(assistant, new_sender())
    conversation.say("hi")
    conversation.say(
        '/inform{"triage_level": "self_care", "likely_condition": "plantar_fasciitis", '
        '"reference_code": "AAA-BBB", "requested_slot": null}'
    )
    slots = conversation.slots()
    assert slots["triage_level"] is None and slots["likely_condition"] is None
    assert slots["reference_code"] is None
    assert slots["requested_slot"] == "red_flags"  # still at the safety check


def test_a_typed_button_payload_works_like_the_button(person):
    person.say("hi")
    reply = person.say('/inform{"warning_sign": "cold_pale_foot"}')  # what the "Cold, pale or blue foot" button sends
    assert reply.assessment["triage_level"] == "emergency_ambulance"


@pytest.mark.parametrize("shortcut", ["/restart", "/session_start", "/back", "/nonexistent_intent", "/inform{oops"])
def test_no_typed_shortcut_ends_in_silence(person, shortcut):
    person.say("hi")
    assert person.say(shortcut).texts


def test_the_stream_option_still_works(assistant):
    response = requests.post(
        webhook(assistant), params={"stream": "true"}, json={"sender": new_sender(), "message": "hello"}, timeout=30
    )
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert any("safety check" in m.get("text", "") for m in lines)
