"""Issue 4's journey: a return request with a photo, answered with status updates."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

import helpdesk.views
from accounts.models import User
from demo.management.commands.seed_demo import DEMO_PASSWORD
from orders.models import Order
from tests.browser.pages import log_in
from tests.factories import png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_return_request_with_photo_answered_by_status_updates(
    live_server, browser, tmp_path, monkeypatch
):
    monkeypatch.setattr(helpdesk.views, "POLL_SECONDS", 1)
    call_command("seed_demo", quiet=True, no_history=True)
    # This journey reads English (demo people who chose nothing read their market's language).
    User.objects.update(preferred_language="en")
    base = live_server.url
    order = Order.objects.filter(
        buyer__email="buyer@example.com", seller__slug="werkzeug-schmidt"
    ).first()
    line = order.lines.first()
    photo = tmp_path / "broken-drill.png"
    photo.write_bytes(png_bytes((64, 48)))

    # The demo buyer (French interface) opens a return request from the order page.
    buyer = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(buyer, base, "buyer@example.com", DEMO_PASSWORD)
    buyer.goto(f"{base}/orders/{order.number}/")
    buyer.locator(f"a[href='/orders/{order.number}/contact/']").click()
    buyer.locator("select[name=topic]").select_option("return")
    buyer.get_by_label(re.compile(re.escape(line.title))).check()
    buyer.locator("textarea[name=body]").fill("La perceuse ne démarre pas, je veux la retourner.")
    buyer.locator("input[name=attachments]").set_input_files(str(photo))
    buyer.locator("main form button[type=submit]").click()
    expect(buyer).to_have_url(re.compile(r"/threads/\d+/"))
    thread_url = buyer.url.split("#")[0]
    expect(buyer.locator(".attachments img")).to_be_visible()
    expect(buyer.locator(".attachments img")).to_have_js_property("complete", True)
    buyer.screenshot(path=tmp_path / "buyer-request.png", full_page=True)

    # The seller agent finds it at the top of "awaiting our reply".
    seller = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(seller, base, "lena@werkzeug-schmidt.example", DEMO_PASSWORD)
    seller.goto(f"{base}/seller/inbox/")
    first = seller.locator("#thread-list tbody tr").first
    expect(first).to_contain_text(order.number)
    expect(first).to_contain_text("Return")
    seller.screenshot(path=tmp_path / "seller-inbox.png", full_page=True)
    first.locator("a.row-link").click()
    expect(seller.locator(".attachments img")).to_be_visible()

    # "Return received", then "shipped" with carrier, tracking and estimated delivery.
    seller.locator(".status-form select[name=type]").select_option("return_received")
    seller.locator(".status-form button[type=submit]").click()
    expect(seller.locator(".status-return_received")).to_be_visible()
    seller.locator(".status-form select[name=type]").select_option("shipped")
    seller.locator(".status-form select[name=carrier]").select_option("dhl")
    seller.locator(".status-form input[name=tracking_number]").fill("JJD0099887766")
    eta = (timezone.localdate() + timedelta(days=3)).isoformat()
    seller.locator(".status-form input[name=estimated_delivery]").fill(eta)
    seller.locator(".status-form button[type=submit]").click()
    expect(seller.locator(".status-shipped")).to_be_visible()
    seller.screenshot(path=tmp_path / "seller-thread.png", full_page=True)

    # The buyer's open page shows both cards without a reload (polling)…
    expect(buyer.locator(".status-return_received")).to_be_visible()
    expect(buyer.locator(".status-shipped")).to_contain_text("JJD0099887766")
    assert buyer.url.split("#")[0] == thread_url
    buyer.screenshot(path=tmp_path / "buyer-thread.png", full_page=True)
    # …and the order page has the new tracking number.
    buyer.goto(f"{base}/orders/{order.number}/")
    expect(buyer.get_by_role("link", name="JJD0099887766")).to_be_visible()
    buyer.set_viewport_size({"width": 390, "height": 844})
    buyer.goto(thread_url)
    buyer.screenshot(path=tmp_path / "buyer-thread-phone.png", full_page=True)

    # Solve, then reopen: the request is back in the seller's queue with a new deadline.
    buyer.set_viewport_size({"width": 1280, "height": 900})
    buyer.locator("#reply textarea[name=body]").fill("Et le remboursement des frais de port ?")
    buyer.locator("#reply button[type=submit]").click()
    buyer.locator("form[action$='/close/'] button").click()
    expect(buyer.locator("form[action$='/reopen/'] button")).to_be_visible()
    expect(buyer.locator("#deadline")).to_have_count(0)
    buyer.locator("form[action$='/reopen/'] button").click()
    expect(buyer.locator("#deadline")).to_be_visible()
    buyer.screenshot(path=tmp_path / "buyer-reopened.png", full_page=True)
    buyer.goto(f"{base}/requests/")
    mine = buyer.locator("tbody tr").filter(has_text=order.number).first
    expect(mine.locator(".badge.placed")).to_be_visible()  # awaiting the seller
    expect(mine.locator(".badge.open")).to_have_count(0)  # never "answered"
    seller.goto(f"{base}/seller/inbox/")
    first = seller.locator("#thread-list tbody tr").first
    expect(first).to_contain_text(order.number)
    expect(first.locator(".badge.placed")).to_be_visible()
    expect(first.locator(".countdown")).to_contain_text("due in")
    seller.screenshot(path=tmp_path / "seller-inbox-reopened.png", full_page=True)
    print(f"screenshots: {tmp_path}")
