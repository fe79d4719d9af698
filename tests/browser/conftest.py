"""The browser for the browser tests: one real headless Chromium per package."""

from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, FLAGS


@pytest.fixture(scope="package")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `apt-get install chromium` (make test installs it when it can)")
    home = tmp_path_factory.mktemp("home")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True, env={"HOME": str(home)})
        yield browser
        browser.close()
