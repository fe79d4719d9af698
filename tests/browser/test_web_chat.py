"""The web page in a real headless Chromium: the widget, a conversation, a reload."""
import os
import shutil
from pathlib import Path

import pytest

from tests.support.servers import ROOT, web_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def page_url(assistant, tmp_path_factory):
    server = web_server(tmp_path_factory.mktemp("web"), assistant.url).start()
    server.wait_ready(60)
    yield server.url
    server.stop()


@pytest.fixture
def browser_page(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `apt-get install chromium` (.ci/run does it)")
    monkeypatch.setenv("HOME", str(tmp_path))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context()
        page = context.new_page()
        yield page
        context.close()
        browser.close()


def bot_texts(page):
    return page.locator(".rw-response").all_inner_texts()


def test_the_page_converses_and_keeps_the_history_on_reload(browser_page, page_url):
    page = browser_page
    page.goto(page_url)
    page.get_by_text("safety check", exact=False).first.wait_for(timeout=30000)
    assert any("not a diagnosis" in t for t in bot_texts(page))

    page.locator(".rw-reply", has_text="None of these").click()
    page.get_by_text("What does the pain feel like?").first.wait_for(timeout=20000)
    page.locator("input.rw-new-message, textarea.rw-new-message").fill("burning, on the inside of my heel")
    page.keyboard.press("Enter")
    page.get_by_text("numbness, tingling", exact=False).first.wait_for(timeout=20000)

    before = bot_texts(page)
    page.reload()
    page.get_by_text("numbness, tingling", exact=False).first.wait_for(timeout=30000)
    after = bot_texts(page)
    assert after[: len(before)] == before
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-chat.png"), full_page=True)
