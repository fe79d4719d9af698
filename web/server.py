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
FRONTDESK_TOKEN, CLINIC_TIMEZONE, LOG_LEVEL.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

import settings

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent

# The one place in index.html where the settings go (inside a JSON script block).
CONFIG_PLACEHOLDER = "{{CONFIG_JSON}}"

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
SOCKET_PATH = re.compile(r"^/[A-Za-z0-9._~/-]*$")

_app_ids = itertools.count(1)


class ConfigError(ValueError):
    """A setting of the web server is not usable."""


@dataclass(frozen=True)
class WebConfig:
    rasa_socket_url: str = settings.default("RASA_SOCKET_URL")
    rasa_socket_path: str = settings.default("RASA_SOCKET_PATH")
    host: str = settings.default("WEB_HOST")
    port: int = settings.default("WEB_PORT")
    web_dir: Path = field(default=WEB_DIR)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, config: Any = None) -> WebConfig:
        """From `config`, default settings.load(environ) (settings.SettingsError names an unusable one)."""
        config = config or settings.load(environ)
        return cls(
            rasa_socket_url=config.rasa_socket_url,
            rasa_socket_path=config.rasa_socket_path,
            host=config.web_host,
            port=config.web_port,
        )


def socket_origins(url: str) -> tuple:
    """(http origin, ws origin) of the Rasa socket URL; ConfigError if unusable."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a bad port
    except ValueError as e:
        raise ConfigError(f"RASA_SOCKET_URL is not a valid URL: {url!r} ({e})") from None
    if parts.scheme not in ("http", "https"):
        raise ConfigError(f"RASA_SOCKET_URL must start with http:// or https://, got {url!r}")
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise ConfigError(f"RASA_SOCKET_URL needs a host and no user info, got {url!r}")
    if parts.query or parts.fragment:
        raise ConfigError(f"RASA_SOCKET_URL must not have a query or fragment, got {url!r}")
    # A CSP source cannot carry characters outside host syntax (e.g. IPv6 brackets are
    # unsupported by CSP; spaces or ';' would inject directives).
    if not re.fullmatch(r"[A-Za-z0-9.-]+", parts.hostname):
        raise ConfigError(f"RASA_SOCKET_URL host must be a name or IPv4 address, got {url!r}")
    host = parts.hostname.lower() + (f":{port}" if port is not None else "")
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{host}", f"{ws_scheme}://{host}"


def validate(config: WebConfig) -> None:
    socket_origins(config.rasa_socket_url)
    if not SOCKET_PATH.match(config.rasa_socket_path):
        raise ConfigError(
            f"RASA_SOCKET_PATH must be an absolute path such as /socket.io/, got {config.rasa_socket_path!r}"
        )
    if not 0 < config.port < 65536:
        raise ConfigError(f"WEB_PORT must be between 1 and 65535, got {config.port}")


def content_security_policy(config: WebConfig) -> str:
    http_origin, ws_origin = socket_origins(config.rasa_socket_url)
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            # rasa-webchat injects its CSS with <style> elements (style-loader).
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            # Inter from /static/; the widget's carousel icons are data: fonts inside its own bundle.
            "font-src 'self' data:",
            f"connect-src 'self' {http_origin} {ws_origin}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(config: WebConfig) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(config),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def config_json(config: WebConfig) -> str:
    """The page settings as JSON that is safe inside a <script> element."""
    text = json.dumps(
        {"socketUrl": config.rasa_socket_url, "socketPath": config.rasa_socket_path},
        ensure_ascii=True,
        sort_keys=True,
    )
    # No "</script>", "<!--" or entity can appear once these are escaped.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_index(template: str, config: WebConfig) -> str:
    if template.count(CONFIG_PLACEHOLDER) != 1:
        raise ConfigError(f"index.html must contain {CONFIG_PLACEHOLDER} exactly once")
    return template.replace(CONFIG_PLACEHOLDER, config_json(config))


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
