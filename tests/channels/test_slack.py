"""The Slack channel against a fake Slack Web API, over real HTTP.

Events and button clicks are POSTed, signed, to the Rasa server's webhook as
Slack would; the bot's replies are the chat.postMessage calls the fake
records. Slack gets its 200 at once and the replies follow, so tests wait for
them.
"""

import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from channels.slack import slack_signature
from heel.questions import QUESTIONS
from tests.channels import SLACK_SIGNING_SECRET
from tests.support.chat import Conversation


def ids() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10].upper()
    return {"user": f"U{tag}", "channel": f"D{tag}"}


def post(
    stack,
    body: bytes,
    content_type: str,
    secret: str | None = SLACK_SIGNING_SECRET,
    timestamp: int | None = None,
    signature: str | None = None,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    all_headers = {"Content-Type": content_type, **(headers or {})}
    if secret is not None:
        all_headers["X-Slack-Request-Timestamp"] = ts
        all_headers["X-Slack-Signature"] = signature or slack_signature(secret, ts, body)
    return requests.post(f"{stack.url}/webhooks/slack/webhook", data=body, headers=all_headers, timeout=30)


def event(user: str, channel: str, text: str, event_id: str | None = None, **extra: Any) -> bytes:
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"user_id": "U0BOT", "is_bot": True}],
            "event": {
                "type": "message",
                "channel": channel,
                "channel_type": "im",
                "user": user,
                "text": text,
                "ts": f"{time.time():.6f}",
                **extra,
            },
        }
    ).encode()


def click(user: str, channel: str, message: dict[str, Any], title: str) -> bytes:
    """The interactive payload Slack sends when `user` clicks `title` under the posted `message`."""
    button = next(
        e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"] if e["text"]["text"] == title
    )
    payload = {
        "type": "block_actions",
        "trigger_id": f"{uuid.uuid4().int}",
        "api_app_id": "A0APP",
        "team": {"id": "T0TEAM"},
        "user": {"id": user, "username": "pat"},
        "channel": {"id": channel, "name": "directmessage"},
        "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": channel},
        "message": {"type": "message", "ts": "1700000000.000100", "text": message["text"], "blocks": message["blocks"]},
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": "rasa_buttons",
                "text": button["text"],
                "value": button["value"],
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


def with_buttons(params: dict[str, Any]) -> bool:
    return any(b.get("type") == "actions" for b in params.get("blocks") or [])


def wait_for_question(slack, channel: str, count: int = 1) -> list[dict[str, Any]]:
    """The messages posted to `channel`, once `count` of them carry buttons (a question ends each turn)."""
    slack.wait_for(
        "chat.postMessage",
        lambda c: c.params.get("channel") == channel and with_buttons(c.params),
        count=count,
        timeout=30,
    )
    return slack.posts(channel)


def user_texts(stack, user: str) -> list[str]:
    return [e.get("text") for e in Conversation(stack, sender=user).tracker()["events"] if e["event"] == "user"]


JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def only_the_next_message_is_answered(channels, who: dict[str, str]) -> None:
    """Nothing came of what was posted before: a valid message after it is answered, and the
    conversation holds that one message only (Rasa takes a conversation's messages in order)."""
    assert post(channels.stack, event(who["user"], who["channel"], "hi"), JSON).status_code == 200
    wait_for_question(channels.slack, who["channel"])
    assert user_texts(channels.stack, who["user"]) == ["hi"]


def test_url_verification_is_answered(channels):
    body = json.dumps(
        {"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    ).encode()
    response = post(channels.stack, body, JSON)
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_a_signed_message_gets_a_reply_with_block_kit_buttons(channels):
    who = ids()
    started = time.monotonic()
    response = post(channels.stack, event(who["user"], who["channel"], "hello"), JSON)
    assert response.status_code == 200, response.text
    assert time.monotonic() - started < 3  # Slack's limit for acknowledging

    posts = wait_for_question(channels.slack, who["channel"])
    assert "not a diagnosis" in "\n".join(p["text"] for p in posts)
    question = posts[-1]
    section, actions = question["blocks"][0], question["blocks"][-1]
    assert section["type"] == "section" and "safety check" in section["text"]["text"]
    assert actions["type"] == "actions"
    values = {e["text"]["text"]: e["value"] for e in actions["elements"]}
    assert values["None of these"] == "/deny"
    assert len(values) == len(QUESTIONS["red_flags"].buttons) == 8  # all (stock Rasa drops all beyond 5)
    assert "as_user" not in question
    assert user_texts(channels.stack, who["user"]) == ["hello"]


@pytest.mark.parametrize(
    "case", ["unsigned", "wrong signature", "wrong secret", "stale", "from the future", "body changed"]
)
def test_an_unsigned_stale_or_wrongly_signed_request_is_rejected(channels, case):
    who = ids()
    body = event(who["user"], who["channel"], "hello")
    now = int(time.time())
    kwargs: dict[str, Any] = {
        "unsigned": {"secret": None},
        "wrong signature": {"signature": "v0=" + "0" * 64},
        "wrong secret": {"secret": "not-the-signing-secret"},
        "stale": {"timestamp": now - 6 * 60},
        "from the future": {"timestamp": now + 6 * 60},
        "body changed": {"signature": slack_signature(SLACK_SIGNING_SECRET, str(now), body.replace(b"hello", b"hi"))},
    }[case]
    if case == "body changed":
        kwargs["timestamp"] = now
    response = post(channels.stack, body, JSON, **kwargs)
    assert response.status_code in (401, 403), response.text
    only_the_next_message_is_answered(channels, who)


def test_a_retried_event_gets_no_second_reply(channels):
    who = ids()
    body = event(who["user"], who["channel"], "hello", event_id="Ev0RETRY" + uuid.uuid4().hex[:8].upper())
    assert post(channels.stack, body, JSON).status_code == 200
    for attempt in ("1", "2"):  # Slack re-sends the same event, e.g. because it thought we were too slow
        retry = post(
            channels.stack, body, JSON, headers={"X-Slack-Retry-Num": attempt, "X-Slack-Retry-Reason": "http_timeout"}
        )
        assert retry.status_code == 200
        assert retry.json()["outcome"] == "duplicate"

    wait_for_question(channels.slack, who["channel"])
    channels.slack.wait_quiet(2.0)
    posts = channels.slack.posts(who["channel"])
    assert sum(1 for p in posts if with_buttons(p)) == 1, posts
    assert user_texts(channels.stack, who["user"]) == ["hello"]


def test_the_bots_own_messages_and_anything_outside_direct_messages_get_no_reply(channels):
    who = ids()
    assert post(channels.stack, event(who["user"], who["channel"], "hello", bot_id="B0FAKE"), JSON).status_code == 200
    in_channel = json.loads(event(who["user"], who["channel"], "hello"))
    in_channel["event"]["channel_type"] = "channel"
    mention = json.loads(event(who["user"], who["channel"], "<@U0BOT> hello"))
    mention["event"] = {**mention["event"], "type": "app_mention"}
    del mention["event"]["channel_type"]
    for body in (in_channel, mention):
        assert post(channels.stack, json.dumps(body).encode(), JSON).status_code == 200
    only_the_next_message_is_answered(channels, who)


def test_a_button_click_continues_the_conversation(channels):
    who = ids()
    assert post(channels.stack, event(who["user"], who["channel"], "hi"), JSON).status_code == 200
    posts = wait_for_question(channels.slack, who["channel"])
    question = posts[-1]

    response = post(channels.stack, click(who["user"], who["channel"], question, "None of these"), FORM)
    assert response.status_code == 200, response.text
    after = wait_for_question(channels.slack, who["channel"], count=2)[len(posts) :]
    assert after, "no reply to the click"
    assert not any("safety check" in p["text"] for p in after)
    assert user_texts(channels.stack, who["user"]) == ["hi", "/deny"]
    conversation = Conversation(channels.stack, sender=who["user"])
    assert conversation.requested_slot != "red_flags"
    assert conversation.tracker()["latest_input_channel"] == "slack"
