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

`assessment_summary` and `RecentIds` are shared with channels/slack.py.
"""

import asyncio
import hashlib
import hmac
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer, check_token
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import settings
from channels.common import RecentIds, assessment_summary, split_text
from channels.gate import Gate

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = settings.default("TELEGRAM_API_BASE_URL")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret token.
SECRET_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_TEXT_LENGTH = 4096  # Telegram's limit for one message
MAX_CALLBACK_DATA_BYTES = 64  # Telegram's limit for a button's callback_data
ALLOWED_UPDATES = ("message", "callback_query")
API_TIMEOUT_SECONDS = 30
SHORT_BUTTON_TITLE = 14  # up to 3 buttons this short share one keyboard row


# ---------------------------------------------------------------- configuration


@dataclass(frozen=True)
class TelegramSettings:
    token: str | None = None
    secret_token: str | None = None
    webhook_url: str | None = None
    api_base_url: str = DEFAULT_API_BASE_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "TelegramSettings":
        """The TELEGRAM_* settings, from settings.load(environ)."""
        config = settings.load(environ)
        return cls(
            config.telegram_token,
            config.telegram_secret_token,
            config.telegram_webhook_url,
            config.telegram_api_base_url,
        )

    def problem(self) -> str | None:
        """Why a configured channel cannot be turned on (None when it can, or when it is not configured)."""
        if not self.token:
            return None
        try:
            check_token(self.token)
        except Exception:
            return "TELEGRAM_TOKEN does not look like a bot token (<digits>:<secret>)"
        if not self.secret_token:
            return "TELEGRAM_SECRET_TOKEN is required when TELEGRAM_TOKEN is set"
        if not SECRET_TOKEN_PATTERN.match(self.secret_token):
            return "TELEGRAM_SECRET_TOKEN must be 1-256 characters from A-Z, a-z, 0-9, _ and -"
        if not re.match(r"^https?://", self.api_base_url):
            return "TELEGRAM_API_BASE_URL must be an http(s) URL"
        return None

    @property
    def enabled(self) -> bool:
        return bool(self.token) and self.problem() is None


class BotPool:
    """One aiogram `Bot` per running event loop, created on first use inside that loop.

    An aiohttp session belongs to the loop it was created in; reusing a `Bot`
    across loops is what made the stock channel fail with "Event loop is closed".
    """

    def __init__(self, settings: TelegramSettings) -> None:
        self.settings = settings
        self.server = TelegramAPIServer.from_base(settings.api_base_url)
        self._bots: dict[int, tuple[asyncio.AbstractEventLoop, Bot]] = {}

    def current(self) -> Bot:
        loop = asyncio.get_running_loop()
        for key, (other_loop, _) in list(self._bots.items()):
            if other_loop.is_closed():
                del self._bots[key]
        entry = self._bots.get(id(loop))
        if entry is None or entry[0] is not loop:
            bot = Bot(self.settings.token, server=self.server, timeout=API_TIMEOUT_SECONDS)
            entry = self._bots[id(loop)] = (loop, bot)
        return entry[1]

    async def close_current(self) -> None:
        loop = asyncio.get_running_loop()
        entry = self._bots.pop(id(loop), None)
        if entry and entry[0] is loop and entry[1]._session is not None:
            await entry[1]._session.close()

    def redact(self, text: str) -> str:
        """Error texts can contain request URLs, which contain the token."""
        return text.replace(self.settings.token or "\0", "<token>")


class CallbackPayloads:
    """Button payloads as Telegram callback_data (at most 64 bytes).

    Short payloads are sent as they are. A longer one is replaced by a key into
    a bounded in-memory table; if the key is unknown when the button is pressed
    (e.g. after a restart) the button's title is used as the user's message.
    """

    PREFIX = "~p:"

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._table: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        if payload and len(payload.encode()) <= MAX_CALLBACK_DATA_BYTES and not payload.startswith(self.PREFIX):
            return payload
        key = self.PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._table[key] = payload
        self._table.move_to_end(key)
        while len(self._table) > self.size:
            self._table.popitem(last=False)
        return key

    def decode(self, data: str) -> str | None:
        if data.startswith(self.PREFIX):
            return self._table.get(data)
        return data


# ---------------------------------------------------------------- output


class TelegramChannelOutput(OutputChannel):
    """Sends the bot's messages with the `Bot` of the running event loop."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, bots: BotPool, payloads: CallbackPayloads) -> None:
        self.bots = bots
        self.payloads = payloads

    @property
    def bot(self) -> Bot:
        return self.bots.current()

    async def _send(self, chat_id: str, text: str, reply_markup: InlineKeyboardMarkup | None = None) -> None:
        parts = split_text(text, MAX_TEXT_LENGTH) or ["…"]
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await self.bot.send_message(
                chat_id, part, reply_markup=reply_markup if last else None, disable_web_page_preview=True
            )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(recipient_id, text)

    def keyboard(self, buttons: list[dict[str, Any]]) -> InlineKeyboardMarkup:
        markup = InlineKeyboardMarkup()
        keys = [
            InlineKeyboardButton(
                str(b.get("title") or b.get("payload") or "?"),
                callback_data=self.payloads.encode(str(b.get("payload") or b.get("title") or "")),
            )
            for b in buttons
        ]
        if len(keys) <= 3 and all(len(k.text) <= SHORT_BUTTON_TITLE for k in keys):
            markup.row(*keys)
        else:
            for key in keys:
                markup.row(key)
        return markup

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        buttons = [b for b in buttons if isinstance(b, dict)]
        await self._send(recipient_id, text, self.keyboard(buttons) if buttons else None)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.bot.send_photo(recipient_id, image)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        summary = assessment_summary(json_message)
        if summary:
            await self._send(recipient_id, summary)
        elif isinstance(json_message.get("text"), str):
            await self._send(recipient_id, json_message["text"])
        else:
            logger.debug("Telegram: skipped a custom message with keys %s", sorted(json_message))


# ---------------------------------------------------------------- input


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
