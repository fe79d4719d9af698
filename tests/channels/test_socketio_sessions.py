"""The web chat's socket.io channel (channels/socketio.py) with a real
python-socketio client against the real servers: server-issued, signed session
ids; replies only to the connection's own session; allowed origins; the shared
input rules."""

import pytest
import requests
import socketio

from channels.socketio import SessionIds
from harness.servers import TEST_CHANNEL_ENV
from tests.support.chat import Conversation
from tests.support.socketio_client import Client

SECRET = SessionIds(TEST_CHANNEL_ENV["CHAT_SESSION_SECRET"].encode())  # what the test servers sign with


@pytest.fixture
def clients(assistant):
    opened: list[Client] = []

    def open_client(origin: str | None = "http://127.0.0.1:8080") -> Client:
        opened.append(Client(assistant.url, origin))
        return opened[-1]

    yield open_client
    for client in opened:
        client.close()


def test_a_made_up_session_id_is_replaced_by_a_server_issued_one(clients):
    client = clients()
    for made_up in ("mine", "0" * 32, "a" * 32 + ".forged", None, ""):
        session_id = client.session(made_up)
        assert session_id != made_up and SECRET.valid(session_id)
        token, _ = session_id.split(".")
        assert len(token) >= 32  # 24 random bytes


def test_a_server_issued_id_is_accepted_back_and_the_conversation_continues(assistant, clients):
    first = clients()
    session_id = first.session(None)
    assert "safety check" in "\n".join(m.get("text", "") for m in first.say("/greet", until="safety check"))
    first.close()  # the page is reloaded

    again = clients()
    assert again.session(session_id) == session_id
    again.say("none of these", until="?")
    said = [e["text"] for e in Conversation(assistant, session_id).tracker()["events"] if e["event"] == "user"]
    assert said == ["/greet", "none of these"]


def test_nobody_can_read_or_write_someone_elses_conversation_by_guessing(clients):
    victim = clients()
    victim_id = victim.session(None)
    victim.say("/greet", until="safety check")

    token, _ = victim_id.split(".")
    attacker = clients()
    for guess in (victim_id.upper(), token, token + ".AAAAAAAAAAAAAAAAAAAAAAAA", victim_id[:-1] + "x"):
        assert attacker.session(guess) != victim_id  # never put in the victim's room
    # Naming the victim's session in a message does not help either: it goes to the attacker's own session.
    attacker.say("my foot has suddenly gone cold and pale", session_id=victim_id, until="999")
    assert victim.quiet() == []


def test_a_message_before_a_session_request_is_told_to_reload(clients):
    client = clients()
    reply = client.say("hello")
    assert "reload the page" in reply[0]["text"]


def test_a_page_from_another_origin_cannot_connect(assistant, clients):
    with pytest.raises(socketio.exceptions.ConnectionError):
        Client(assistant.url, origin="https://evil.example")
    clients(origin=None)  # not a browser: no Origin header, allowed (CORS protects browsers)
    clients(origin="http://127.0.0.1:5999")  # allowed by the test server's CORS_ORIGINS


@pytest.mark.parametrize(
    "message, expected",
    [
        ("", "didn't get any text"),
        ("   \n\t", "didn't get any text"),
        (12345, "didn't get any text"),
        ("x" * 5000, "too long"),
        ("me duele el talón cuando camino", "only speak English"),
    ],
    ids=["empty", "spaces", "number", "5000 characters", "Spanish"],
)
def test_the_shared_input_rules_apply_to_the_web_chat(clients, message, expected):
    client = clients()
    client.session(None)
    assert expected in client.say(message)[0]["text"]


def test_the_http_api_answers_cross_origin_requests_only_from_allowed_origins(assistant):
    """Rasa's --cors, from the same CORS_ORIGINS (scripts/run.py; the test server allows 127.0.0.1)."""
    url = f"{assistant.url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = requests.options(url, headers={"Origin": "http://127.0.0.1:8080", **preflight}, timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == "http://127.0.0.1:8080"
    for origin in ("https://evil.example", "http://127.0.0.1.evil.example:80"):
        refused = requests.options(url, headers={"Origin": origin, **preflight}, timeout=10)
        assert "Access-Control-Allow-Origin" not in refused.headers
