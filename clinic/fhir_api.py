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
The search parameters and the searchset Bundle are clinic/fhir_search.py's.
"""

import asyncio
import hmac
import json
import logging
from collections.abc import Callable
from datetime import datetime, timezone
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, text

from . import questionnaire
from .fhir import REFERENCE_SYSTEM, iso
from .fhir_search import (
    DEFAULT_COUNT,
    FHIR_ID,
    FHIR_JSON,
    MAX_COUNT,
    QUESTIONNAIRE_PARAMS,
    RESPONSE_PARAMS,
    FhirError,
    date_window,
    decode_page,
    encode_page,
    page_count,
    query_params,
    reference_codes,
    searchset,
)
from .records import Record, RecordStore
from .reference import normalise

logger = logging.getLogger(__name__)

FHIR_VERSION = "4.0.1"


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
