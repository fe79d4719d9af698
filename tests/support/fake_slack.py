"""A fake Slack Web API: a real HTTP server (aiohttp) in a background thread.

It serves /api/<method> for the methods the Slack channel uses, checks the bot
token like Slack does (`{"ok": false, "error": "invalid_auth"}`), and records
every call (thread-safe, see `RecordingServer`).
"""

import itertools
import time
from typing import Any

from aiohttp import web

from tests.support.fake_telegram import RecordingServer


class FakeSlack(RecordingServer):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self._ts = itertools.count(1)

    @property
    def api_base_url(self) -> str:
        return f"{self.url}/api/"

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle)
        return app

    def posts(self, channel: str) -> list[dict[str, Any]]:
        """The params of every chat.postMessage to `channel`, in order."""
        return [c.params for c in self.calls("chat.postMessage", lambda c: c.params.get("channel") == channel)]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        params = await self.request_params(request)
        self.record(method, params)
        if method == "chat.postMessage":
            if not params.get("channel"):
                return web.json_response({"ok": False, "error": "channel_not_found"})
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            return web.json_response(
                {
                    "ok": True,
                    "channel": params["channel"],
                    "ts": ts,
                    "message": {"type": "message", "text": params.get("text", ""), "ts": ts, "bot_id": "B0FAKE"},
                }
            )
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": "U0BOT", "bot_id": "B0FAKE", "team_id": "T0FAKE"})
        if method == "chat.update":
            return web.json_response({"ok": True, "channel": params.get("channel"), "ts": params.get("ts")})
        return web.json_response({"ok": False, "error": "unknown_method"})
