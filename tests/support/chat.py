"""A person talking to the assistant over the REST channel."""
import itertools
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import requests

_ids = itertools.count()


@dataclass
class Reply:
    messages: List[Dict[str, Any]]

    @property
    def texts(self) -> List[str]:
        return [m["text"] for m in self.messages if m.get("text")]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> List[Dict[str, str]]:
        return [b for m in self.messages for b in m.get("buttons", [])]

    @property
    def assessment(self) -> Optional[Dict[str, Any]]:
        found = [m["custom"]["assessment"] for m in self.messages
                 if isinstance(m.get("custom"), dict) and "assessment" in m["custom"]]
        return found[-1] if found else None


class Conversation:
    def __init__(self, stack, sender: Optional[str] = None) -> None:
        self.stack = stack
        self.sender = sender or f"person-{next(_ids)}"
        self.transcript: List[str] = []

    def say(self, text: str) -> Reply:
        response = requests.post(f"{self.stack.url}/webhooks/rest/webhook",
                                 json={"sender": self.sender, "message": text}, timeout=30)
        response.raise_for_status()
        reply = Reply(response.json())
        self.transcript += [f"> {text}"] + [f"< {t}" for t in reply.texts]
        return reply

    def tracker(self) -> Dict[str, Any]:
        response = requests.get(f"{self.stack.url}/conversations/{self.sender}/tracker",
                                params={"token": self.stack.token}, timeout=10)
        response.raise_for_status()
        return response.json()

    def slots(self) -> Dict[str, Any]:
        return self.tracker()["slots"]

    @property
    def requested_slot(self) -> Optional[str]:
        return self.slots().get("requested_slot")

    def __str__(self) -> str:
        return "\n".join(self.transcript)
