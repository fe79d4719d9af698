"""The FHIR API's searches (clinic/fhir_api.py): the search parameters it accepts, dates as
ranges, reference codes, page sizes and page tokens, and the searchset Bundle it answers with.

Every unusable parameter is a FhirError, which the API answers with an OperationOutcome.
"""

import base64
import binascii
import json
import math
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sanic import Request

from .fhir import REFERENCE_SYSTEM, iso
from .records import Record, Window
from .reference import normalise

FHIR_JSON = "application/fhir+json"
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


# -- the searchset Bundle ------------------------------------------------------
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
