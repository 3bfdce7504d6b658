"""Issue 12: the console's date and time fields say which zone they are in, instead of
Django's "You are 1 hour behind server time" (the browser here runs in UTC, the console in
Europe/Paris)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_sanction_form_names_the_zone_of_its_times(live_server, browser, tmp_path):
    UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    context = browser.new_context(timezone_id="UTC", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("input[name=username]").fill("root@example.com")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(f"{live_server.url}/admin/sla/sanction/add/")
    warning = page.locator(".timezonewarning").first
    expect(warning).to_contain_text("Enter times in Europe/Paris time")
    expect(page.locator("body")).not_to_contain_text("behind server time")
    page.screenshot(path=tmp_path / "sanction-form-zone.png", full_page=True)
    context.close()
