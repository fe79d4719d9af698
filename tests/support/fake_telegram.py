"""A fake Telegram Bot API: a real HTTP server (aiohttp) in a background thread.

It serves /bot<token>/<method> for the methods the channel uses, answers like
Telegram does (`{"ok": true, "result": ...}`), and records every call. The
recorded calls can be read from any thread.

`RecordingServer` (the thread, the port, the records) is also used by
tests/support/fake_slack.py.
"""

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class RecordingServer:
    """An aiohttp app on 127.0.0.1:<free port>, run by its own event loop in a daemon thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    # -- to be provided by subclasses
    def make_app(self) -> web.Application:
        raise NotImplementedError

    @staticmethod
    async def request_params(request: web.Request) -> dict[str, Any]:
        """A call's parameters, as JSON, form fields or the query string."""
        if request.content_type == "application/json":
            return await request.json()
        if request.method == "POST":
            return dict(await request.post())
        return dict(request.query)

    # -- life cycle
    def start(self) -> "RecordingServer":
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            loop = self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                self._runner = web.AppRunner(self.make_app(), access_log=None)
                loop.run_until_complete(self._runner.setup())
                site = web.TCPSite(self._runner, "127.0.0.1", 0)
                loop.run_until_complete(site.start())
                self.port = self._runner.addresses[0][1]
            except BaseException as error:  # pragma: no cover - reported to start()
                errors.append(error)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name=type(self).__name__, daemon=True)
        self._thread.start()
        if not ready.wait(10) or errors:
            raise RuntimeError(f"{type(self).__name__} did not start: {errors}")
        return self

    def stop(self) -> None:
        if self._loop and self._thread and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- records
    def record(self, method: str, params: dict[str, Any]) -> None:
        with self._lock:
            self._calls.append(Call(method, params))

    def calls(self, method: str | None = None, where: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._lock:
            calls = list(self._calls)
        return [c for c in calls if (method is None or c.method == method) and (where is None or where(c))]

    def wait_for(
        self,
        method: str | None = None,
        where: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 30.0,
    ) -> list[Call]:
        """Wait until at least `count` matching calls were recorded; return them all."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls(method, where)
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def wait_quiet(self, quiet: float = 1.5, timeout: float = 30.0) -> None:
        """Wait until no call was recorded for `quiet` seconds (the bot has finished replying)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls()
            last = calls[-1].at if calls else 0.0
            if time.monotonic() - last >= quiet:
                return
            time.sleep(0.1)


JSON_PARAMS = ("reply_markup", "allowed_updates", "entities")


class FakeTelegram(RecordingServer):
    """The Bot API methods the Telegram channel uses, for one bot token."""

    def __init__(self, token: str, username: str = "heel_test_bot") -> None:
        super().__init__()
        self.token = token
        self.username = username
        self._message_ids = itertools.count(1000)

    @property
    def api_base_url(self) -> str:
        return self.url

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    def sent_messages(self, chat_id: Any) -> list[dict[str, Any]]:
        """The params of every sendMessage to `chat_id`, in order."""
        return [c.params for c in self.calls("sendMessage", lambda c: str(c.params.get("chat_id")) == str(chat_id))]

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params = await self.request_params(request)
        params = {
            k: (v if isinstance(v, (str, int, float, bool, list, dict)) or v is None else str(v))
            for k, v in params.items()
        }
        for key in JSON_PARAMS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        self.record(method, params)
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.json_response({"ok": True, "result": handler(params)})

    # -- Bot API methods
    def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": int(self.token.split(":")[0]),
            "is_bot": True,
            "first_name": "Heel test bot",
            "username": self.username,
        }

    def api_setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        chat_id = int(chat_id) if str(chat_id).lstrip("-").isdigit() else chat_id
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            **extra,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params, text=params.get("text", ""))

    def api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params, photo=[])

    def api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params, text="")
