"""Issue 6's journey: a seller types a phone number, is told why it is a problem, sends
anyway; the reply is held from the buyer until an administrator approves it, and the answer
counts from when it was sent."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from demo.management.commands.seed_demo import DEMO_PASSWORD
from helpdesk.models import Message, MessageReview, Thread
from helpdesk.services import thread_open
from orders.models import Order
from sla.models import ResponseClock
from tests.browser.pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = "+49 171 2345678"


def test_held_reply_is_explained_reviewed_and_delivered(live_server, browser, tmp_path):
    call_command("seed_demo", quiet=True, no_history=True)
    # This journey reads English (demo people who chose nothing read their market's language).
    User.objects.update(preferred_language="en")
    base = live_server.url
    order = Order.objects.filter(
        buyer__email="buyer@example.com", seller__slug="werkzeug-schmidt"
    ).first()
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="delivery",
        body="Wann kommt mein Paket an?",
    )
    thread_url = f"{base}/threads/{thread.pk}/"

    # The seller types a reply with a phone number: the check explains before sending.
    seller = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(seller, base, "lena@werkzeug-schmidt.example", DEMO_PASSWORD)
    seller.goto(thread_url)
    body = seller.locator("#reply textarea[name=body]")
    body.fill(f"Guten Tag, rufen Sie mich bitte an: {PHONE}")
    check = seller.locator("#draft-check")
    expect(check).to_contain_text("Phone number", timeout=30_000)  # a first scan loads the model
    expect(check.locator("mark.finding-phone")).to_have_text(PHONE)
    expect(check).to_contain_text("held for review")
    seller.screenshot(path=tmp_path / "seller-draft-check.png", full_page=True)

    # Sent anyway: held, shown to the seller's team as such, deadline paused.
    check.get_by_role("button", name="Send anyway").click()
    expect(seller).to_have_url(re.compile(rf"/threads/{thread.pk}/"))
    held = seller.locator(".entry.mine").last
    expect(held).to_contain_text("Held for review")
    expect(held).to_contain_text(PHONE)
    expect(seller.locator("main")).to_contain_text("Your reply is being reviewed")
    seller.screenshot(path=tmp_path / "seller-held.png", full_page=True)
    message = Message.objects.get(thread=thread, author_role="seller")
    assert message.review.state == MessageReview.State.PENDING

    # The deadline passes during the review: the reply is pending, late nowhere.
    passed = timezone.now() - timedelta(hours=2)
    ResponseClock.objects.filter(thread=thread).update(
        due_at=passed, warn_at=passed - timedelta(hours=4)
    )
    Thread.objects.filter(pk=thread.pk).update(due_at=passed)
    seller.goto(f"{base}/seller/inbox/")
    row = seller.locator("#thread-list tbody tr").filter(has_text=order.number).first
    expect(row.locator(".badge.held")).to_be_visible()
    expect(row.locator(".countdown")).not_to_have_class(re.compile("overdue"))
    seller.screenshot(path=tmp_path / "seller-inbox-in-review.png", full_page=True)
    seller.goto(thread_url)
    expect(seller.locator("#deadline")).not_to_have_class(re.compile("error"))

    # The buyer does not see it, and is told an answer is being checked.
    buyer = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(buyer, base, "buyer@example.com", DEMO_PASSWORD)
    buyer.goto(thread_url)
    expect(buyer.locator("#timeline")).to_contain_text("Wann kommt mein Paket an?")
    expect(buyer.locator("#timeline")).not_to_contain_text(PHONE)
    expect(buyer.locator("#deadline")).to_be_visible()
    expect(buyer.locator("form.escalate")).to_have_count(0)
    buyer.screenshot(path=tmp_path / "buyer-answer-being-checked.png", full_page=True)

    # An administrator finds it in the moderation queue and approves it.
    admin = browser.new_page(viewport={"width": 1280, "height": 900})
    admin.goto(f"{base}/admin/login/")
    admin.locator("input[name=username]").fill("admin@example.com")
    admin.locator("input[name=password]").fill("helpdesk-demo")
    admin.locator("input[type=submit]").click()
    admin.goto(f"{base}/admin/helpdesk/messagereview/")
    row = admin.locator("#result_list tbody tr").filter(has_text=PHONE)
    expect(row.locator("mark")).to_have_text(PHONE)
    admin.screenshot(path=tmp_path / "admin-queue.png", full_page=True)
    row.locator("th a, td a").first.click()
    expect(admin.locator("mark.finding-phone")).to_have_text(PHONE)
    admin.get_by_label(re.compile("Approve")).check()
    admin.screenshot(path=tmp_path / "admin-review.png", full_page=True)
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()

    # The buyer now sees the reply; the clock closed at the original send time.
    buyer.goto(thread_url)
    expect(buyer.locator("#timeline")).to_contain_text(PHONE)
    buyer.screenshot(path=tmp_path / "buyer-after-approval.png", full_page=True)
    clock = ResponseClock.objects.get(thread=thread)
    assert clock.closed_at == message.created_at
    assert clock.outcome == ResponseClock.Outcome.ANSWERED

    seller.set_viewport_size({"width": 390, "height": 844})
    seller.goto(thread_url)
    seller.locator("#reply textarea[name=body]").fill(f"Oder per WhatsApp: {PHONE}")
    expect(seller.locator("#draft-check")).to_contain_text("Messaging app")
    seller.screenshot(path=tmp_path / "seller-draft-check-phone.png", full_page=True)
    print(f"screenshots: {tmp_path}")
