"""The Telegram channel against a fake Bot API, over real HTTP.

Updates are POSTed to the Rasa server's webhook as Telegram would; the bot's
replies are the sendMessage calls the fake Bot API records. The webhook
answers only after the bot has replied, so no waiting is needed.
"""

import asyncio
import itertools
import logging
import time
from typing import Any

import pytest
import requests

from channels.common import LEVEL_LABELS
from channels.telegram import SECRET_HEADER, TelegramChannel
from channels.telegram_bot import TelegramSettings
from harness.servers import free_port
from tests.channels import TELEGRAM_SECRET, TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL
from tests.support.chat import Conversation

_chat_ids = itertools.count(5_000_000 + int(time.time()) % 1_000_000 * 100)
_update_ids = itertools.count(int(time.time()))


def new_chat() -> int:
    return next(_chat_ids)


def post_update(stack, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET) -> requests.Response:
    headers = {} if secret is None else {SECRET_HEADER: secret}
    return requests.post(f"{stack.url}/webhooks/telegram/webhook", json=update, headers=headers, timeout=60)


def text_update(chat_id: int, text: str, chat_type: str = "private") -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat_id, "type": chat_type, "first_name": "Pat"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
        },
    }


def press_update(chat_id: int, sent: dict[str, Any], title: str, query_id: str) -> dict[str, Any]:
    """The callback_query Telegram sends when the person presses `title` under the message `sent`."""
    data = keys(sent)[title]
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": query_id,
            "chat_instance": "42",
            "data": data,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
            "message": {
                "message_id": 77,
                "date": int(time.time()),
                "text": sent["text"],
                "chat": {"id": chat_id, "type": "private"},
                "reply_markup": sent["reply_markup"],
            },
        },
    }


def keys(sent: dict[str, Any]) -> dict[str, str]:
    """Button title -> callback_data of a sent message's inline keyboard."""
    return {k["text"]: k["callback_data"] for row in sent["reply_markup"]["inline_keyboard"] for k in row}


def user_texts(stack, chat_id: int) -> list[str]:
    events = Conversation(stack, sender=str(chat_id)).tracker()["events"]
    return [e.get("text") for e in events if e["event"] == "user"]


def test_set_up_registers_the_webhook_with_the_secret(channels):
    calls = channels.telegram.wait_for("setWebhook", timeout=30)
    assert calls, "the server did not call setWebhook at start-up"
    params = calls[-1].params
    assert params["url"] == TELEGRAM_WEBHOOK_URL
    assert params["secret_token"] == TELEGRAM_SECRET
    assert set(params["allowed_updates"]) >= {"message", "callback_query"}


def test_a_conversation_with_an_inline_keyboard_and_a_button_press(channels):
    chat = new_chat()
    response = post_update(channels.stack, text_update(chat, "hello"))
    assert response.status_code == 200, response.text  # the first update: no "Event loop is closed"

    sent = channels.telegram.sent_messages(chat)
    assert "not a diagnosis" in "\n".join(m["text"] for m in sent)
    question = sent[-1]
    assert "safety check" in question["text"]
    buttons = keys(question)
    assert buttons["None of these"] == "/deny"
    assert all(1 <= len(data.encode()) <= 64 for data in buttons.values())

    response = post_update(channels.stack, press_update(chat, question, "None of these", "query-1"))
    assert response.status_code == 200, response.text
    assert [c.params["callback_query_id"] for c in channels.telegram.calls("answerCallbackQuery")].count("query-1") == 1
    after = channels.telegram.sent_messages(chat)[len(sent) :]
    assert after, "no reply to the button press"
    assert not any("safety check" in m["text"] for m in after)
    assert user_texts(channels.stack, chat) == ["hello", "/deny"]
    conversation = Conversation(channels.stack, sender=str(chat))
    assert conversation.requested_slot != "red_flags"
    assert conversation.tracker()["latest_input_channel"] == "telegram"


def test_a_warning_sign_button_escalates_with_a_readable_summary(channels):
    chat = new_chat()
    assert post_update(channels.stack, text_update(chat, "hi")).status_code == 200
    question = channels.telegram.sent_messages(chat)[-1]
    before = len(channels.telegram.sent_messages(chat))

    response = post_update(channels.stack, press_update(chat, question, "Cold, pale or blue foot", "query-2"))
    assert response.status_code == 200, response.text
    after = [m["text"] for m in channels.telegram.sent_messages(chat)[before:]]
    level = Conversation(channels.stack, sender=str(chat)).slots()["triage_level"]
    assert level in ("emergency_ambulance", "emergency"), after
    summaries = [t for t in after if t.startswith("Summary (not a diagnosis):")]
    assert len(summaries) == 1, after
    assert LEVEL_LABELS[level] in summaries[0]
    assert "{" not in summaries[0]  # no raw JSON


@pytest.mark.parametrize(
    "secret",
    [None, "", "wrong-secret", TELEGRAM_SECRET + "x", TELEGRAM_SECRET[:-1]],
    ids=["missing", "empty", "wrong", "longer", "shorter"],
)
def test_an_update_without_the_right_secret_is_rejected(channels, secret):
    chat = new_chat()
    response = post_update(channels.stack, text_update(chat, "hello"), secret=secret)
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}
    # Nothing came of it: a valid update after it is answered (the channel answers within the
    # request), and the conversation holds that one message only.
    assert post_update(channels.stack, text_update(chat, "hi")).status_code == 200
    assert channels.telegram.sent_messages(chat)
    assert user_texts(channels.stack, chat) == ["hi"]


def test_a_repeated_update_and_a_group_chat_get_no_reply(channels):
    chat = new_chat()
    update = text_update(chat, "hello")
    assert post_update(channels.stack, update).status_code == 200
    count = len(channels.telegram.sent_messages(chat))
    assert count
    assert post_update(channels.stack, update).status_code == 200  # Telegram re-delivering it
    assert len(channels.telegram.sent_messages(chat)) == count

    group = -new_chat()
    assert post_update(channels.stack, text_update(group, "hello", chat_type="group")).status_code == 200
    assert channels.telegram.sent_messages(group) == []


def test_the_output_channel_works_in_every_event_loop_and_shortens_long_payloads(channels):
    """The stock channel bound its Bot to a closed loop; here each loop gets its own Bot."""
    channel = TelegramChannel(TelegramSettings(TELEGRAM_TOKEN, TELEGRAM_SECRET, None, channels.telegram.api_base_url))
    output = channel.get_output_channel()
    long_payload = '/inform{"warning_sign": ["' + "x" * 80 + '"]}'
    chat = new_chat()

    async def send(text: str, close: bool) -> None:
        await output.send_text_with_buttons(
            str(chat), text, [{"title": "Yes", "payload": "/affirm"}, {"title": "Long", "payload": long_payload}]
        )
        if close:
            await channel.bots.close_current()

    asyncio.run(send("first loop", close=False))  # its Bot stays behind, bound to a closed loop
    asyncio.run(send("second loop", close=True))
    sent = channels.telegram.sent_messages(chat)
    assert [m["text"] for m in sent] == ["first loop", "second loop"]
    data = keys(sent[-1])
    assert data["Yes"] == "/affirm"
    assert len(data["Long"].encode()) <= 64 and channel.payloads.decode(data["Long"]) == long_payload


def test_a_failed_webhook_registration_is_logged_and_never_raised(caplog):
    nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    channel = TelegramChannel(TelegramSettings(TELEGRAM_TOKEN, TELEGRAM_SECRET, TELEGRAM_WEBHOOK_URL, nowhere))

    async def register() -> bool:
        try:
            return await channel.register_webhook()
        finally:
            await channel.bots.close_current()

    with caplog.at_level(logging.INFO, logger="channels.telegram"):
        assert asyncio.run(register()) is False
    assert "Telegram: could not register the webhook" in caplog.text
    assert TELEGRAM_TOKEN.split(":")[1] not in caplog.text


@pytest.mark.parametrize(
    "settings, on",
    [
        (TelegramSettings(), False),
        (TelegramSettings(TELEGRAM_TOKEN), False),  # a token without a secret
        (TelegramSettings(TELEGRAM_TOKEN, "not a valid secret!"), False),
        (TelegramSettings("not-a-token", TELEGRAM_SECRET), False),
        (TelegramSettings(TELEGRAM_TOKEN, TELEGRAM_SECRET), True),
    ],
    ids=["nothing", "no secret", "bad secret", "bad token", "complete"],
)
def test_the_channel_is_on_only_when_completely_configured(settings, on):
    channel = TelegramChannel(settings)
    assert channel.enabled is on
    assert (channel.get_output_channel() is not None) is on


def test_telegram_and_slack_are_off_without_their_environment_variables(assistant):
    for name in ("telegram", "slack"):
        response = requests.post(f"{assistant.url}/webhooks/{name}/webhook", json={"update_id": 1}, timeout=10)
        assert response.status_code == 404, name
        assert "not configured" in response.json()["error"]
