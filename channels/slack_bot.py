"""Slack's side of the Slack channel (channels/slack.py): the SLACK_* settings and the
output channel that posts the bot's messages through the Web API.

Buttons are Block Kit: a section block with the text and an actions block with
one button per choice (value = the Rasa payload), up to Slack's 25. No `as_user`
(rejected for new Slack apps); the `{"assessment": ...}` custom payload becomes a
one-line summary.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.channels.slack import SlackBot
from slack_sdk.web.async_client import AsyncWebClient

import settings
from channels.common import assessment_summary, split_text

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = settings.default("SLACK_API_BASE_URL")
MAX_BUTTONS = 25  # elements in one actions block
MAX_BUTTON_TITLE = 75
MAX_BUTTON_VALUE = 2000
MAX_SECTION_TEXT = 3000


def escape_mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class SlackSettings:
    token: str | None = None
    signing_secret: str | None = None
    api_base_url: str = DEFAULT_API_BASE_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "SlackSettings":
        """The SLACK_* settings, from settings.load(environ)."""
        config = settings.load(environ)
        base = config.slack_api_base_url
        return cls(config.slack_token, config.slack_signing_secret, base if base.endswith("/") else base + "/")

    def problem(self) -> str | None:
        if not self.token and not self.signing_secret:
            return None
        if not self.token:
            return "SLACK_SIGNING_SECRET is set but SLACK_TOKEN is not"
        if not self.signing_secret:
            return "SLACK_TOKEN is set but SLACK_SIGNING_SECRET is not (unsigned requests are never accepted)"
        if not self.api_base_url.startswith(("http://", "https://")):
            return "SLACK_API_BASE_URL must be an http(s) URL"
        return None

    @property
    def enabled(self) -> bool:
        return bool(self.token and self.signing_secret) and self.problem() is None


class SlackChannelOutput(SlackBot):
    """Posts to one Slack conversation (or to the recipient's DM when none is known)."""

    def __init__(
        self,
        token: str,
        api_base_url: str = DEFAULT_API_BASE_URL,
        slack_channel: str | None = None,
        thread_id: str | None = None,
    ) -> None:
        OutputChannel.__init__(self)
        self.slack_channel = slack_channel
        self.thread_id = thread_id
        self.proxy = None
        self.client = AsyncWebClient(token, base_url=api_base_url)

    async def _post(self, recipient_id: str, **kwargs: Any) -> None:
        await self._post_message(channel=self.slack_channel or recipient_id, **kwargs)

    def _text_blocks(self, text: str) -> list[dict[str, Any]]:
        return [
            {"type": "section", "text": {"type": "mrkdwn", "text": escape_mrkdwn(part)}}
            for part in split_text(text, MAX_SECTION_TEXT)[:49]
        ]

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post(
            recipient_id,
            text=escape_mrkdwn(text.strip()),
        )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        buttons = [b for b in buttons if isinstance(b, dict)]
        if len(buttons) > MAX_BUTTONS:
            logger.warning("Slack: only the first %d of %d buttons are shown.", MAX_BUTTONS, len(buttons))
        elements = [
            {
                "type": "button",
                "action_id": f"rasa_button_{index}",
                "text": {
                    "type": "plain_text",
                    "text": str(b.get("title") or b.get("payload"))[:MAX_BUTTON_TITLE],
                    "emoji": True,
                },
                "value": str(b.get("payload") or b.get("title"))[:MAX_BUTTON_VALUE],
            }
            for index, b in enumerate(buttons[:MAX_BUTTONS])
        ]
        blocks = self._text_blocks(text)
        if elements:
            blocks.append({"type": "actions", "block_id": "rasa_buttons", "elements": elements})
        await self._post(recipient_id, text=escape_mrkdwn(text.strip()), blocks=blocks)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._post(recipient_id, text=image, blocks=[{"type": "image", "image_url": image, "alt_text": "image"}])

    async def send_attachment(
        self,
        recipient_id: str,
        attachment: dict[str, Any],  # type: ignore[override]
        **kwargs: Any,
    ) -> None:
        await self._post(recipient_id, attachments=[attachment])

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        summary = assessment_summary(json_message)
        if summary:
            await self.send_text_message(recipient_id, summary)
        elif isinstance(json_message.get("text"), str) or isinstance(json_message.get("blocks"), list):
            message = {k: v for k, v in json_message.items() if k not in ("channel", "as_user")}
            await self._post_message(
                channel=json_message.get("channel") or self.slack_channel or recipient_id, **message
            )
        else:
            logger.debug("Slack: skipped a custom message with keys %s", sorted(json_message))
