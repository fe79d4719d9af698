"""A fake clinic system receiving finished pre-screenings (the clinic webhook)."""

from aiohttp import web

from tests.support.fake_telegram import RecordingServer


class FakeClinic(RecordingServer):
    """Records every POST to /prescreenings: the JSON body and the signature header."""

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/prescreenings"

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/prescreenings", self._receive)
        return app

    async def _receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.record("prescreening", {"body": body, "signature": request.headers.get("X-Signature-SHA256")})
        return web.json_response({"ok": True}, status=201)
