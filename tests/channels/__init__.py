"""Telegram and Slack channel tests, against local fake Telegram and Slack APIs.

The settings below are what the channel Stack (tests/channels/conftest.py) is
started with; the tests use them to sign and address their requests.
"""

TELEGRAM_TOKEN = "123456789:TEST-telegram_token"
TELEGRAM_SECRET = "test-secret_2f9c0e7b"
TELEGRAM_WEBHOOK_URL = "https://heel-bot.example.test/webhooks/telegram/webhook"
SLACK_TOKEN = "xoxb-test-slack-token"
SLACK_SIGNING_SECRET = "test-signing-secret-5d1e"
