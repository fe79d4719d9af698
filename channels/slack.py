"""Slack channel (Events API + interactivity), built on Rasa 3.6's stock SlackBot.

Differences from the stock channel (rasa/core/channels/slack.py):

- Every request must be signed: Slack's v0 signature, HMAC-SHA256 of
  `v0:{timestamp}:{raw body}` with the signing secret, compared in constant
  time; a missing or wrong signature, or a timestamp more than 5 minutes away,
  gets 401 before the body is even parsed.
- Slack re-sends an event it thinks was not received (X-Slack-Retry-Num). The
  stock channel only drops retries for some reasons; here every event is
  acknowledged at once with 200 and its `event_id` (for button clicks the
  `trigger_id`) is remembered in a bounded cache, so a repeat never produces a
  second reply.
- Buttons are Block Kit: a section block with the text and an actions block
  with one button per choice (value = the Rasa payload), up to Slack's 25
  (stock Rasa drops all buttons beyond 5). Clicks arrive as interactive
  `block_actions` payloads and continue the conversation.
- The Web API base URL is configurable (`SLACK_API_BASE_URL`) for tests.
- Only direct messages with the app are served (a pre-screening is personal:
  mentions and messages in channels are ignored).
- No `as_user` (rejected for new Slack apps); the `{"assessment": ...}`
  custom payload becomes a one-line summary.

Every message and button click goes through the shared gate (channels/gate.py):
a rate limit per Slack user, the input rules (length, control characters,
English), and an apology if handling it fails.

Configuration comes only from environment variables: `SLACK_TOKEN` and
`SLACK_SIGNING_SECRET` (both needed to turn it on), `SLACK_API_BASE_URL`.
Without them the channel is off: its webhook answers 404 and nothing is sent.
Message text is never logged above DEBUG.

The settings and the output channel are in channels/slack_bot.py.
"""

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import RecentIds
from channels.gate import Gate
from channels.slack_bot import SlackChannelOutput, SlackSettings

logger = logging.getLogger(__name__)

MAX_CLOCK_SKEW_SECONDS = 5 * 60


def slack_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackChannel(InputChannel):
    """Events API and interactivity at /webhooks/slack/webhook."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if credentials:
            logger.warning(
                "Slack: settings in credentials.yml are ignored; use the SLACK_* "
                "environment variables (docs/channels.md)."
            )
        return cls(SlackSettings.from_env())

    def __init__(self, settings: SlackSettings | None = None) -> None:
        self.settings = settings or SlackSettings.from_env()
        problem = self.settings.problem()
        if problem:
            logger.error("Slack channel is OFF: %s.", problem)
        self.enabled = self.settings.enabled
        self.seen = RecentIds()
        self.gate = Gate(self.name())
        self._tasks: set[asyncio.Task] = set()
        if self.enabled:
            logger.info("Slack channel is on (Web API at %s).", self.settings.api_base_url)

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel | None:
        if not self.enabled:
            return None
        return SlackChannelOutput(self.settings.token, self.settings.api_base_url, channel, thread_id)

    def is_authentic(self, request: Request) -> bool:
        signature = request.headers.get("X-Slack-Signature") or ""
        timestamp = request.headers.get("X-Slack-Request-Timestamp") or ""
        if not signature or not timestamp.isdigit():
            return False
        if abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
            return False  # a replay, or a badly wrong clock
        expected = slack_signature(self.settings.signing_secret or "", timestamp, request.body or b"")
        return hmac.compare_digest(expected.encode(), signature.encode())

    def _start(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        user: str,
        channel: str | None,
        thread_ts: str | None,
        metadata: dict[str, Any],
    ) -> None:
        verdict = self.gate.admit(user, text)
        if not verdict.accepted and not verdict.reply:
            return  # over the rate limit, and already told so
        # Slack wants an answer within 3 s: reply in the background, keep a reference to the task.
        output = self.get_output_channel(channel, thread_ts)
        task = asyncio.get_running_loop().create_task(self.gate.handle(on_new_message, verdict, output, user, metadata))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def handle_event(self, body: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> str:
        event = body.get("event") if isinstance(body.get("event"), dict) else {}
        event_id = body.get("event_id")
        if event_id and self.seen.seen_before(("event", event_id)):
            return "duplicate"
        if event.get("type") != "message" or event.get("subtype") or event.get("bot_id"):
            return "ignored"  # edits, joins, the bot's own messages...
        if event.get("channel_type") != "im":
            return "ignored"  # a pre-screening is personal: direct messages only, never in a channel
        text, user = event.get("text"), event.get("user")
        if not isinstance(text, str) or not text.strip() or not user:
            return "ignored"
        users = list(body.get("authed_users") or []) + [
            a.get("user_id") for a in body.get("authorizations") or [] if isinstance(a, dict) and a.get("user_id")
        ]
        text = SlackInput._sanitize_user_message(text, users)
        if not text:
            return "ignored"
        logger.debug("Slack: event %s from %s: %r", event_id, user, text)
        self._start(
            on_new_message,
            text,
            user,
            event.get("channel"),
            event.get("thread_ts"),
            {"slack_event_id": event_id, "slack_channel": event.get("channel")},
        )
        return "accepted"

    def handle_interaction(
        self, payload: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> str:
        key = payload.get("trigger_id") or json.dumps(
            [(a.get("action_id"), a.get("action_ts")) for a in payload.get("actions") or [] if isinstance(a, dict)]
        )
        if self.seen.seen_before(("interaction", key)):
            return "duplicate"
        actions = payload.get("actions") or []
        action = actions[0] if actions and isinstance(actions[0], dict) else {}
        if payload.get("type") != "block_actions" or action.get("type") != "button":
            return "ignored"
        value = action.get("value")
        user = (payload.get("user") or {}).get("id")
        if not isinstance(value, str) or not value or not user:
            return "ignored"  # e.g. a link button
        channel = (payload.get("channel") or {}).get("id")
        container = payload.get("container") or {}
        thread_ts = container.get("thread_ts") or (payload.get("message") or {}).get("thread_ts")
        logger.debug("Slack: button from %s: %r", user, value)
        self._start(on_new_message, value, user, channel, thread_ts, {"slack_channel": channel})
        return "accepted"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "the slack channel is not configured"}, status=404)
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "the slack channel is not configured"}, status=404)
            if not self.is_authentic(request):
                logger.warning("Slack: rejected a request with a missing, wrong or stale signature.")
                return response.json({"error": "invalid signature"}, status=401)
            if request.method != "POST":
                return response.json({"error": "method not allowed"}, status=405)

            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if content_type == "application/x-www-form-urlencoded":
                    form = parse_qs((request.body or b"").decode("utf-8"))
                    payload = json.loads(form["payload"][0])
                    if not isinstance(payload, dict):
                        raise ValueError("payload is not an object")
                    outcome = self.handle_interaction(payload, on_new_message)
                    return response.json({"ok": True, "outcome": outcome})
                body = json.loads(request.body or b"")
                if not isinstance(body, dict):
                    raise ValueError("body is not an object")
            except (KeyError, ValueError, UnicodeDecodeError):
                return response.json({"error": "unreadable Slack request"}, status=400)

            if body.get("type") == "url_verification":
                return response.json({"challenge": body.get("challenge")})
            if body.get("type") != "event_callback":
                return response.json({"ok": True, "outcome": "ignored"})
            outcome = self.handle_event(body, on_new_message)
            if outcome == "duplicate":
                logger.info(
                    "Slack: ignored a repeated event %s (retry %s).",
                    body.get("event_id"),
                    request.headers.get("X-Slack-Retry-Num"),
                )
                return response.json({"ok": True, "outcome": outcome}, headers={"X-Slack-No-Retry": "1"})
            return response.json({"ok": True, "outcome": outcome})

        return slack_webhook
