"""Rate limits and failures inside Rasa, through the real servers.

A Rasa server of its own (`hardened`) runs with the default rate limits,
`SANIC_PROXIES_COUNT=1` (so each test can be its own client address with
X-Forwarded-For, as behind a reverse proxy) and a Redis lock store on a port
where nothing listens: every message that reaches Rasa fails there, as when
Redis is down. Refused messages never reach Rasa, so the limits work on it.
Telegram and Slack limits per chat/user run on the channel stack (conftest).
"""

import itertools
import re
import time

import pytest
import requests

import settings
from harness.servers import ROOT, Stack, free_port
from tests.channels.test_slack import event, ids, post
from tests.channels.test_telegram import new_chat, post_update, text_update
from tests.support.socketio_client import Client

PER_SENDER = int(settings.default("RATE_LIMIT_PER_SENDER").split("/")[0])
PER_ADDRESS = int(settings.default("RATE_LIMIT_PER_ADDRESS").split("/")[0])
FOREIGN = "me duele el talón cuando camino"  # answered by the gate, without Rasa
_addresses = itertools.count(1)


def unreachable_lock_store_endpoints(path) -> None:
    """The project's endpoints.yml with its lock store replaced by a Redis nobody runs."""
    text = (ROOT / "endpoints.yml").read_text()
    text = re.sub(r"(?ms)^lock_store:.*?(?=^\S|\Z)", "", text)
    path.write_text(text + f"\nlock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {free_port()}\n")


@pytest.fixture(scope="module")
def hardened(model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("hardened")
    endpoints = workdir / "endpoints.yml"
    unreachable_lock_store_endpoints(endpoints)
    stack = Stack(
        model,
        workdir,
        cors_origins=[r"http://127\.0\.0\.1:\d+$"],
        extra_env={"RATE_LIMIT_PER_ADDRESS": "", "RATE_LIMIT_PER_SENDER": "", "SANIC_PROXIES_COUNT": "1"},
    )
    stack.rasa.command[stack.rasa.command.index("endpoints.yml")] = str(endpoints)
    stack.start()
    yield stack
    stack.stop()


def new_address() -> str:
    return f"203.0.113.{next(_addresses)}"


def rest(stack, sender: str, message: str, address: str) -> requests.Response:
    return requests.post(
        f"{stack.url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers={"X-Forwarded-For": address},
        timeout=30,
    )


def test_a_failure_inside_rasa_gets_an_apology_over_rest(hardened):
    response = rest(hardened, "fails-1", "hello", new_address())
    assert response.status_code == 200
    text = "\n".join(m["text"] for m in response.json())
    assert "something went wrong on my side" in text and "999" in text
    assert "(LockError)" in hardened.rasa.log_tail(200)
    assert "fails-1 failed (LockError)" in hardened.rasa.log_tail(200)  # by type, without the message


def test_a_failure_inside_rasa_gets_an_apology_in_the_web_chat(hardened):
    client = Client(hardened.url, headers={"X-Forwarded-For": new_address()})
    try:
        client.session()
        assert "something went wrong on my side" in client.say("hello")[0]["text"]
    finally:
        client.close()


def test_rest_limit_per_sender(hardened):
    address = new_address()
    for _ in range(PER_SENDER):
        assert rest(hardened, "chatty", "", address).status_code == 200
    refused = rest(hardened, "chatty", "", address)
    assert refused.status_code == 429
    assert "too many messages" in refused.json()["error"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert rest(hardened, "someone-else", "", address).status_code == 200  # the address is not blocked


def test_rest_limit_per_client_address(hardened):
    address = new_address()
    with requests.Session() as session:
        for n in range(PER_ADDRESS):
            response = session.post(
                f"{hardened.url}/webhooks/rest/webhook",
                json={"sender": f"crowd-{n}", "message": ""},
                headers={"X-Forwarded-For": address},
                timeout=30,
            )
            assert response.status_code == 200, n
    assert rest(hardened, "crowd-new", "", address).status_code == 429
    assert rest(hardened, "crowd-new", "", new_address()).status_code == 200  # another address is fine


def test_web_chat_limit_per_session_is_told_once(hardened):
    client = Client(hardened.url, headers={"X-Forwarded-For": new_address()})
    try:
        client.session()
        for _ in range(PER_SENDER):
            assert "didn't get any text" in client.say("")[0]["text"]
        assert "faster than I can answer" in client.say("")[0]["text"]
        client.sio.emit("user_uttered", {"message": ""})
        assert client.quiet(2) == []  # told once a minute, not once per message
    finally:
        client.close()


def test_telegram_limit_per_chat(channels):
    chat = new_chat()
    for _ in range(PER_SENDER + 2):
        assert post_update(channels.stack, text_update(chat, FOREIGN)).status_code == 200
    texts = [m["text"] for m in channels.telegram.sent_messages(chat)]
    assert len(texts) == PER_SENDER + 1, texts
    assert all("only speak English" in t for t in texts[:PER_SENDER])
    assert "faster than I can answer" in texts[-1]


def test_slack_limit_per_user(channels):
    who = ids()
    for _ in range(PER_SENDER + 2):
        assert post(channels.stack, event(who["user"], who["channel"], FOREIGN), "application/json").status_code == 200
    deadline = time.monotonic() + 30
    while len(channels.slack.posts(who["channel"])) < PER_SENDER + 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    channels.slack.wait_quiet()
    texts = [p["text"] for p in channels.slack.posts(who["channel"])]
    assert len(texts) == PER_SENDER + 1, texts
    assert sum("only speak English" in t for t in texts) == PER_SENDER
    assert sum("faster than I can answer" in t for t in texts) == 1
