"""The web page in a real headless Chromium (Debian's, driven by Playwright)."""

import json

import pytest

from harness.servers import ROOT, web_server
from tests.support.browser import WAIT, answer_the_interview, bot_texts, open_page, screenshot, send, wait_for_text

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def page_url(assistant, tmp_path_factory):
    server = web_server(tmp_path_factory.mktemp("web"), assistant.url).start()
    server.wait_ready(60)
    yield server.url
    server.stop()


@pytest.fixture
def page(browser):
    """A page under the real Content-Security-Policy; the test fails on any console error."""
    context, page, problems = open_page(browser)
    yield page
    context.close()
    assert not problems.found, "\n".join(problems.found)


def test_a_whole_pre_screening_through_the_widget_keyboard_only(page, page_url):
    page.goto(page_url)
    wait_for_text(page, "safety check")
    assert any("not a diagnosis" in t for t in bot_texts(page))
    none = page.get_by_role("button", name="None of these")
    none.focus()
    page.keyboard.press("Enter")  # quick replies work from the keyboard
    answer_the_interview(page)
    card = page.locator("article.hc-card")
    assert "Self-care" in card.inner_text()
    assert "medial calcaneal" in card.inner_text().lower()
    assert "not a diagnosis" in card.inner_text()
    screenshot(page, "web-outcome.png")

    before = bot_texts(page)
    page.reload()
    page.locator("article.hc-card").wait_for(timeout=WAIT)  # the history, card included, survives a reload
    assert bot_texts(page)[: len(before)] == before


def test_an_emergency_message_is_escalated_with_a_card(page, page_url):
    page.goto(page_url)
    wait_for_text(page, "safety check")
    send(page, "my foot has suddenly gone white and cold")
    card = page.locator("article.hc-card")
    card.wait_for(timeout=WAIT)
    assert "emergency" in card.inner_text().lower()
    wait_for_text(page, "999")
    screenshot(page, "web-emergency.png")


def test_user_markup_is_shown_as_text(page, page_url):
    page.goto(page_url)
    wait_for_text(page, "safety check")
    send(page, '<img src=x onerror="window.__pwned=1"><b>bold</b>')
    page.get_by_text("<b>bold</b>", exact=False).first.wait_for(timeout=WAIT)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator(".rw-conversation-container b", has_text="bold").count() == 0


def test_the_page_has_no_serious_accessibility_violations(browser, page_url):
    context, page, problems = open_page(browser, bypass_csp=True)  # lets the test inject axe-core
    page.goto(page_url)
    wait_for_text(page, "safety check")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                       help: v.help, target: v.nodes[0].target}));
    }""")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, indent=1)
    assert page.locator("[role=log][aria-live]").count() == 1
    assert page.get_by_label("Your message").count() == 1
    context.close()
    assert not problems.found, "\n".join(problems.found)


def test_the_outcome_shows_what_was_noted_and_something_is_not_right_corrects_it(page, page_url):
    page.goto(page_url)
    wait_for_text(page, "safety check")
    page.get_by_role("button", name="None of these").click()
    answer_the_interview(page)
    noted = [t for t in bot_texts(page) if t.startswith("I noted:")]
    assert noted and "burning pain, on the inner side of the heel" in noted[-1]
    assert "medial calcaneal" in page.locator("article.hc-card").last.inner_text().lower()

    page.get_by_role("button", name="Something's not right").click()
    wait_for_text(page, "What should I change?")
    send(page, "actually the tingling is in my sole and toes")
    wait_for_text(page, "Here is the updated outcome")
    page.locator("article.hc-card").nth(1).wait_for(timeout=WAIT)  # a second card: the updated outcome
    assert "tarsal tunnel" in page.locator("article.hc-card").last.inner_text().lower()
    assert any("numbness or tingling in the sole or toes" in t for t in bot_texts(page) if "I noted:" in t)
