"""A FHIR R4 (4.0.1) read API over the pre-screenings, for the clinic's systems.

A Sanic blueprint mounted by the web server under /fhir (with the front desk,
when FRONTDESK_TOKEN is set). Everything is `application/fhir+json`:

    GET /fhir/metadata                         CapabilityStatement (no token needed)
    GET /fhir/Questionnaire/heel-nerve-prescreen   the Questionnaire the responses answer
    GET /fhir/Questionnaire?url=...&version=...    its published versions (searchset Bundle)
    GET /fhir/QuestionnaireResponse?authored=ge2026-11-29&_count=50
                                               searchset Bundle, newest first, paged by `next` links;
                                               also identifier=<reference code> and _id
    GET /fhir/QuestionnaireResponse/{id}

Every read but `metadata` needs `Authorization: Bearer <FRONTDESK_TOKEN>`.
Every error is an OperationOutcome: 401 without the token, 400 for an unknown
parameter, a bad date or a `_count` over the limit, 404 for what does not
exist, 405 for anything but GET. docs/fhir.md describes it for integrators.
"""

import asyncio
import base64
import binascii
import hmac
import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import wraps
from typing import Any
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, text

from . import questionnaire
from .fhir import REFERENCE_SYSTEM, iso
from .records import Record, RecordStore, Window
from .reference import normalise

logger = logging.getLogger(__name__)

FHIR_JSON = "application/fhir+json"
FHIR_VERSION = "4.0.1"
DEFAULT_COUNT = 50
MAX_COUNT = 100
JSON_FORMATS = {"json", "application/json", FHIR_JSON}
RESPONSE_PARAMS = ("authored", "identifier", "_id", "_count", "_page", "_format")
QUESTIONNAIRE_PARAMS = ("url", "version", "_id", "_format")
SINGLE_PARAMS = {"_count", "_page", "_format", "url", "version"}
FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
DATE_PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
DATE = re.compile(
    r"^(?P<prefix>[a-z]{2})?(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d{1,6})?)?"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)


class FhirError(Exception):
    """An error the client gets as an OperationOutcome."""

    def __init__(self, status: int, code: str, diagnostics: str, headers: dict[str, str] | None = None):
        super().__init__(diagnostics)
        self.status, self.code, self.diagnostics, self.headers = status, code, diagnostics, headers or {}


def operation_outcome(code: str, diagnostics: str, severity: str = "error") -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}],
    }


def fhir_response(resource: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> HTTPResponse:
    return text(
        json.dumps(resource, ensure_ascii=False),
        status=status,
        content_type=f"{FHIR_JSON}; charset=utf-8",
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


# -- search parameters ---------------------------------------------------------
def query_params(request: Request, allowed: Sequence[str]) -> dict[str, list[str]]:
    """The query string's parameters, each a list of values; 400 for anything not `allowed`."""
    params: dict[str, list[str]] = {}
    for name, value in parse_qsl(request.query_string, keep_blank_values=True):
        if name not in allowed:
            raise FhirError(
                400, "not-supported", f"Unknown search parameter {name!r}. Supported: {', '.join(allowed)}."
            )
        if value == "":
            raise FhirError(400, "invalid", f"Search parameter {name!r} needs a value.")
        params.setdefault(name, []).append(value)
    for name in SINGLE_PARAMS & set(params):
        if len(params[name]) > 1:
            raise FhirError(400, "invalid", f"Search parameter {name!r} may be given once.")
    fmt = params.get("_format", [FHIR_JSON])[0]
    if fmt not in JSON_FORMATS:
        raise FhirError(400, "not-supported", f"_format {fmt!r} is not supported: this server speaks JSON only.")
    return params


def date_window(value: str, zone: tzinfo) -> Window:
    """A FHIR date search value ("ge2026-11-29", "lt2026-11-30T08:00:00Z") as a Window of epoch seconds.

    The value is a range as precise as it is written (a day, a month, a second...);
    a value without a time zone is in the clinic's (CLINIC_TIMEZONE)."""
    match = DATE.match(value)
    if not match:
        raise FhirError(
            400,
            "invalid",
            f"authored={value!r} is not a FHIR date: use e.g. ge2026-11-29, "
            "lt2026-11-30T08:00:00Z (prefixes eq, ne, gt, ge, lt, le, sa, eb).",
        )
    parts = match.groupdict()
    prefix = parts["prefix"] or "eq"
    if prefix not in DATE_PREFIXES:
        raise FhirError(400, "invalid", f"authored={value!r}: unknown prefix {prefix!r}.")
    if prefix == "ap":
        raise FhirError(400, "not-supported", f"authored={value!r}: the prefix 'ap' (approximately) is not supported.")
    if parts["zone"] == "Z":
        zone = timezone.utc
    elif parts["zone"]:
        sign = -1 if parts["zone"][0] == "-" else 1
        zone = timezone(sign * timedelta(hours=int(parts["zone"][1:3]), minutes=int(parts["zone"][4:6])))
    try:
        year = int(parts["year"])
        if parts["month"] is None:
            start, end = datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)
        elif parts["day"] is None:
            month = int(parts["month"])
            start = datetime(year, month, 1, tzinfo=zone)
            end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
        elif parts["hour"] is None:
            day = date(year, int(parts["month"]), int(parts["day"]))
            start = datetime(day.year, day.month, day.day, tzinfo=zone)
            following = day + timedelta(days=1)
            end = datetime(following.year, following.month, following.day, tzinfo=zone)
        else:
            start = datetime(
                year,
                int(parts["month"]),
                int(parts["day"]),
                int(parts["hour"]),
                int(parts["minute"]),
                int(parts["second"] or 0),
                int(float(parts["fraction"] or 0) * 1_000_000),
                tzinfo=zone,
            )
            step = (
                timedelta(minutes=1)
                if parts["second"] is None
                else timedelta(seconds=10 ** -(len(parts["fraction"]) - 1))
                if parts["fraction"]
                else timedelta(seconds=1)
            )
            end = start + step
    except (ValueError, OverflowError) as error:
        raise FhirError(400, "invalid", f"authored={value!r} is not a valid date ({error}).") from None
    lo, hi = start.timestamp(), end.timestamp()
    return {
        "eq": Window(lo, hi),
        "ne": Window(lo, hi, inside=False),
        "ge": Window(lo, None),
        "gt": Window(hi, None),
        "sa": Window(hi, None),
        "le": Window(None, hi),
        "lt": Window(None, lo),
        "eb": Window(None, lo),
    }[prefix]


def reference_codes(params: dict[str, list[str]]) -> set[str] | None:
    """The reference codes `_id` and `identifier` allow (each: values separated by commas are
    alternatives, repeated parameters must all hold); None when neither is given."""
    allowed: set[str] | None = None
    for name in ("_id", "identifier"):
        for value in params.get(name, []):
            if value.count(",") >= MAX_COUNT:
                raise FhirError(400, "too-costly", f"{name}: at most {MAX_COUNT} alternatives at a time.")
    for value in params.get("_id", []):
        codes = {normalise(v) for v in value.split(",") if FHIR_ID.match(v) and v == v.lower()} - {""}
        allowed = codes if allowed is None else allowed & codes
    for value in params.get("identifier", []):
        codes = set()
        for token in value.split(","):
            system, bar, code = token.rpartition("|")
            if not bar or system in ("", REFERENCE_SYSTEM):
                codes.add(normalise(code))
        codes.discard("")
        allowed = codes if allowed is None else allowed & codes
    return allowed


def page_count(params: dict[str, list[str]]) -> int:
    value = params.get("_count", [str(DEFAULT_COUNT)])[0]
    if not value.isdigit() or not value.isascii():
        raise FhirError(400, "invalid", f"_count={value!r} must be a whole number from 0 to {MAX_COUNT}.")
    count = int(value)
    if count > MAX_COUNT:
        raise FhirError(
            400,
            "too-costly",
            f"_count={count} is over the limit of {MAX_COUNT}: follow the Bundle's `next` link for more.",
        )
    return count


def encode_page(record: Record) -> str:
    raw = json.dumps([record.updated_at, record.reference_code]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page(token: str) -> tuple[float, str]:
    try:
        updated, code = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if (
            not isinstance(updated, (int, float))
            or isinstance(updated, bool)
            or not math.isfinite(updated)
            or not isinstance(code, str)
        ):
            raise ValueError
        return float(updated), code
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise FhirError(
            400, "invalid", "_page is not a page token of this server: follow the Bundle's `next` link as given."
        ) from None


# -- resources -------------------------------------------------------------------
def capability_statement(base: str) -> dict[str, Any]:
    token = {"type": "token"}
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": iso(datetime.now(timezone.utc).timestamp()),
        "publisher": "heelcheck",
        "kind": "instance",
        "software": {"name": "heelcheck pre-screening assistant"},
        "implementation": {"description": "Heel nerve pain pre-screenings (not diagnoses), read-only", "url": base},
        "fhirVersion": FHIR_VERSION,
        "format": ["json", FHIR_JSON],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Every read except /metadata needs `Authorization: Bearer <token>` "
                    "(the front desk's staff token, FRONTDESK_TOKEN)."
                },
                "resource": [
                    {
                        "type": "Questionnaire",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {"name": "url", "type": "uri"},
                            {"name": "version", **token},
                            {"name": "_id", **token},
                        ],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {
                                "name": "authored",
                                "type": "date",
                                "documentation": "When it was finished (or last corrected). Prefixes eq, ne, gt, ge, lt, "
                                "le, sa, eb; a date without a time zone is in the clinic's time zone.",
                            },
                            {
                                "name": "identifier",
                                **token,
                                "documentation": f"The reference code ({REFERENCE_SYSTEM}).",
                            },
                            {"name": "_id", **token},
                        ],
                        "documentation": f"Newest first. _count up to {MAX_COUNT} (default {DEFAULT_COUNT}); "
                        "more through the Bundle's `next` link.",
                    },
                ],
            }
        ],
    }


def searchset(
    base: str,
    path: str,
    params: dict[str, list[str]],
    entries: list[dict[str, Any]],
    total: int,
    next_page: str | None = None,
) -> dict[str, Any]:
    def url(extra: dict[str, str]) -> str:
        pairs = [(k, v) for k, values in params.items() if k != "_page" for v in values] + list(extra.items())
        return f"{base}/{path}" + (f"?{urlencode(pairs)}" if pairs else "")

    links = [{"relation": "self", "url": url({"_page": params["_page"][0]} if "_page" in params else {})}]
    if next_page is not None:
        links.append({"relation": "next", "url": url({"_page": next_page})})
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": iso(datetime.now(timezone.utc).timestamp()),
        "total": total,
        "link": links,
    }
    if entries:  # FHIR JSON never has an empty array
        bundle["entry"] = [
            {"fullUrl": f"{base}/{e['resourceType']}/{e['id']}", "resource": e, "search": {"mode": "match"}}
            for e in entries
        ]
    return bundle


# -- the blueprint ------------------------------------------------------------------
def fhir_blueprint(store_factory: Callable[[], RecordStore], token: str, timezone_name: str = "UTC") -> Blueprint:  # noqa: C901 - its routes are closures, counted in it
    """The FHIR API. `store_factory` is called once, lazily (no I/O at import or build time)."""
    if not token:
        raise ValueError("the FHIR API needs the front desk's staff token")
    zone = ZoneInfo(timezone_name)
    bp = Blueprint("fhir", url_prefix="/fhir")
    state: dict[str, Any] = {}
    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    def store() -> RecordStore:
        if "store" not in state:
            state["store"] = store_factory()
            state["store"].publish(questionnaire.current())
        return state["store"]

    async def in_thread(work: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, work, *args)

    def base_url(request: Request) -> str:
        return f"{request.scheme}://{request.host}/fhir"

    def check_token(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise FhirError(
                401,
                "login",
                "This needs the staff token: send `Authorization: Bearer <token>`.",
                {"WWW-Authenticate": 'Bearer realm="heelcheck-fhir"'},
            )

    def endpoint(public: bool = False) -> Callable:
        def decorate(handler: Callable) -> Callable:
            @wraps(handler)
            async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                try:
                    if request.method not in ("GET", "HEAD"):
                        raise FhirError(
                            405,
                            "not-supported",
                            f"{request.method} is not supported: this API is read-only (GET).",
                            {"Allow": "GET, HEAD"},
                        )
                    if not public:
                        check_token(request)
                    return await handler(request, *args, **kwargs)
                except FhirError as error:
                    return fhir_response(operation_outcome(error.code, error.diagnostics), error.status, error.headers)
                except sa.exc.OperationalError:
                    logger.exception("FHIR API: the record store is unavailable")
                    return fhir_response(
                        operation_outcome("transient", "The record store is unavailable; try again shortly."), 503
                    )
                except Exception:  # noqa: BLE001 - still an OperationOutcome, and logged
                    logger.exception("FHIR API: %s %s failed", request.method, request.path)
                    return fhir_response(operation_outcome("exception", "Internal error."), 500)

            return guarded

        return decorate

    @bp.route("/metadata", methods=methods)
    @endpoint(public=True)
    async def metadata(request: Request) -> HTTPResponse:
        query_params(request, ("_format",))
        return fhir_response(capability_statement(base_url(request)))

    @bp.route("/Questionnaire", methods=methods)
    @endpoint()
    async def questionnaire_search(request: Request) -> HTTPResponse:
        params = query_params(request, QUESTIONNAIRE_PARAMS)
        current = questionnaire.current()
        published = await in_thread(lambda: store().questionnaires())
        found = {(q["url"], q["version"]): q for q in [current, *published]}.values()
        ids = {v for value in params.get("_id", []) for v in value.split(",")}
        url, version = params.get("url", [None])[0], params.get("version", [None])[0]
        matches = [
            q
            for q in found
            if (url is None or q["url"] == url)
            and (version is None or q["version"] == version)
            and (not ids or q["id"] in ids)
        ]
        return fhir_response(searchset(base_url(request), "Questionnaire", params, matches, len(matches)))

    @bp.route("/Questionnaire/<resource_id:str>", methods=methods)
    @endpoint()
    async def questionnaire_read(request: Request, resource_id: str) -> HTTPResponse:
        query_params(request, ("_format",))
        if resource_id != questionnaire.QUESTIONNAIRE_ID:
            raise FhirError(
                404,
                "not-found",
                f"No Questionnaire {resource_id!r}: this server publishes "
                f"Questionnaire/{questionnaire.QUESTIONNAIRE_ID}.",
            )
        await in_thread(store)
        return fhir_response(questionnaire.current())

    @bp.route("/QuestionnaireResponse", methods=methods)
    @endpoint()
    async def response_search(request: Request) -> HTTPResponse:
        params = query_params(request, RESPONSE_PARAMS)
        windows = [date_window(value, zone) for value in params.get("authored", [])]
        codes = reference_codes(params)
        count = page_count(params)
        after = decode_page(params["_page"][0]) if "_page" in params else None

        def search() -> tuple[list[Record], int]:
            found = store().newest(windows, codes, limit=count + 1, after=after) if count else []
            return found, store().count(windows, codes)

        found, total = await in_thread(search)
        page, more = found[:count], len(found) > count
        return fhir_response(
            searchset(
                base_url(request),
                "QuestionnaireResponse",
                params,
                [r.fhir for r in page],
                total,
                encode_page(page[-1]) if more else None,
            )
        )

    @bp.route("/QuestionnaireResponse/<resource_id:str>", methods=methods)
    @endpoint()
    async def response_read(request: Request, resource_id: str) -> HTTPResponse:
        query_params(request, ("_format",))
        code = normalise(resource_id) if FHIR_ID.match(resource_id) else ""
        found = await in_thread(lambda: store().get(code)) if code else None
        if found is None or found.fhir.get("id") != resource_id:
            raise FhirError(404, "not-found", f"No QuestionnaireResponse {resource_id!r}.")
        return fhir_response(found.fhir)

    @bp.route("/", methods=methods)
    @endpoint()
    async def base(request: Request) -> HTTPResponse:
        raise FhirError(404, "not-supported", "Nothing here: see /fhir/metadata for what this server supports.")

    @bp.route("/<rest:path>", methods=methods)
    @endpoint()
    async def unknown(request: Request, rest: str) -> HTTPResponse:
        raise FhirError(
            404,
            "not-supported",
            f"/fhir/{rest} is not supported: see /fhir/metadata "
            "(Questionnaire and QuestionnaireResponse, read and search).",
        )

    return bp
