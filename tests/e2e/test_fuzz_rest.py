"""Property-based fuzzing of the REST webhook against the real servers
(hypothesis): whatever the body, never a 5xx, an answer within a bound, and
the server still serves a normal conversation afterwards.

FUZZ_EXAMPLES (default 2000) sets how many requests are generated: about a
minute on two cores. Most are short texts a person could type (any Unicode,
control characters, lone surrogates, emoji, markup, shortcuts); the rest are
wrong types, random JSON, random bytes and huge strings.
"""

import itertools
import json
import os
import time
from collections import Counter

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.chat import Conversation

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
MAX_SECONDS = 5.0
SENDERS = 300  # a pool of valid senders, so the per-sender rate limit (30/minute) is not what is tested

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates and control characters included
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHARACTER, max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
PIECES = st.sampled_from(
    [
        "/inform",
        "/affirm",
        "/restart",
        "/session_start",
        "{",
        "}",
        '{"warning_sign": "cold_pale_foot"}',
        '{"triage_level": "self_care"}',
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
        "\x00",
        "\u202e",
        "\ud800",
        "🦶",
        "my foot is cold and pale",
        "burning heel",
        "no",
        "none of these",
        "\n",
        "\t",
        " ",
    ]
)
TEXTS = st.one_of(
    st.text(ANY_CHARACTER, max_size=80),
    st.text(max_size=300),
    st.lists(PIECES, max_size=8).map("".join),
)


# Stands for a valid sender, which the test fills in round-robin from a pool (hypothesis
# favours small numbers: drawn, they would pile onto one sender and its rate limit).
A_SENDER = "\x00valid sender\x00"


@st.composite
def senders(draw):
    kind = draw(st.integers(0, 9))
    if kind < 8:
        return A_SENDER
    if kind == 8:
        return draw(st.text(ANY_CHARACTER, max_size=200))
    return draw(JSON_VALUES)


@st.composite
def bodies(draw):
    """A JSON value to send (a dict, usually), or raw bytes."""
    kind = draw(st.integers(0, 99))
    if kind < 70:  # a person's message
        return {"sender": draw(senders()), "message": draw(TEXTS)}
    if kind < 78:  # wrong types, extra and missing fields
        return draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "sender": senders() | JSON_VALUES,
                    "message": JSON_VALUES,
                    "metadata": JSON_VALUES,
                    "input_channel": JSON_VALUES,
                    "extra": JSON_VALUES,
                },
            )
        )
    if kind < 86:  # any JSON at all
        return draw(JSON_VALUES)
    if kind < 94:  # not JSON
        return draw(st.binary(max_size=300))
    text = draw(ANY_CHARACTER) * draw(st.integers(2_000, 300_000))  # huge
    return {"sender": draw(senders()), "message": text}


def test_the_rest_webhook_survives_thousands_of_generated_requests(assistant):
    url = f"{assistant.url}/webhooks/rest/webhook"
    statuses: Counter = Counter()
    slowest = [0.0]
    pool = itertools.count()
    started = time.monotonic()

    with requests.Session() as session:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )
        @given(bodies())
        def one_request(generated):
            if isinstance(generated, dict) and generated.get("sender") == A_SENDER:
                generated["sender"] = f"fuzz-{next(pool) % SENDERS}"
            body = generated if isinstance(generated, bytes) else json.dumps(generated).encode()
            sent = time.monotonic()
            response = session.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=30)
            took = time.monotonic() - sent
            slowest[0] = max(slowest[0], took)
            statuses[response.status_code] += 1
            assert response.status_code < 500, (response.status_code, response.text[:300], body[:300])
            assert took < MAX_SECONDS, (took, body[:300])
            answer = response.json()
            if response.status_code == 200:  # never silence: at least one message, each for the sender
                assert isinstance(answer, list) and answer, body[:300]
                assert all(isinstance(m, dict) and m.get("recipient_id") for m in answer)
            else:
                assert response.status_code in (400, 413, 429) and answer["error"]

        one_request()

    print(
        f"\nfuzz: {sum(statuses.values())} requests in {time.monotonic() - started:.0f} s, "
        f"statuses {dict(statuses)}, slowest {slowest[0]:.2f} s"
    )
    assert sum(statuses.values()) >= 0.9 * EXAMPLES
    assert statuses[200] and statuses[400]
    # Still alive and still itself.
    assert requests.get(f"{assistant.url}/webhooks/rest/", timeout=5).json() == {"status": "ok"}
    reply = Conversation(assistant).say("my foot has suddenly gone cold and pale")
    assert reply.assessment and reply.assessment["triage_level"] == "emergency_ambulance"
