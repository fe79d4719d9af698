"""Two Rasa replicas behind HAProxy, sharing PostgreSQL and Redis (issue 5, docs/deployment.md).

The scaled configuration as `make run-scaled` starts it (two replicas, two
action servers, HAProxy), on free ports, with a dedicated PostgreSQL database
and Redis db. Conversations are the clinical vignettes, played as in
test_vignettes.py, but each message goes to a replica (or the balancer) of
its own. Every conversation must end with its gold outcome, and the tracker
store must hold each message once, in order, each with its own reply before
the next: nothing lost, nothing duplicated, no interleaving. The many-at-once
test writes its figures to tests/artifacts/replicas-summary.json.
"""

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from harness.vignettes import VIGNETTES
from scripts.scaled import haproxy_binary
from tests.e2e.test_vignettes import play
from tests.support.chat import Conversation
from tests.support.replicas import RoutedConversation, Scaled, alternating, at_random, turn_problems

CONCURRENT = 20  # people talking at the same time
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SUMMARY_PATH = ARTIFACTS / "replicas-summary.json"


@pytest.fixture(scope="module")
def scaled(model, tmp_path_factory) -> Scaled:
    if not haproxy_binary():
        pytest.fail("haproxy is not installed: `apt-get install haproxy` (make test installs it when it can)")
    deployment = Scaled(model, tmp_path_factory.mktemp("scaled")).start()
    yield deployment
    deployment.stop()


def _outcome_problem(played) -> str:
    v = played.vignette
    if played.error or (played.level, played.condition) != (v.gold_level, v.gold_condition):
        return (
            f"{v.id}: gold {v.gold_level}/{v.gold_condition}, got {played.level}/{played.condition}"
            f"{' (' + played.error + ')' if played.error else ''}\n{played.transcript()}"
        )
    return ""


def test_one_conversation_alternating_between_the_two_replicas(scaled):
    vignette = max((v for v in VIGNETTES if not v.is_warning_sign), key=lambda v: len(v.answers))
    person = RoutedConversation(scaled.replicas, alternating(), sender=f"alternating-{vignette.id}")

    played = play(person, vignette)

    assert not _outcome_problem(played), _outcome_problem(played)
    names = [entry.name for entry in scaled.replicas]
    assert len(person.said) >= 6
    assert person.sent_to == [names[i % 2] for i in range(len(person.said))]
    events = scaled.stored_events(person.sender)
    assert not turn_problems(events, person.said), str(person)
    # Both replicas tell the same story.
    trackers = [
        requests.get(
            f"{entry.url}/conversations/{person.sender}/tracker", params={"token": scaled.token}, timeout=10
        ).json()
        for entry in scaled.replicas
    ]
    assert trackers[0]["events"] == trackers[1]["events"] == events
    assert trackers[0]["slots"]["triage_level"] == vignette.gold_level


def test_a_message_arriving_while_the_other_replica_answers_waits_its_turn(scaled):
    """Two messages of one conversation in flight at once, one at each replica
    (a double click, a retry): the Redis lock makes the second wait."""
    first, second = scaled.replicas
    sender = "overlapping"
    at_first, at_second = Conversation(first, sender), Conversation(second, sender)
    at_first.say("hi")
    with ThreadPoolExecutor(1) as pool:
        answering = pool.submit(at_first.say, "none of these")
        deadline = time.monotonic() + 10
        while not scaled.holds_lock(sender):  # the first replica has the conversation
            assert not answering.done() and time.monotonic() < deadline, "never saw the first replica's lock"
            time.sleep(0.001)
        late = at_second.say("it burns under my heel")
        early = answering.result()

    assert early.texts and late.texts
    events = scaled.stored_events(sender)
    assert not turn_problems(events, ["hi", "none of these", "it burns under my heel"]), json.dumps(events, indent=1)
    assert not scaled.holds_lock(sender)


def test_many_conversations_at_once_each_message_to_a_random_replica(scaled):
    entries = [*scaled.replicas, scaled.balancer]
    people = [
        RoutedConversation(entries, at_random(seed=i), sender=f"crowd-{i:02d}-{v.id}") for i, v in enumerate(VIGNETTES)
    ]

    started = time.monotonic()
    with ThreadPoolExecutor(CONCURRENT) as pool:
        played = list(pool.map(play, people, VIGNETTES))
    seconds = time.monotonic() - started

    wrong = [problem for problem in map(_outcome_problem, played) if problem]
    bad_events = {}
    for person in people:
        problems = turn_problems(scaled.stored_events(person.sender), person.said)
        if problems:
            bad_events[person.sender] = problems
    records = scaled.records_per_sender([p.sender for p in people])
    messages = sum(len(p.said) for p in people)
    latencies = sorted(s for p in people for s in p.seconds)
    summary = {
        "replicas": len(scaled.replicas),
        "action_servers": len(scaled.action_ports),
        "conversations": len(people),
        "at_once": CONCURRENT,
        "messages": messages,
        "messages_by_entry": {e.name: sum(p.sent_to.count(e.name) for p in people) for e in entries},
        "seconds": round(seconds, 1),
        "messages_per_second": round(messages / seconds, 1),
        "message_seconds_p50": round(statistics.median(latencies), 3),
        "message_seconds_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
        "wrong_outcomes": len(wrong),
        "conversations_with_event_problems": len(bad_events),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    SUMMARY_PATH.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    assert not wrong, "\n\n".join(wrong)
    assert not bad_events, json.dumps(bad_events, indent=1)
    assert all(summary["messages_by_entry"].values()), summary
    # One clinic record per finished pre-screening, however many replicas saw it.
    assert all(records[p.sender] == 1 for p in people), records
    assert scaled.lock_keys() == [], "every conversation lock is released"


def test_the_balancer_passes_the_channels_but_not_the_http_api(scaled):
    balancer = scaled.balancer
    assert requests.get(f"{balancer.url}/", timeout=10).ok
    for path in ("/model", "/status", "/conversations/anyone/tracker", "/domain"):
        response = requests.get(f"{balancer.url}{path}", params={"token": scaled.token}, timeout=10)
        assert response.status_code == 403, path
    response = requests.put(
        f"{balancer.url}/model", params={"token": scaled.token}, json={"model_file": "/tmp/x.tar.gz"}, timeout=10
    )
    assert response.status_code == 403
    # ... while an operator on the machine still reaches a replica's API
    assert requests.get(f"{scaled.replicas[0].url}/status", params={"token": scaled.token}, timeout=10).ok


def test_a_killed_replica_and_action_server_are_restarted_while_the_balancer_keeps_serving(scaled):
    """SIGKILL to Rasa replica 1 and action server 1 under `make run-scaled`: every message
    through the balancer is still answered (HAProxy retries a refused connection on the
    other replica), the interview goes on, and supervisord brings both back."""
    vignette = max((v for v in VIGNETTES if not v.is_warning_sign), key=lambda v: len(v.answers))
    replica, survivor, action_server = scaled.replicas[0], scaled.replicas[1], "actions-1"
    # every message through the balancer; the tracker from the surviving replica (the balancer refuses the API)
    person = RoutedConversation(
        [survivor, scaled.balancer], lambda entries: entries[1], sender=f"replica-killed-{vignette.id}"
    )
    old_replica, old_actions = scaled.kill("rasa-1"), scaled.kill(action_server)
    killed = time.monotonic()

    played = play(person, vignette)

    assert not _outcome_problem(played), _outcome_problem(played)
    assert "technical problem" not in "\n".join(person.transcript)  # the other action server answered
    scaled.wait_until_serving(f"http://127.0.0.1:{scaled.action_ports[0]}/health", old_actions, action_server, 20)
    scaled.wait_until_serving(lambda: scaled.replica_ready(replica), old_replica, "rasa-1", 120)
    print(f"replica 1 serving again {time.monotonic() - killed:.1f} s after SIGKILL")
    again = Conversation(replica)
    assert "safety check" in again.say("hello").text
