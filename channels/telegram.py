"""Telegram channel, replacing Rasa 3.6.21's stock one (rasa/core/channels/telegram.py).

What the stock channel gets wrong, and what this one does instead:

- At start-up the stock channel calls the Telegram API (`setWebhook` inside
  `asyncio.run`), so the server cannot start offline, and the aiogram `Bot`
  keeps an HTTP session bound to that closed event loop: the first webhook call
  then fails with "Event loop is closed" (HTTP 500). Here a `Bot` is created
  lazily, inside the running loop, and cached per loop; the webhook is
  registered in an `after_server_start` listener, in the background, and a
  failure is logged, never fatal.
- It checks nothing about who posts updates (it compares `getMe().username`
  with a setting, one API call per update). Here every update must carry
  Telegram's `X-Telegram-Bot-Api-Secret-Token` header, compared in constant
  time with `TELEGRAM_SECRET_TOKEN`; anything else gets 403.
- The Bot API base URL is configurable (`TELEGRAM_API_BASE_URL`), so tests
  and local Bot API servers work.

Configuration comes only from environment variables (see docs/channels.md):
`TELEGRAM_TOKEN`, `TELEGRAM_SECRET_TOKEN` (required with a token),
`TELEGRAM_WEBHOOK_URL` (optional), `TELEGRAM_API_BASE_URL`. Without a token
the channel is off: its webhook answers 404 and it makes no outgoing calls.

Every message goes through the shared gate (channels/gate.py): a rate limit
per chat, the input rules (length, control characters, English), and an
apology if handling it fails.

Only private chats are served (a pre-screening is personal). Buttons become an
inline keyboard; a press (callback query) is answered and its payload is sent
to Rasa as the user's message. Message text is never logged above DEBUG.

The settings, the Bot API client and the output channel are in channels/telegram_bot.py.
"""

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import RecentIds
from channels.gate import Gate
from channels.telegram_bot import (
    API_TIMEOUT_SECONDS,
    BotPool,
    CallbackPayloads,
    TelegramChannelOutput,
    TelegramSettings,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ("message", "callback_query")


class TelegramChannel(InputChannel):
    """Webhook at /webhooks/telegram/webhook."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if credentials:
            logger.warning(
                "Telegram: settings in credentials.yml are ignored; use the TELEGRAM_* "
                "environment variables (docs/channels.md)."
            )
        return cls(TelegramSettings.from_env())

    def __init__(self, settings: TelegramSettings | None = None) -> None:
        self.settings = settings or TelegramSettings.from_env()
        problem = self.settings.problem()
        if problem:
            logger.error("Telegram channel is OFF: %s.", problem)
        self.enabled = self.settings.enabled
        self.bots = BotPool(self.settings) if self.enabled else None
        self.payloads = CallbackPayloads()
        self.seen_updates = RecentIds()
        self.gate = Gate(self.name(), redact=self.bots.redact if self.bots else None)
        self._tasks: set[asyncio.Task] = set()
        if self.enabled:
            logger.info("Telegram channel is on (Bot API at %s).", self.settings.api_base_url)

    # -- helpers

    def get_output_channel(self) -> OutputChannel | None:
        return TelegramChannelOutput(self.bots, self.payloads) if self.enabled else None

    def secret_ok(self, given: str | None) -> bool:
        expected = (self.settings.secret_token or "").encode()
        return bool(expected) and hmac.compare_digest((given or "").encode(), expected)

    async def register_webhook(self) -> bool:
        """setWebhook with the public URL and the secret token; logs and returns False on failure."""
        url = self.settings.webhook_url
        try:
            await asyncio.wait_for(
                self.bots.current().request(
                    "setWebhook",
                    {
                        "url": url,
                        "secret_token": self.settings.secret_token,
                        "allowed_updates": json.dumps(list(ALLOWED_UPDATES)),
                    },
                ),
                timeout=API_TIMEOUT_SECONDS + 5,
            )
        except Exception as error:
            logger.error(
                "Telegram: could not register the webhook %s (%s: %s). The server keeps running; "
                "updates are accepted once the webhook is set (see docs/channels.md).",
                url,
                type(error).__name__,
                self.bots.redact(str(error)),
            )
            return False
        logger.info("Telegram: webhook registered at %s.", url)
        return True

    @staticmethod
    def _chat(message: Any) -> dict[str, Any] | None:
        chat = message.get("chat") if isinstance(message, dict) else None
        return chat if isinstance(chat, dict) and chat.get("id") is not None else None

    @staticmethod
    def _command_to_intent(text: str) -> str:
        """Telegram's /start (sent when a person opens the bot) becomes a greeting."""
        command = text.split(maxsplit=1)[0].split("@", 1)[0] if text.startswith("/") else ""
        return "/greet" if command == "/start" else text

    def _pressed_title(self, query: dict[str, Any], data: str) -> str | None:
        markup = (query.get("message") or {}).get("reply_markup") or {}
        for row in markup.get("inline_keyboard") or []:
            for key in row or []:
                if isinstance(key, dict) and key.get("callback_data") == data:
                    return key.get("text")
        return None

    # -- webhook

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)

        @telegram_webhook.listener("after_server_start")
        async def set_webhook(app: Any, loop: asyncio.AbstractEventLoop) -> None:
            if not self.enabled:
                return
            if not self.settings.webhook_url:
                logger.info(
                    "Telegram: TELEGRAM_WEBHOOK_URL not set, not registering a webhook "
                    "(register it yourself with the secret token, see docs/channels.md)."
                )
                return
            task = loop.create_task(self.register_webhook())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        @telegram_webhook.listener("after_server_stop")
        async def close_bot(app: Any, loop: asyncio.AbstractEventLoop) -> None:
            if self.bots:
                await self.bots.close_current()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "the telegram channel is not configured"}, status=404)
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "the telegram channel is not configured"}, status=404)
            if not self.secret_ok(request.headers.get(SECRET_HEADER)):
                logger.warning("Telegram: rejected a request without the right %s header.", SECRET_HEADER)
                return response.json({"error": "forbidden"}, status=403)
            if request.method != "POST":
                return response.json({"error": "method not allowed"}, status=405)
            try:
                update = json.loads(request.body or b"")
            except ValueError:
                update = None
            if not isinstance(update, dict):
                return response.json({"error": "expected a JSON Telegram update"}, status=400)
            return await self.handle_update(update, on_new_message)

        return telegram_webhook

    async def handle_update(
        self, update: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        update_id = update.get("update_id")
        if update_id is not None and self.seen_updates.seen_before(update_id):
            logger.info("Telegram: ignored a repeated update %s.", update_id)
            return response.json({"ok": True, "duplicate": True})

        out = self.get_output_channel()
        query = update.get("callback_query")
        message = update.get("message")
        if isinstance(query, dict):
            chat = self._chat(query.get("message"))
            sender = chat["id"] if chat else (query.get("from") or {}).get("id")
            chat_type = chat.get("type") if chat else "private"
            data = query.get("data") if isinstance(query.get("data"), str) else ""
            text = self.payloads.decode(data) or self._pressed_title(query, data)
            try:
                await out.bot.answer_callback_query(query.get("id"))
            except Exception as error:
                logger.warning(
                    "Telegram: answerCallbackQuery failed (%s: %s).", type(error).__name__, self.bots.redact(str(error))
                )
        elif isinstance(message, dict):
            chat = self._chat(message)
            sender = chat["id"] if chat else None
            chat_type = chat.get("type") if chat else None
            text = message.get("text") if isinstance(message.get("text"), str) else None
            if text:
                text = self._command_to_intent(text)
        else:
            logger.debug("Telegram: ignored an update with keys %s.", sorted(update))
            return response.json({"ok": True})

        if sender is None or not text:
            logger.debug("Telegram: ignored an update without text or chat.")
            return response.json({"ok": True})
        if chat_type != "private":
            logger.info("Telegram: ignored an update from a %s chat (only private chats are served).", chat_type)
            return response.json({"ok": True})

        logger.debug("Telegram: update %s from chat %s: %r", update_id, sender, text)
        # Errors are answered with an apology by the gate, and Telegram still gets 200: it would
        # otherwise re-send the same update again and again.
        verdict = self.gate.admit(str(sender), text)
        await self.gate.handle(on_new_message, verdict, out, str(sender), {"telegram_update_id": update_id})
        return response.json({"ok": True})
