"""What the browser journeys share."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, base, email, password=PASSWORD):
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def visit(tabs, base, urls, who):
    """Each of `urls` loaded in one of `tabs`, as many navigations in flight at once as there
    are tabs; yields (tab, url, response) for each, once its response has started, checked
    to be a success (`who` names the persona in a failure)."""
    for start in range(0, len(urls), len(tabs)):
        batch = list(zip(tabs, urls[start : start + len(tabs)], strict=False))
        responses = [tab.goto(base + url, wait_until="commit") for tab, url in batch]
        for (tab, url), response in zip(batch, responses, strict=True):
            assert response is not None, (who, url)
            assert response.ok, (who, url, response.status)
            yield tab, url, response


def no_sideways_scroll(page):
    """The page is no wider than the screen."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"
