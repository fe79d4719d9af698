"""A person talking to the assistant over the REST channel."""

import itertools
from dataclasses import dataclass
from typing import Any

import requests

_ids = itertools.count()


@dataclass
class Reply:
    messages: list[dict[str, Any]]

    @property
    def texts(self) -> list[str]:
        return [m["text"] for m in self.messages if m.get("text")]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for m in self.messages for b in m.get("buttons", [])]

    @property
    def assessment(self) -> dict[str, Any] | None:
        found = [
            m["custom"]["assessment"]
            for m in self.messages
            if isinstance(m.get("custom"), dict) and "assessment" in m["custom"]
        ]
        return found[-1] if found else None


class Conversation:
    def __init__(self, stack, sender: str | None = None) -> None:
        self.stack = stack
        self.sender = sender or f"person-{next(_ids)}"
        self.transcript: list[str] = []

    def say(self, text: str) -> Reply:
        response = requests.post(
            f"{self.stack.url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=30
        )
        response.raise_for_status()
        reply = Reply(response.json())
        self.transcript += [f"> {text}"] + [f"< {t}" for t in reply.texts]
        return reply

    def tracker(self) -> dict[str, Any]:
        response = requests.get(
            f"{self.stack.url}/conversations/{self.sender}/tracker", params={"token": self.stack.token}, timeout=10
        )
        response.raise_for_status()
        return response.json()

    def slots(self) -> dict[str, Any]:
        return self.tracker()["slots"]

    @property
    def requested_slot(self) -> str | None:
        return self.slots().get("requested_slot")

    def __str__(self) -> str:
        return "\n".join(self.transcript)
