"""REST channel that checks what it is sent, replacing Rasa 3.6.21's stock `rest`.

Same URL (`POST /webhooks/rest/webhook`) and the same answer: a JSON list of
the bot's messages. What the stock channel did with bad input, and what this
one does:

| request | stock RestInput | here |
|---|---|---|
| body not JSON, or not a JSON object (`[1, 2]`) | 400 / **500** | 400 `{"error": ...}` |
| `sender` missing | **200**, conversation "default" shared by everyone | 400 |
| `sender` not a string, empty, over 128 characters, or other than `A-Z a-z 0-9 _ - . : @ + = ~` | accepted | 400 |
| `message` missing or not a string (`123`) | **200 `[]`** | 400 |
| `metadata` not an object, or over 4 KB as JSON | stored in the tracker | 400 |
| `input_channel` | taken from the body | ignored: always `rest` |
| body over 1 MB | read whole | 413 |
| Rasa raises while handling the message | **200 `[]`** (logged) | 200 with an apology |

Then the shared gate (channels/gate.py): over a rate limit gives 429 with
`Retry-After`; an empty, too long or clearly non-English message gets a
clear reply without reaching Rasa (see channels/input_rules.py).
`?stream=true` works as in stock Rasa (one JSON message per line).
"""

import json
import logging
import re
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from channels.common import client_address
from channels.gate import Gate
from channels.input_rules import MAX_METADATA_BYTES, metadata_ok

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
SENDER = re.compile(r"^[A-Za-z0-9_\-.:@+=~]{1,128}$")


class BadRequest(ValueError):
    pass


def read_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest('the body must be a JSON object such as {"sender": "me", "message": "hello"}') from None
    if not isinstance(body, dict):
        raise BadRequest('the body must be a JSON object with "sender" and "message"')
    return body


def valid_sender(body: dict[str, Any]) -> str:
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender:
        raise BadRequest('"sender" must be a non-empty string that identifies the conversation')
    if not SENDER.match(sender):
        raise BadRequest('"sender" must be 1-128 characters from A-Z a-z 0-9 _ - . : @ + = ~')
    return sender


def valid_message(body: dict[str, Any]) -> str:
    message = body.get("message")
    if not isinstance(message, str):
        raise BadRequest("\"message\" must be a string (the person's text, or a button's payload)")
    return message


def valid_metadata(body: dict[str, Any]) -> dict[str, Any] | None:
    metadata = body.get("metadata")
    if not metadata_ok(metadata):
        raise BadRequest(f'"metadata", when given, must be a JSON object of at most {MAX_METADATA_BYTES} bytes')
    return metadata


def error(status: int, text: str, **headers: str) -> HTTPResponse:
    return response.json({"error": text}, status=status, headers=headers or None)


class RestChannel(RestInput):
    """Webhook at /webhooks/rest/webhook (the stock URL)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def __init__(self, gate: Gate | None = None) -> None:
        self.gate = gate or Gate(self.name())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest_webhook = Blueprint("custom_webhook_RestChannel", __name__)
        safe_on_new_message = partial(self.gate.process, on_new_message)

        @rest_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> ResponseStream | HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return error(413, f"the body must be at most {MAX_BODY_BYTES} bytes")
            try:
                body = read_body(request)
                sender = valid_sender(body)
                text = valid_message(body)
                metadata = valid_metadata(body)
            except BadRequest as bad:
                return error(400, str(bad))

            verdict = self.gate.admit(sender, text, client_address(request))
            if verdict.reason == "rate_limited":
                return error(
                    429,
                    "too many messages: please wait a moment and send the message again",
                    **{"Retry-After": str(verdict.retry_after)},
                )
            if not verdict.accepted:
                return response.json([{"recipient_id": sender, "text": verdict.reply}])

            if bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(safe_on_new_message, verdict.text, sender, self.name(), metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            await safe_on_new_message(
                UserMessage(verdict.text, collector, sender, input_channel=self.name(), metadata=metadata)
            )
            return response.json(collector.messages)

        return rest_webhook
