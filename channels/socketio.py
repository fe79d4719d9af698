"""socket.io channel for the web widget, fixing Rasa 3.6.21's stock one.

Bugs of the stock channel:
- With python-socketio >= 5.10 `enter_room` is a coroutine that stock Rasa
  does not await, so with session persistence no reply ever reaches the
  browser (RasaHQ/rasa#13027).
- Stock Rasa sends custom payloads as `emit(event, **payload)`, which fails
  for any payload without a `data` key (our `{"assessment": ...}`).

Security:
- **Session ids are issued by the server**: `<random>.<HMAC>`, 32 random
  characters (`secrets.token_urlsafe(24)`) signed with CHAT_SESSION_SECRET.
  The stock channel used whatever id the browser sent in `session_request`,
  and the id decides which room receives the replies, so anyone who knew or
  guessed an id could read that conversation. A client's stored id (the
  widget keeps it in localStorage and sends it back when the page reloads)
  is accepted only with a valid signature; anything else is replaced by a
  new id in `session_confirm` (rasa-webchat then starts a new conversation).
- **Messages go to the connection's own session**: the `session_id` a client
  puts in `user_uttered` is ignored; a connection that has not asked for a
  session is told to reload.
- **Origins**: a connection whose `Origin` header is not allowed by
  CORS_ORIGINS (the same list and syntax as Rasa's `--cors`: exact origins or
  regular expressions, `*` for any; default the web page's own origin) is
  refused. Clients that send no Origin (not a browser) are not affected.
- Every message goes through the shared gate (channels/gate.py): rate limits
  per session and per client address, the input rules, never silence.

CHAT_SESSION_SECRET must be the same for every Rasa server behind one web
page and stay the same across restarts, or stored sessions are replaced (the
conversation starts again). Unset, a random secret is made at start
(`make run` makes one per run).
"""

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint
from sanic_cors.core import try_match_any

import settings
from channels.common import client_address
from channels.gate import Gate
from channels.input_rules import metadata_ok

logger = logging.getLogger(__name__)

NO_SESSION_REPLY = "Your chat session isn't set up. Please reload the page to start again."


class SessionIds:
    """Unguessable session ids that only this server (or one sharing its secret) can issue."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "SessionIds":
        """CHAT_SESSION_SECRET, from settings.load(environ) (which refuses one shorter than 16 characters)."""
        secret = settings.load(environ).chat_session_secret
        if secret:
            return cls(secret.encode())
        logger.warning(
            "CHAT_SESSION_SECRET is not set: using a random one, so web chat sessions will not "
            "survive a restart and cannot be shared by several Rasa servers."
        )
        return cls(secrets.token_bytes(32))

    def _mac(self, token: str) -> str:
        digest = hmac.new(self.secret, token.encode(), hashlib.sha256).digest()[:18]
        return base64.urlsafe_b64encode(digest).decode()

    def issue(self) -> str:
        token = secrets.token_urlsafe(24)
        return f"{token}.{self._mac(token)}"

    def valid(self, session_id: Any) -> bool:
        if not isinstance(session_id, str) or len(session_id) > 100 or "." not in session_id:
            return False
        token, mac = session_id.split(".", 1)
        return len(token) >= 32 and hmac.compare_digest(self._mac(token).encode(), mac.encode())


def allowed_origins(environ: Mapping[str, str] | None = None) -> list[str]:
    """CORS_ORIGINS (space-separated), default the web page's own origins (settings/)."""
    return list(settings.load(environ).cors_origins)


def connection_address(environ: Mapping[str, Any]) -> str | None:
    """The client's IP as Sanic sees it (proxy-aware); engineio's own REMOTE_ADDR is always 127.0.0.1."""
    request = environ.get("sanic.request")
    return client_address(request) if request is not None else environ.get("REMOTE_ADDR")


class SocketIOChannelOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)


class SocketIOChannel(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = SessionIds.from_env()
        self.origins = allowed_origins()
        self.gate = Gate(self.name())

    def get_output_channel(self) -> SocketIOChannelOutput | None:
        return None if self.sio is None else SocketIOChannelOutput(self.sio, self.bot_message_evt)

    def origin_allowed(self, origin: str | None) -> bool:
        return not origin or "*" in self.origins or bool(try_match_any(origin, self.origins))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace
        stock_connect = sio.handlers.get(namespace or "/", {}).get("connect")  # checks the JWT, if configured

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not self.origin_allowed(origin):
                logger.warning("socket.io: refused a connection from origin %r (not in CORS_ORIGINS).", origin)
                return False
            if stock_connect is not None and not await stock_connect(sid, environ, auth):
                return False
            await sio.save_session(sid, {"address": connection_address(environ)}, namespace=namespace)
            return True

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any) -> None:
            claimed = data.get("session_id") if isinstance(data, dict) else None
            session_id = claimed if self.sessions.valid(claimed) else self.sessions.issue()
            if claimed and session_id != claimed:
                logger.info("socket.io: a session id the server did not issue was replaced.")
            session = await sio.get_session(sid, namespace=namespace)
            previous = session.get("session_id")
            if previous and previous != session_id:
                await sio.leave_room(sid, previous, namespace=namespace)
            session["session_id"] = session_id
            await sio.save_session(sid, session, namespace=namespace)
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any) -> None:
            session = await sio.get_session(sid, namespace=namespace)
            output = SocketIOChannelOutput(sio, self.bot_message_evt)
            sender_id = session.get("session_id") if self.session_persistence else sid
            if not sender_id:
                await output.send_text_message(sid, NO_SESSION_REPLY)
                return
            data = data if isinstance(data, dict) else {}
            text = data.get("message") if isinstance(data.get("message"), str) else ""
            metadata = data.get(self.metadata_key)  # the widget's customData
            verdict = self.gate.admit(sender_id, text, session.get("address"))
            await self.gate.handle(
                on_new_message, verdict, output, sender_id, metadata if metadata_ok(metadata) and metadata else {}
            )

        return blueprint
