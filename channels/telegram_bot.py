"""Telegram's side of the Telegram channel (channels/telegram.py): the TELEGRAM_*
settings, one aiogram `Bot` per running event loop, button payloads within
Telegram's limit, and the output channel that sends the bot's messages with them.

Buttons become an inline keyboard; a long message is sent in parts.
"""

import asyncio
import hashlib
import logging
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer, check_token
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import OutputChannel

import settings
from channels.common import assessment_summary, split_text

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = settings.default("TELEGRAM_API_BASE_URL")
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret token.
SECRET_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_TEXT_LENGTH = 4096  # Telegram's limit for one message
MAX_CALLBACK_DATA_BYTES = 64  # Telegram's limit for a button's callback_data
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
