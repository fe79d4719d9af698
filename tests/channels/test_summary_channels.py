"""What was noted, and "Something's not right", on Telegram and Slack (docs/dialogue.md).

The summary comes after the opening description and before the outcome; the
outcome's keyboard (Telegram) or Block Kit buttons (Slack) carry
"Something's not right", and pressing it, then typing the correction, gives
the updated outcome.
"""

import time
from typing import Any

from tests.channels.test_slack import FORM, JSON, click, event, ids, post, wait_for_question, with_buttons
from tests.channels.test_telegram import keys, new_chat, post_update, press_update, text_update
from tests.support.chat import Conversation

OPENING = "burning on the inside of my heel when I run, no numbness, mornings are fine"
ANSWERS = ["none of these", "only my left foot", "no", "about ten days", "no"]
CORRECTION = "actually the tingling is in my sole and toes"
NOT_RIGHT = "Something's not right"


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def test_telegram_shows_what_was_noted_and_the_correct_button_works(channels):
    telegram, chat = channels.telegram, new_chat()
    assert post_update(channels.stack, text_update(chat, OPENING)).status_code == 200
    opening = texts(telegram.sent_messages(chat))
    assert "I noted: burning pain, on the inner side of the heel" in opening
    assert "If I got something wrong, just tell me" in opening and "safety check" in opening

    for answer in ANSWERS:
        assert post_update(channels.stack, text_update(chat, answer)).status_code == 200
    sent = telegram.sent_messages(chat)
    outcome = [m for m in sent if m["text"].startswith("I noted:")]
    assert outcome and "none of the warning signs" in outcome[-1]["text"], texts(sent)
    last = sent[-1]
    assert NOT_RIGHT in keys(last) and keys(last)[NOT_RIGHT] == "/correct"
    assert (
        Conversation(channels.stack, sender=str(chat)).slots()["likely_condition"]
        == "medial_calcaneal_nerve_entrapment"
    )

    before = len(sent)
    assert post_update(channels.stack, press_update(chat, last, NOT_RIGHT, "query-correct")).status_code == 200
    assert "What should I change?" in texts(telegram.sent_messages(chat)[before:])

    before = len(telegram.sent_messages(chat))
    assert post_update(channels.stack, text_update(chat, CORRECTION)).status_code == 200
    updated = telegram.sent_messages(chat)[before:]
    assert "Thank you, I've changed that. I noted:" in texts(updated)
    assert "Here is the updated outcome" in texts(updated) and "tarsal tunnel" in texts(updated)
    assert NOT_RIGHT in keys(updated[-1])
    assert Conversation(channels.stack, sender=str(chat)).slots()["likely_condition"] == "tarsal_tunnel_syndrome"


def slack_say(channels, who: dict[str, str], text: str) -> list[dict[str, Any]]:
    """Send a direct message; return the posts it got (a question or the outcome's buttons end each)."""
    count = sum(1 for p in channels.slack.posts(who["channel"]) if with_buttons(p))
    before = len(channels.slack.posts(who["channel"]))
    assert post(channels.stack, event(who["user"], who["channel"], text), JSON).status_code == 200
    return wait_for_question(channels.slack, who["channel"], count=count + 1)[before:]


def test_slack_shows_what_was_noted_and_the_correct_button_works(channels):
    slack, who = channels.slack, ids()
    opening = slack_say(channels, who, OPENING)
    assert "I noted: burning pain, on the inner side of the heel" in texts(opening)
    assert "If I got something wrong, just tell me" in texts(opening)

    for answer in ANSWERS:
        replies = slack_say(channels, who, answer)
    assert any(p["text"].startswith("I noted:") and "none of the warning signs" in p["text"] for p in replies), texts(
        replies
    )
    outcome = replies[-1]
    buttons = {
        e["text"]["text"]: e["value"] for b in outcome["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert buttons[NOT_RIGHT] == "/correct"

    before = len(slack.posts(who["channel"]))
    assert post(channels.stack, click(who["user"], who["channel"], outcome, NOT_RIGHT), FORM).status_code == 200
    slack.wait_for(
        "chat.postMessage",
        lambda c: c.params.get("channel") == who["channel"] and "What should I change?" in (c.params.get("text") or ""),
        timeout=30,
    )
    assert len(slack.posts(who["channel"])) > before

    updated = slack_say(channels, who, CORRECTION)
    assert "Thank you, I've changed that. I noted:" in texts(updated)
    assert "Here is the updated outcome" in texts(updated) and "tarsal tunnel" in texts(updated)
    # the reply is posted before the tracker is saved: wait for the saved outcome
    deadline = time.monotonic() + 10
    while Conversation(channels.stack, sender=who["user"]).slots()["likely_condition"] != "tarsal_tunnel_syndrome":
        assert time.monotonic() < deadline, "the corrected outcome was never saved"
        time.sleep(0.05)
