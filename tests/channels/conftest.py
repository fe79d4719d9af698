"""One extra Stack with Telegram, Slack and the clinic webhook on, pointed at local fakes.

The fixture is package-scoped: both test files share the fakes and this one
Rasa server. The plain `assistant` stack (tests/conftest.py) has no channel
variables, which proves credentials.yml works with none set.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.servers import Stack
from tests.channels import SLACK_SIGNING_SECRET, SLACK_TOKEN, TELEGRAM_SECRET, TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL
from tests.support.fake_clinic import FakeClinic
from tests.support.fake_slack import FakeSlack
from tests.support.fake_telegram import FakeTelegram

CLINIC_WEBHOOK_SECRET = "clinic-webhook-test-secret"


@dataclass
class Channels:
    stack: Stack
    telegram: FakeTelegram
    slack: FakeSlack
    clinic: FakeClinic


@pytest.fixture(scope="package")
def channels(model: Path, tmp_path_factory) -> Channels:
    telegram = FakeTelegram(TELEGRAM_TOKEN).start()
    slack = FakeSlack(SLACK_TOKEN).start()
    clinic = FakeClinic().start()
    stack = Stack(
        model,
        tmp_path_factory.mktemp("channels"),
        extra_env={
            "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
            "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK_URL,
            "TELEGRAM_API_BASE_URL": telegram.api_base_url,
            "SLACK_TOKEN": SLACK_TOKEN,
            "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
            "SLACK_API_BASE_URL": slack.api_base_url,
            "CLINIC_WEBHOOK_URL": clinic.webhook_url,
            "CLINIC_WEBHOOK_SECRET": CLINIC_WEBHOOK_SECRET,
        },
    )
    try:
        stack.start()
        yield Channels(stack, telegram, slack, clinic)
    finally:
        stack.stop()
        telegram.stop()
        slack.stop()
        clinic.stop()
