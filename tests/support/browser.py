"""Browser tests' tools: Debian's Chromium driven by Playwright, pages that
record every console error, page error, failed request and request to another
origin (a browser test fails on any of them), and the chat widget's controls."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = ("localhost", "127.0.0.1")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WAIT = 30000  # ms


class Problems:
    """What went wrong in a page, as a person's browser would show it in its console."""

    def __init__(self, page) -> None:
        self.found: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.found.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.found.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.found.append(f"failed: {r.method} {r.url} ({r.failure})"))
        page.on("request", self._check_origin)
        page.on("response", lambda r: r.status >= 400 and self.found.append(f"HTTP {r.status}: {r.url}"))

    def _check_origin(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            self.found.append(f"third party: {request.url}")


def open_page(browser, **context_options):
    """A new page and the Problems it records."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    return context, page, Problems(page)


def bot_texts(page) -> list[str]:
    return [t for t in page.locator(".rw-response").all_inner_texts() if t.strip()]


def send(page, text: str) -> None:
    field = page.locator(".rw-new-message")
    field.fill(text)
    field.press("Enter")


def wait_for_text(page, text: str) -> None:
    page.get_by_text(text, exact=False).last.wait_for(timeout=WAIT)


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


# A self-care pre-screening (medial calcaneal nerve entrapment, 10 days), after the safety check.
ANSWERS = [
    ("What does the pain feel like?", "burning on the inside of my heel when I run, no numbness, mornings are fine"),
    ("both feet", "button:Just one foot"),
    ("low back pain", "no"),
    ("How long", "about ten days"),
    ("diabetes", "no"),
]


def answer_the_interview(page) -> None:
    """From the safety check to the outcome card, typing and pressing buttons as a person would."""
    for question, said in ANSWERS:
        wait_for_text(page, question)
        if said.startswith("button:"):
            page.get_by_role("button", name=said[len("button:") :]).click()
        else:
            send(page, said)
    page.locator("article.hc-card").first.wait_for(timeout=WAIT)
