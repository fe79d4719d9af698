"""`make run` itself (scripts/run.py under supervisord), as a newcomer runs it.

Its log from the banner to "ready" is short and free of dependency warnings;
a process killed with SIGKILL is restarted while the others keep serving:
every channel answers within ACTION_TIMEOUT_SECONDS while the action server
is gone, a warning sign is still escalated, and once it is back the
interview resumes at the same question.
"""

import re
import time
from pathlib import Path

import pytest
import requests

import settings
from tests.channels import SLACK_SIGNING_SECRET, SLACK_TOKEN, TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.channels.test_slack import JSON, event, ids, post
from tests.channels.test_telegram import new_chat, post_update, text_update
from tests.support.chat import Conversation
from tests.support.fake_slack import FakeSlack
from tests.support.fake_telegram import FakeTelegram
from tests.support.runner import Runner
from tests.support.socketio_client import Client

ACTION_TIMEOUT_SECONDS = settings.default("ACTION_TIMEOUT_SECONDS")  # the runner's
BACK_WITHIN_SECONDS = 20
START_UP_LINES = 25
# What dependencies print about themselves: warnings of any category, and their traces.
DEPENDENCY_NOISE = re.compile(r"\b\w*(?:Deprecation|Future|Pending\w*|User|Syntax|Runtime)Warning\b|warnings\.warn")
APOLOGY = "technical problem"


@pytest.fixture(scope="module")
def fakes():
    telegram, slack = FakeTelegram(TELEGRAM_TOKEN).start(), FakeSlack(SLACK_TOKEN).start()
    yield telegram, slack
    telegram.stop()
    slack.stop()


@pytest.fixture(scope="module")
def made_run(model: Path, fakes, tmp_path_factory) -> Runner:
    telegram, slack = fakes
    runner = Runner(
        tmp_path_factory.mktemp("make-run"),
        extra_env={
            "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
            "TELEGRAM_API_BASE_URL": telegram.api_base_url,
            "SLACK_TOKEN": SLACK_TOKEN,
            "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
            "SLACK_API_BASE_URL": slack.api_base_url,
        },
    ).start()
    yield runner
    runner.stop()


def test_start_up_says_what_starts_where_and_ready_in_few_lines_without_dependency_warnings(made_run):
    lines = made_run.start_up_lines()
    assert len(lines) <= START_UP_LINES, "\n".join(lines)
    assert f"http://localhost:{made_run.web_port}" in lines[0]
    assert lines[-1].startswith(f">> ready: open http://localhost:{made_run.web_port}")
    noise = [line for line in made_run.output().splitlines() if DEPENDENCY_NOISE.search(line)]
    assert not noise, "\n".join(noise)


def test_the_processes_run_under_supervision(made_run):
    status = made_run.supervisorctl("status")
    for program in ("actions", "rasa", "web", "purge"):
        # a Rasa server counts as started after 60 s (scripts/supervision.py), though ready sooner
        assert re.search(rf"^{program}\s+(RUNNING|STARTING)", status, re.MULTILINE), status
        assert made_run.pid(program) > 0


def test_a_killed_action_server_is_restarted_while_every_channel_keeps_answering(made_run, fakes):
    telegram, slack = fakes
    person = Conversation(made_run)
    person.say("hi")
    person.say("none of these")
    asked = person.requested_slot
    assert asked not in (None, "red_flags"), str(person)
    tab = Client(made_run.url, origin=f"http://localhost:{made_run.web_port}")
    tab.session()
    tab.say("hello", until="safety check")
    chat, who = new_chat(), ids()

    old_pid = made_run.kill("actions")
    killed = time.monotonic()
    try:
        # REST: the answer the action server would validate gets an apology that safety-nets
        started = time.monotonic()
        reply = person.say("it burns")
        assert time.monotonic() - started < ACTION_TIMEOUT_SECONDS
        assert APOLOGY in reply.text and "999" in reply.text, reply.text
        # the web chat (socket.io)
        started = time.monotonic()
        said = tab.say("none of these", until=APOLOGY)
        assert time.monotonic() - started < ACTION_TIMEOUT_SECONDS, said
        # Telegram: the webhook answers after the bot has replied
        started = time.monotonic()
        assert post_update(made_run, text_update(chat, "hello")).status_code == 200
        assert time.monotonic() - started < ACTION_TIMEOUT_SECONDS
        assert telegram.sent_messages(chat), "Telegram got no reply"
        # Slack: acknowledged at once, the reply is posted
        assert post(made_run, event(who["user"], who["channel"], "hello"), JSON).status_code == 200
        slack.wait_for(
            "chat.postMessage", lambda c: c.params.get("channel") == who["channel"], timeout=ACTION_TIMEOUT_SECONDS
        )
        # a warning sign needs no action server
        emergency = Conversation(made_run)
        reply = emergency.say("my foot has suddenly gone cold and white")
        assert emergency.slots()["triage_level"] == "emergency_ambulance", reply.text
    finally:
        seconds = made_run.wait_until_serving(
            f"http://127.0.0.1:{made_run.action_port}/health", old_pid, "actions", BACK_WITHIN_SECONDS
        )
    print(f"action server serving again {time.monotonic() - killed:.1f} s after SIGKILL ({seconds:.1f} s waited)")
    assert "!! actions stopped unexpectedly: restarting it" in made_run.output()
    assert "exited: actions (terminated by SIGKILL" in made_run.output()

    assert person.requested_slot == asked
    reply = person.say("it burns, on the inside of my heel")
    assert APOLOGY not in reply.text, str(person)
    assert person.slots()["pain_character"] == "burning", str(person)
    assert person.requested_slot not in (None, asked), str(person)
    tab.close()


def test_the_web_page_and_the_rasa_server_are_restarted_too(made_run):
    for program, health in (("web", f"http://127.0.0.1:{made_run.web_port}/health"), ("rasa", made_run.rasa_ready)):
        old_pid = made_run.kill(program)
        seconds = made_run.wait_until_serving(health, old_pid, program, 120)
        print(f"{program} serving again {seconds:.1f} s after SIGKILL")
    person = Conversation(made_run)
    assert "safety check" in person.say("hello").text
    assert requests.get(f"http://127.0.0.1:{made_run.action_port}/health", timeout=5).ok
