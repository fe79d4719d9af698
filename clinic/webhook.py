"""Optionally POST each finished pre-screening to the clinic's system."""

import asyncio
import hashlib
import hmac
import json
import logging
from typing import Any

import aiohttp

import settings

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


class ClinicWebhook:
    """Fire-and-forget POST of `{"reference_code", "summary", "questionnaire_response"}`.

    `questionnaire_response` is the stored FHIR resource: the same one the FHIR
    API serves (clinic/fhir_api.py) and the front desk exports (docs/fhir.md).

    Signed with HMAC-SHA256 of the body in `X-Signature-SHA256` when
    CLINIC_WEBHOOK_SECRET is set. Never blocks the conversation; failures are logged.
    """

    def __init__(self, url: str | None, secret: str | None = None) -> None:
        self.url = url
        self.secret = secret
        self._tasks: set[asyncio.Task] = set()

    @classmethod
    def from_settings(cls, config: Any = None) -> "ClinicWebhook":
        """CLINIC_WEBHOOK_URL and CLINIC_WEBHOOK_SECRET, from `config` (default: settings.load())."""
        config = config or settings.load()
        return cls(config.clinic_webhook_url, config.clinic_webhook_secret)

    def send(self, document: dict[str, Any]) -> None:
        if not self.url:
            return
        task = asyncio.get_running_loop().create_task(self._post(document))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _post(self, document: dict[str, Any]) -> None:
        body = json.dumps(document).encode()
        headers = {"Content-Type": "application/json"}
        if self.secret:
            headers["X-Signature-SHA256"] = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        try:
            async with (
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)) as session,
                session.post(self.url, data=body, headers=headers) as response,
            ):
                if response.status >= 300:
                    logger.warning("Clinic webhook answered %s for %s", response.status, document.get("reference_code"))
        except Exception as error:  # noqa: BLE001 - a clinic system being down must not break the chat
            logger.warning("Clinic webhook failed for %s: %s", document.get("reference_code"), error)
