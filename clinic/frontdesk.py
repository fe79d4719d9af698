"""The clinic front desk: today's pre-screenings, most urgent first.

A Sanic blueprint mounted by the web server under /frontdesk. Every page needs
the staff token (FRONTDESK_TOKEN): typed once into the login form, which sets
a signed, HttpOnly session cookie, or sent as `Authorization: Bearer <token>`
by a program. Without it, only the login form is served, and it shows nothing.
Times in its JSON are ISO 8601 (UTC), as in the FHIR resources; the clinic's
systems have a FHIR API beside it (clinic/fhir_api.py).
Everything a person typed is escaped (Jinja2 autoescaping): never rendered as markup.
"""

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from jinja2 import Environment, select_autoescape
from sanic import Blueprint, Request, response
from sanic.response import HTTPResponse

from heel.advice import CONDITION_NAMES

from .fhir import LEVEL_TEXT, iso
from .records import RecordStore
from .reference import normalise

COOKIE = "frontdesk_session"
SESSION_SECONDS = 12 * 3600

TEMPLATES = {
    "base": """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · Front desk</title><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/frontdesk.css"></head>
<body><header><h1>{{ title }}</h1>{% if signed_in %}<form method="post" action="/frontdesk/logout">
<button type="submit">Sign out</button></form>{% endif %}</header><main>{% block main %}{% endblock %}</main></body></html>""",
    "login": """{% extends "base" %}{% block main %}
{% if error %}<p role="alert" class="error">{{ error }}</p>{% endif %}
<form method="post" action="/frontdesk/login"><label for="token">Staff token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button></form>{% endblock %}""",
    "list": """{% extends "base" %}{% block main %}
<form method="get" action="/frontdesk/find" role="search"><label for="code">Reference code</label>
<input id="code" name="code" placeholder="e.g. HX4-K9P" required><button type="submit">Open</button></form>
<p>{{ records|length }} pre-screening{{ '' if records|length == 1 else 's' }} on {{ day }}, most urgent first.</p>
<table><caption class="visually-hidden">Pre-screenings today</caption>
<thead><tr><th scope="col">Urgency</th><th scope="col">Reference</th><th scope="col">Time</th>
<th scope="col">Most likely</th></tr></thead><tbody>
{% for r in records %}<tr class="level-{{ r.triage_level }}"><td><span class="badge">{{ level_text[r.triage_level] }}</span></td>
<td><a href="/frontdesk/records/{{ r.reference_code }}">{{ r.reference_code }}</a></td>
<td>{{ local_time(r.created_at) }}</td><td>{{ condition(r.likely_condition) }}</td></tr>
{% else %}<tr><td colspan="4">No pre-screenings yet today.</td></tr>{% endfor %}
</tbody></table>{% endblock %}""",
    "message": """{% extends "base" %}{% block main %}<p role="alert">{{ message }}</p>
<p><a href="/frontdesk/">← Today's list</a></p>{% endblock %}""",
    "record": """{% extends "base" %}{% block main %}
<p><a href="/frontdesk/">← Today's list</a> · <a href="/frontdesk/records/{{ r.reference_code }}.json" download>Export JSON</a></p>
<p class="level-{{ r.triage_level }}"><span class="badge">{{ level_text[r.triage_level] }}</span></p>
<pre class="summary">{{ r.summary }}</pre>{% endblock %}""",
}


def _environment() -> Environment:
    from jinja2 import DictLoader

    return Environment(
        loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True)
    )


def frontdesk_blueprint(store_factory: Callable[[], RecordStore], token: str, timezone: str = "UTC") -> Blueprint:  # noqa: C901 - its routes are closures, counted in it
    """The front desk. `store_factory` is called once, lazily (no I/O at import or build time)."""
    if not token:
        raise ValueError("the front desk needs a staff token")
    zone = ZoneInfo(timezone)
    env = _environment()
    bp = Blueprint("frontdesk", url_prefix="/frontdesk")
    state: dict = {}

    def store() -> RecordStore:
        if "store" not in state:
            state["store"] = store_factory()
        return state["store"]

    def sign(expires: int) -> str:
        mac = hmac.new(token.encode(), f"frontdesk:{expires}".encode(), hashlib.sha256).hexdigest()
        return f"{expires}.{mac}"

    def authorised(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return hmac.compare_digest(header[7:].strip().encode(), token.encode())
        cookie = request.cookies.get(COOKIE, "")
        expires, _, _mac = cookie.partition(".")
        if not expires.isdigit() or int(expires) < time.time():
            return False
        return hmac.compare_digest(cookie.encode(), sign(int(expires)).encode())

    def page(name: str, status: int = 200, **values) -> HTTPResponse:
        html = env.get_template(name).render(
            level_text=LEVEL_TEXT,
            condition=lambda c: CONDITION_NAMES.get(c, c),
            local_time=lambda ts: datetime.fromtimestamp(ts, zone).strftime("%H:%M"),
            **values,
        )
        return response.html(html, status=status, headers={"Cache-Control": "no-store"})

    def denied(request: Request) -> HTTPResponse:
        if "text/html" in request.headers.get("accept", ""):
            return response.redirect("/frontdesk/login")
        return response.json({"error": "staff token required"}, status=401)

    @bp.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        return page("login", title="Front desk sign-in", signed_in=False, error=None)

    @bp.post("/login")
    async def login(request: Request) -> HTTPResponse:
        given = (request.form.get("token") or "") if request.form else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            return page(
                "login", status=401, title="Front desk sign-in", signed_in=False, error="That token is not right."
            )
        result = response.redirect("/frontdesk/")
        expires = int(time.time()) + SESSION_SECONDS
        result.cookies[COOKIE] = sign(expires)
        cookie = result.cookies[COOKIE]
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["path"] = "/frontdesk"
        cookie["max-age"] = SESSION_SECONDS
        return result

    @bp.post("/logout")
    async def logout(request: Request) -> HTTPResponse:
        result = response.redirect("/frontdesk/login")
        del result.cookies[COOKIE]
        return result

    @bp.get("/")
    async def today(request: Request) -> HTTPResponse:
        if not authorised(request):
            return denied(request)
        start = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
        records = store().between(start.timestamp(), (start + timedelta(days=1)).timestamp())
        if "application/json" in request.headers.get("accept", ""):
            return response.json(
                [
                    {
                        "reference_code": r.reference_code,
                        "triage_level": r.triage_level,
                        "likely_condition": r.likely_condition,
                        "created_at": iso(r.created_at),
                        "updated_at": iso(r.updated_at),
                    }
                    for r in records
                ],
                headers={"Cache-Control": "no-store"},
            )
        return page(
            "list", title="Today's pre-screenings", signed_in=True, records=records, day=start.strftime("%A %d %B %Y")
        )

    @bp.get("/find")
    async def find(request: Request) -> HTTPResponse:
        if not authorised(request):
            return denied(request)
        code = normalise(request.args.get("code", ""))
        return response.redirect(f"/frontdesk/records/{code}" if code else "/frontdesk/")

    @bp.get("/records/<code:str>")
    async def record(request: Request, code: str) -> HTTPResponse:
        if not authorised(request):
            return denied(request)
        as_json = code.endswith(".json")
        found = store().get(normalise(code[:-5] if as_json else code))
        if found is None:
            return (
                response.json({"error": "no such pre-screening"}, status=404)
                if as_json
                else page(
                    "message", status=404, title="Not found", signed_in=True, message="No pre-screening with that code."
                )
            )
        if as_json:
            body = json.dumps(
                {
                    "reference_code": found.reference_code,
                    "summary": found.summary,
                    "questionnaire_response": found.fhir,
                },
                indent=2,
            )
            return response.text(
                body,
                content_type="application/json",
                headers={
                    "Content-Disposition": f'attachment; filename="prescreening-{found.reference_code}.json"',
                    "Cache-Control": "no-store",
                },
            )
        return page("record", title=f"Pre-screening {found.reference_code}", signed_in=True, r=found)

    return bp
