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

Run from the project root: `python -m web.server`. Environment:

    RASA_SOCKET_URL   Rasa server origin (default http://localhost:5005)
    RASA_SOCKET_PATH  socket.io path of the Rasa channel (default /socket.io/)
    WEB_HOST          bind address (default 127.0.0.1)
    WEB_PORT          port (default 8080)
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union
from urllib.parse import urlsplit

from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent

DEFAULT_SOCKET_URL = "http://localhost:5005"
DEFAULT_SOCKET_PATH = "/socket.io/"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080

# The one place in index.html where the settings go (inside a JSON script block).
CONFIG_PLACEHOLDER = "{{CONFIG_JSON}}"

# Third-party files served from node_modules under /static/<name>.
VENDOR_FILES = {
    "webchat.js": ("node_modules", "rasa-webchat", "lib", "index.js"),
    "react.js": ("node_modules", "react", "umd", "react.production.min.js"),
    # The widget's font, Inter, from the project (style.css), not from Google Fonts.
    **{f"inter-latin-{weight}-normal.woff2": ("node_modules", "@fontsource", "inter", "files",
                                              f"inter-latin-{weight}-normal.woff2") for weight in (400, 500, 700)},
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
    rasa_socket_url: str = DEFAULT_SOCKET_URL
    rasa_socket_path: str = DEFAULT_SOCKET_PATH
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    web_dir: Path = field(default=WEB_DIR)

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "WebConfig":
        env = os.environ if environ is None else environ
        port_text = env.get("WEB_PORT", "").strip() or str(DEFAULT_PORT)
        try:
            port = int(port_text)
        except ValueError:
            raise ConfigError(f"WEB_PORT must be a number, got {port_text!r}") from None
        return cls(
            rasa_socket_url=env.get("RASA_SOCKET_URL", "").strip() or DEFAULT_SOCKET_URL,
            rasa_socket_path=env.get("RASA_SOCKET_PATH", "").strip() or DEFAULT_SOCKET_PATH,
            host=env.get("WEB_HOST", "").strip() or DEFAULT_HOST,
            port=port,
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
    return "; ".join([
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
    ])


def security_headers(config: WebConfig) -> Dict[str, str]:
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


def _as_config(config: Union[WebConfig, Mapping[str, Any], None]) -> WebConfig:
    if config is None:
        return WebConfig()
    if isinstance(config, WebConfig):
        return config
    return WebConfig(**dict(config))


def create_app(config: Union[WebConfig, Mapping[str, Any], None] = None,
               blueprints: Sequence[Blueprint] = ()) -> Sanic:
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
                return response.text(
                    f"{name} is not installed: run `cd web && npm ci`.", status=503
                )
            headers = {"Cache-Control": VENDOR_CACHE}
            if name == "webchat.js" and widget is not None:
                return response.raw(widget, content_type=STATIC_TYPES[suffix], headers=headers)
            return await response.file(path, mime_type=STATIC_TYPES[suffix], headers=headers)
        if not STATIC_NAME.match(name) or suffix not in STATIC_TYPES:
            return response.text("Not found", status=404)
        path = (static_dir / name).resolve()
        if path.parent != static_dir or not path.is_file():
            return response.text("Not found", status=404)
        return await response.file(
            path, mime_type=STATIC_TYPES[suffix], headers={"Cache-Control": APP_CACHE}
        )

    for blueprint in blueprints:
        app.blueprint(blueprint)
    return app


def widget_without_font_import(path: Path) -> Optional[bytes]:
    """rasa-webchat's bundle without its request to Google Fonts (None when not installed)."""
    if not path.is_file():
        return None
    bundle = path.read_bytes()
    if THIRD_PARTY_FONT_IMPORT not in bundle:
        logger.warning("%s no longer imports its font as expected: check the page loads nothing from elsewhere",
                       path)
    return bundle.replace(THIRD_PARTY_FONT_IMPORT, b"")


def frontdesk_from_env() -> List[Blueprint]:
    """The clinic front desk and its FHIR API (/fhir), when FRONTDESK_TOKEN is set (otherwise both are off)."""
    token = os.environ.get("FRONTDESK_TOKEN", "")
    if not token:
        logger.info("Front desk and FHIR API off: set FRONTDESK_TOKEN to turn them on")
        return []
    from functools import lru_cache

    from clinic.fhir_api import fhir_blueprint
    from clinic.frontdesk import frontdesk_blueprint
    from clinic.records import RecordStore

    store = lru_cache(maxsize=1)(RecordStore.from_env)  # one store for both, made on first use
    zone = os.environ.get("CLINIC_TIMEZONE", "UTC")
    return [frontdesk_blueprint(store, token, zone), fhir_blueprint(store, token, zone)]


def main() -> int:
    import logging.config

    from sanic.log import LOGGING_CONFIG_DEFAULTS

    # LOG_LEVEL (make run: WARNING): Sanic's start-up banner and the access log only at INFO or DEBUG.
    level = (os.environ.get("LOG_LEVEL") or "INFO").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        print(f"web.server: LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}", file=sys.stderr)
        return 2
    # Sanic's logging plus this module's logger (a shallow copy: the handlers hold streams).
    log_config = dict(LOGGING_CONFIG_DEFAULTS)
    log_config["loggers"] = {
        **{name: dict(settings, level=level) for name, settings in LOGGING_CONFIG_DEFAULTS["loggers"].items()},
        __name__: {"handlers": ["console"], "level": level},
    }
    logging.config.dictConfig(log_config)
    try:
        config = WebConfig.from_env()
        app = create_app(config, frontdesk_from_env())
    except (ConfigError, OSError) as e:
        print(f"web.server: {e}", file=sys.stderr)
        return 2
    logger.info(
        "Web chat on http://%s:%d (Rasa socket %s, path %s)",
        config.host, config.port, config.rasa_socket_url, config.rasa_socket_path,
    )
    app.run(host=config.host, port=config.port, access_log=level in ("DEBUG", "INFO"), auto_reload=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
