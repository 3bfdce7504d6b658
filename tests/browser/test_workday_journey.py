"""Issue 15: a seller agent's working day and a buyer waiting for an answer, at laptop and
phone sizes, with screenshots (look at them: the paths are printed)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from demo.management.commands.seed_demo import DEMO_PASSWORD
from helpdesk.models import Message, Role, Thread
from helpdesk.services import message_post, thread_open
from orders.models import Order
from tests.browser.pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SIZES = {"laptop": (1366, 900), "phone": (390, 844)}
SELLER = "lena@werkzeug-schmidt.example"
BUYER = "buyer@example.com"


def fresh_request(body: str) -> Thread:
    order = Order.objects.filter(buyer__email=BUYER, seller__slug="werkzeug-schmidt").first()
    buyer = User.objects.get(email=BUYER)
    return thread_open(order=order, buyer=buyer, topic="other", body=body)


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", quiet=True, no_history=True)
    User.objects.update(preferred_language="en")  # these journeys read English
    return live_server.url


def top_of(page, selector: str) -> float:
    """Where an element starts, from the top of the page (not of the screen)."""
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


@pytest.mark.parametrize("size", SIZES)
def test_a_seller_agents_working_day(demo, browser, tmp_path, size):
    width, height = SIZES[size]
    thread = fresh_request("Does the drill come with a second battery?")
    page = browser.new_page(viewport={"width": width, "height": height})

    def shot(name):
        page.screenshot(path=tmp_path / f"{size}-{name}.png", full_page=True)

    # Landing: the inbox, its views with their counts, the new request marked "new".
    log_in(page, demo, SELLER, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/seller/inbox/$"))
    expect(page.locator(".view-tabs a[aria-current=page]")).to_contain_text("Awaiting our reply")
    row = page.locator("#thread-list tbody tr").filter(has_text=thread.order.number).first
    expect(row.locator(".badge.new")).to_be_visible()
    expect(row.locator(".preview")).to_contain_text("second battery")
    expect(page).to_have_title(re.compile(r"^\(\d+\) Inbox"))  # unread conversations
    if size == "phone":  # the filters fold away: the first conversation is on the first screen
        expect(page.locator(".more-filters")).not_to_have_attribute("open", "")
        assert top_of(page, "#thread-list tbody tr") < height
    shot("inbox")

    # Search by order number (as typed: the list follows without a button).
    page.locator("#id_q").fill(thread.order.number)
    expect(page.locator("#thread-list tbody tr")).to_have_count(1)
    expect(page.locator(".htmx-request")).to_have_count(0)
    expect(page.locator(".page-total")).to_contain_text("1–1 of 1")
    shot("inbox-search")

    # Bulk: tick it, assign it to me; the page says so.
    page.locator(f"#tick-{thread.pk}").check()
    page.locator("#bulk select[name=action]").select_option("assign")
    page.locator("#bulk select[name=assignee]").select_option(label="Lena Bauer")
    expect(page.locator(f"#tick-{thread.pk}")).to_be_checked()
    page.locator("#bulk button[type=submit]").click()
    expect(page.locator(".messages, [role=status], .alert").first).to_contain_text(
        "1 conversation assigned to Lena Bauer"
    )
    thread.refresh_from_db()
    assert thread.assignee.email == SELLER

    # The thread: on a phone the reply box, the status update and Close are within two
    # screens.
    page.goto(f"{demo}/threads/{thread.pk}/")
    for selector in ("#reply", "#status-update summary", "#close summary"):
        assert top_of(page, selector) < 2 * height, selector
    shot("thread")

    # A reply the pre-send check stops: reloading does not send it.
    page.locator("#reply textarea[name=body]").fill("Call me on +49 151 23456789 please.")
    page.locator("#reply").get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".draft-check")).to_contain_text("Send anyway")
    shot("thread-check")
    page.reload()
    expect(page.locator(".draft-check")).to_be_visible()
    expect(page.locator("#reply textarea[name=body]")).to_have_value(
        "Call me on +49 151 23456789 please."
    )
    assert not Message.objects.filter(thread=thread, kind="text", author_role=Role.SELLER).exists()
    page.locator("#reply textarea[name=body]").fill("Yes: two batteries are in the box.")
    page.locator("#reply").get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("body")).to_contain_text("Reply sent to the buyer.")
    expect(page.locator("#timeline")).to_contain_text("two batteries")

    # Close asks once.
    page.locator("#close summary").click()
    page.get_by_role("button", name="Yes, close it").click()
    expect(page.locator("body")).to_contain_text("Conversation closed.")
    shot("thread-closed")
    print(f"screenshots: {tmp_path}")


@pytest.mark.parametrize("size", SIZES)
def test_a_buyer_says_the_answer_did_not_answer(demo, browser, tmp_path, size):
    width, height = SIZES[size]
    thread = fresh_request("Which charger fits the drill?")
    lena = User.objects.get(email=SELLER)
    message_post(thread=thread, author=lena, role=Role.SELLER, body="Any charger will do.")
    page = browser.new_page(viewport={"width": width, "height": height})

    log_in(page, demo, BUYER, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/orders/$"))
    page.goto(f"{demo}/threads/{thread.pk}/")
    rate = page.locator("#rate")
    expect(rate).to_contain_text("Did the seller's reply answer your question?")
    assert top_of(page, "#rate") < 2 * height
    page.screenshot(path=tmp_path / f"{size}-buyer-asked.png", full_page=True)
    rate.get_by_role("button", name="No, not yet").click()
    expect(page.locator("body")).to_contain_text("The seller has been asked again")
    expect(page.locator("#deadline")).to_be_visible()
    expect(page.locator("#rate")).to_have_count(0)
    thread.refresh_from_db()
    assert thread.awaiting_reply_since is not None
    page.screenshot(path=tmp_path / f"{size}-buyer-not-answered.png", full_page=True)
    page.goto(f"{demo}/requests/")
    page.screenshot(path=tmp_path / f"{size}-buyer-requests.png", full_page=True)
    print(f"screenshots: {tmp_path}")
