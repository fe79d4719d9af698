"""The README's path, literally: `make run`'s runner (scripts/run.py under
supervisord, its own defaults for the CORS origins and the socket URL), and
the web chat opened in Chromium at the address the README and the banner give,
http://localhost:WEB_PORT, under the page's real Content-Security-Policy.

A whole pre-screening, a reload, and the conversation going on after it,
with no console error, no failed request and nothing asked of another origin
at any point.
"""

import pytest

from tests.support.browser import WAIT, answer_the_interview, bot_texts, open_page, screenshot, send, wait_for_text
from tests.support.runner import Runner


@pytest.fixture(scope="module")
def made_run(model, tmp_path_factory) -> Runner:
    runner = Runner(tmp_path_factory.mktemp("readme-path")).start()
    yield runner
    runner.stop()


def test_a_pre_screening_at_the_readme_address_survives_a_reload_and_goes_on(browser, made_run):
    context, page, problems = open_page(browser)
    assert made_run.web_url.startswith("http://localhost:")
    assert made_run.web_url in made_run.start_up_lines()[-1]  # the address "ready" points at

    page.goto(made_run.web_url)
    wait_for_text(page, "safety check")
    page.get_by_role("button", name="None of these").click()
    answer_the_interview(page)
    card = page.locator("article.hc-card").last
    assert "medial calcaneal" in card.inner_text().lower()
    screenshot(page, "readme-path-outcome.png")

    before = bot_texts(page)
    page.reload()
    page.locator("article.hc-card").wait_for(timeout=WAIT)
    assert bot_texts(page)[: len(before)] == before
    send(page, "thank you")
    wait_for_text(page, "You're welcome")
    assert len(bot_texts(page)) > len(before)

    context.close()
    assert not problems.found, "\n".join(problems.found)
