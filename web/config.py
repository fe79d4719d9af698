"""The web server's settings (web/server.py) and what they make of the page: the
settings checked, the page's security headers (its Content-Security-Policy lets it
reach only the Rasa socket) and the socket settings injected into index.html.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import settings
from heel.levels import TITLES

WEB_DIR = Path(__file__).resolve().parent

# The one place in index.html where the settings go (inside a JSON script block).
CONFIG_PLACEHOLDER = "{{CONFIG_JSON}}"
SOCKET_PATH = re.compile(r"^/[A-Za-z0-9._~/-]*$")


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
        # The outcome card's headline for each urgency: the clinical core's words (heel/levels.py).
        {"socketUrl": config.rasa_socket_url, "socketPath": config.rasa_socket_path, "levels": TITLES},
        ensure_ascii=True,
        sort_keys=True,
    )
    # No "</script>", "<!--" or entity can appear once these are escaped.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_index(template: str, config: WebConfig) -> str:
    if template.count(CONFIG_PLACEHOLDER) != 1:
        raise ConfigError(f"index.html must contain {CONFIG_PLACEHOLDER} exactly once")
    return template.replace(CONFIG_PLACEHOLDER, config_json(config))
