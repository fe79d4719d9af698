"""A web chat tab for tests: a real python-socketio client (polling transport),
talking as rasa-webchat 1.0.1 does."""

import queue
import threading
from typing import Any

import socketio

WAIT = 20


class Client:
    """One browser tab, as rasa-webchat 1.0.1 talks: session_request on connect, then user_uttered."""

    def __init__(self, url: str, origin: str | None = None, headers: dict[str, str] | None = None) -> None:
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("session_confirm", lambda data: self.events.put(("session_confirm", data)))
        self.sio.on("bot_uttered", lambda data: self.events.put(("bot_uttered", data)))
        headers = {**({"Origin": origin} if origin else {}), **(headers or {})}
        self.sio.connect(url, socketio_path="/socket.io", transports=["polling"], headers=headers, wait_timeout=WAIT)

    def next(self, event: str) -> Any:
        while True:
            name, data = self.events.get(timeout=WAIT)
            if name == event:
                return data

    def session(self, session_id: str | None = None) -> str:
        self.sio.emit("session_request", {"session_id": session_id})
        return self.next("session_confirm")

    def say(self, text: Any, session_id: str | None = None, until: str = "") -> list[dict[str, Any]]:
        """Sends a message; the bot's messages until one contains `until` (or the first one)."""
        self.sio.emit("user_uttered", {"message": text, "customData": {"language": "en"}, "session_id": session_id})
        messages = [self.next("bot_uttered")]
        while until not in (messages[-1].get("text") or ""):
            messages.append(self.next("bot_uttered"))
        return messages

    def quiet(self, seconds: float = 3.0) -> list[tuple[str, Any]]:
        """Everything that arrives within `seconds` (expected: nothing)."""
        got = []
        try:
            while True:
                got.append(self.events.get(timeout=seconds))
        except queue.Empty:
            return got

    def close(self) -> None:
        # A polling client's disconnect waits for its pending long poll, which the
        # server may hold for a ping interval: don't make every test wait for it.
        closing = threading.Thread(target=self.sio.disconnect, daemon=True)
        closing.start()
        closing.join(timeout=5)
