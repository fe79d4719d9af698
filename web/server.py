"""Serve the web chat page of the heel pain pre-screening assistant.

The page embeds rasa-webchat (the UMD bundle from web/node_modules) and talks
to the Rasa socket.io channel directly from the browser; this server only
serves files and never proxies the conversation.

    GET /                   web/index.html with the socket settings injected as JSON
    GET /static/webchat.js  node_modules/rasa-webchat/lib/index.js, without its
                            Google Fonts @import (nothing comes from elsewhere)
    GET /static/inter-*.woff2  node_modules/@fontsource/inter (the widget's font)
    GET /static/react.js    node_modules/react/umd/react.production.min.js
                            (React is bundled inside webchat.js but not exposed;
                            app.js uses this copy's createElement for the card)
    GET /static/<file>      web/static/<file> (flat directory: css, js, images)
    GET /health             {"status": "ok"}
    /frontdesk/, /fhir/     the front desk and its FHIR API (clinic/), when FRONTDESK_TOKEN is set

Run from the project root: `python -m web.server`. Settings (settings/, the
README's table): RASA_SOCKET_URL, RASA_SOCKET_PATH, WEB_HOST, WEB_PORT,
FRONTDESK_TOKEN, CLINIC_TIMEZONE, LOG_LEVEL; they are checked, and the page's
security headers made from them, in web/config.py.
"""

from __future__ import annotations

import itertools
import logging
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

import settings
from web.config import ConfigError, WebConfig, render_index, security_headers, validate

logger = logging.getLogger(__name__)

# Third-party files served from node_modules under /static/<name>.
VENDOR_FILES = {
    "webchat.js": ("node_modules", "rasa-webchat", "lib", "index.js"),
    "react.js": ("node_modules", "react", "umd", "react.production.min.js"),
    # The widget's font, Inter, from the project (style.css), not from Google Fonts.
    **{
        f"inter-latin-{weight}-normal.woff2": (
            "node_modules",
            "@fontsource",
            "inter",
            "files",
            f"inter-latin-{weight}-normal.woff2",
        )
        for weight in (400, 500, 700)
    },
}
# rasa-webchat's CSS asks Google Fonts for Inter; the page loads nothing from elsewhere,
# so the widget is served without that import (style.css declares Inter from /static/).
THIRD_PARTY_FONT_IMPORT = b"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);"
VENDOR_CACHE = "public, max-age=604800"  # a week: they change only with package-lock.json
APP_CACHE = "no-cache"  # revalidate: the page's own files change with the project

STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}
STATIC_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")

_app_ids = itertools.count(1)


def _as_config(config: WebConfig | Mapping[str, Any] | None) -> WebConfig:
    if config is None:
        return WebConfig()
    if isinstance(config, WebConfig):
        return config
    return WebConfig(**dict(config))


def create_app(config: WebConfig | Mapping[str, Any] | None = None, blueprints: Sequence[Blueprint] = ()) -> Sanic:
    """Build the Sanic app (plus e.g. the front desk); nothing is read from the environment here."""
    config = _as_config(config)
    validate(config)
    web_dir = Path(config.web_dir)
    static_dir = (web_dir / "static").resolve()
    page = render_index((web_dir / "index.html").read_text(encoding="utf-8"), config)
    headers = security_headers(config)
    vendor = {name: web_dir.joinpath(*parts) for name, parts in VENDOR_FILES.items()}
    for name, path in vendor.items():
        if not path.is_file():
            logger.warning("%s is missing (%s): run `cd web && npm ci`", name, path)
    widget = widget_without_font_import(vendor["webchat.js"])

    app = Sanic(f"heelcheck_web_{next(_app_ids)}", configure_logging=False)
    app.ctx.web_config = config

    @app.middleware("response")
    async def add_security_headers(_: Request, resp: HTTPResponse) -> None:
        for key, value in headers.items():
            resp.headers.setdefault(key, value)

    @app.route("/", methods=["GET", "HEAD"])
    async def index(_: Request) -> HTTPResponse:
        return response.html(page, headers={"Cache-Control": APP_CACHE})

    @app.route("/health", methods=["GET", "HEAD"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"}, headers={"Cache-Control": "no-store"})

    @app.route("/static/<name:str>", methods=["GET", "HEAD"])
    async def static(_: Request, name: str) -> HTTPResponse:
        suffix = Path(name).suffix.lower()
        if name in vendor:
            path = vendor[name]
            if not path.is_file():
                return response.text(f"{name} is not installed: run `cd web && npm ci`.", status=503)
            headers = {"Cache-Control": VENDOR_CACHE}
            if name == "webchat.js" and widget is not None:
                return response.raw(widget, content_type=STATIC_TYPES[suffix], headers=headers)
            return await response.file(path, mime_type=STATIC_TYPES[suffix], headers=headers)
        if not STATIC_NAME.match(name) or suffix not in STATIC_TYPES:
            return response.text("Not found", status=404)
        path = (static_dir / name).resolve()
        if path.parent != static_dir or not path.is_file():
            return response.text("Not found", status=404)
        return await response.file(path, mime_type=STATIC_TYPES[suffix], headers={"Cache-Control": APP_CACHE})

    for blueprint in blueprints:
        app.blueprint(blueprint)
    return app


def widget_without_font_import(path: Path) -> bytes | None:
    """rasa-webchat's bundle without its request to Google Fonts (None when not installed)."""
    if not path.is_file():
        return None
    bundle = path.read_bytes()
    if THIRD_PARTY_FONT_IMPORT not in bundle:
        logger.warning("%s no longer imports its font as expected: check the page loads nothing from elsewhere", path)
    return bundle.replace(THIRD_PARTY_FONT_IMPORT, b"")


def frontdesk_from_env(config: Any = None) -> list[Blueprint]:
    """The clinic front desk and its FHIR API (/fhir), when FRONTDESK_TOKEN is set (otherwise both are off)."""
    config = config or settings.load()
    token, zone = config.frontdesk_token, config.clinic_timezone
    if not token:
        logger.info("Front desk and FHIR API off: set FRONTDESK_TOKEN to turn them on")
        return []
    from functools import lru_cache

    from clinic.fhir_api import fhir_blueprint
    from clinic.frontdesk import frontdesk_blueprint
    from clinic.records import RecordStore

    store = lru_cache(maxsize=1)(RecordStore.from_env)  # one store for both, made on first use
    return [frontdesk_blueprint(store, token, zone), fhir_blueprint(store, token, zone)]


def main() -> int:
    import logging.config

    from sanic.log import LOGGING_CONFIG_DEFAULTS

    try:  # every setting checked at start, the unusable ones named
        config = settings.load()
    except settings.SettingsError as error:
        print(f"web.server: {error}", file=sys.stderr)
        return 2
    # LOG_LEVEL: Sanic's start-up banner and the access log only at INFO or DEBUG.
    level = config.log_level
    # Sanic's logging plus this module's logger (a shallow copy: the handlers hold streams).
    log_config = dict(LOGGING_CONFIG_DEFAULTS)
    log_config["loggers"] = {
        **{name: dict(entry, level=level) for name, entry in LOGGING_CONFIG_DEFAULTS["loggers"].items()},
        __name__: {"handlers": ["console"], "level": level},
    }
    logging.config.dictConfig(log_config)
    web = WebConfig.from_env(config=config)
    try:
        app = create_app(web, frontdesk_from_env(config))
    except (ConfigError, OSError) as e:
        print(f"web.server: {e}", file=sys.stderr)
        return 2
    logger.info(
        "Web chat on http://%s:%d (Rasa socket %s, path %s)",
        web.host,
        web.port,
        web.rasa_socket_url,
        web.rasa_socket_path,
    )
    app.run(host=web.host, port=web.port, access_log=level in ("DEBUG", "INFO"), auto_reload=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
