"""The one gate every channel's messages go through: rate limits
(channels/rate_limits.py), the input rules (channels/input_rules.py), and
processing that never ends in silence.

    gate = Gate("socketio")
    verdict = gate.admit(sender, text, address)
    await gate.handle(on_new_message, verdict, output, sender, metadata)
"""

import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.input_rules import InputRules, Verdict, reply, shared_rules
from channels.language import IDENTIFIER
from channels.rate_limits import RateLimits, shared

logger = logging.getLogger(__name__)


class Gate:
    def __init__(
        self,
        channel: str,
        rules: InputRules | None = None,
        limits: RateLimits | None = None,
        redact: Callable[[str], str] | None = None,
    ) -> None:
        """`redact`: hides secrets (e.g. a bot token in a URL) in error texts before they are logged."""
        self.channel = channel
        self.rules = rules or shared_rules()
        self.limits = limits or shared()
        self.redact = redact or str
        IDENTIFIER.warm_up()

    def rate_limited(self, sender: str, address: str | None = None) -> Verdict | None:
        """Counts the message; a Verdict when it is over a limit (its reply is None when the person was
        already told in the last minute, so a flood is not answered by a flood)."""
        wait = self.limits.hit(self.channel, sender, address)
        if wait is None:
            return None
        told = self.limits.first_notice(self.channel, sender)
        if told:  # once a minute per sender, not once per message of a flood
            logger.warning(
                "%s: sender %s (address %s) is over a rate limit; retry in %d s.",
                self.channel,
                sender,
                address or "-",
                wait,
            )
        return Verdict(reply=reply("rate_limited") if told else None, reason="rate_limited", retry_after=wait)

    def admit(self, sender: str, text: str, address: str | None = None) -> Verdict:
        """Rate limits, then the input rules, for one message's text."""
        return self.rate_limited(sender, address) or self.rules.check(text)

    async def handle(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        verdict: Verdict,
        output: OutputChannel,
        sender: str,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """What every channel does with a verdict: an accepted message goes to Rasa
        (`process`), a refused one gets its reply, if it has one."""
        if verdict.accepted:
            await self.process(
                on_new_message, UserMessage(verdict.text, output, sender, input_channel=self.channel, metadata=metadata)
            )
        elif verdict.reply:
            await self.tell(output, sender, verdict.reply)

    async def tell(self, output: OutputChannel, recipient: str, text: str) -> None:
        """Sends a reply; a failure is logged (with secrets redacted), never raised."""
        try:
            await output.send_text_message(recipient, text)
        except Exception as error:
            logger.error(
                "%s: could not answer %s (%s: %s).",
                self.channel,
                recipient,
                type(error).__name__,
                self.redact(str(error)),
            )

    async def process(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> bool:
        """Hands the message to Rasa. If that raises, the person gets an apology (never silence) and the
        error is logged without the message text. False when it failed."""
        try:
            await on_new_message(message)
            return True
        except Exception as error:
            # The error's text can quote the message (e.g. SQL parameters): only its type above DEBUG.
            logger.error(
                "%s: handling a message from %s failed (%s).", self.channel, message.sender_id, type(error).__name__
            )
            logger.debug("%s: %s", self.channel, self.redact(traceback.format_exc()))
        await self.tell(message.output_channel, message.sender_id, reply("failed"))
        return False
