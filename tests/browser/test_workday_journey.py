"""Issue 15: a seller agent's working day and a buyer waiting for an answer, at laptop and
phone sizes, with screenshots (look at them: the paths are printed)."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

import helpdesk.context_processors
import helpdesk.views
from accounts.models import Seller, SellerAbsence, User
from demo.management.commands.seed_demo import DEMO_PASSWORD
from helpdesk.absences import seller_today
from helpdesk.models import Message, Role, Thread
from helpdesk.services import message_post, thread_open
from orders.models import Order
from tests.browser.pages import log_in, no_sideways_scroll

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SIZES = {"laptop": (1366, 900), "phone": (390, 844)}
SELLER = "lena@werkzeug-schmidt.example"
OWNER = "jonas@werkzeug-schmidt.example"
BUYER = "buyer@example.com"


def fresh_request(body: str, order_index: int = 0) -> Thread:
    """A new request of the demo buyer (0), or of another buyer about another order (1…)."""
    orders = Order.objects.filter(seller__slug="werkzeug-schmidt").order_by("pk")
    if order_index == 0:
        order = orders.filter(buyer__email=BUYER).first()
    else:
        order = orders.exclude(buyer__email=BUYER)[order_index]
    return thread_open(order=order, buyer=order.buyer, topic="other", body=body)


@pytest.fixture
def demo(live_server, monkeypatch):
    monkeypatch.setattr(helpdesk.context_processors, "BADGE_POLL_SECONDS", 1)
    monkeypatch.setattr(helpdesk.views, "POLL_SECONDS", 1)
    call_command("seed_demo", quiet=True, no_history=True)
    User.objects.update(preferred_language="en")  # these journeys read English
    return live_server.url


@pytest.fixture
def new_page(demo, browser):
    """Pages closed at the end of the test, before the live server stops: their pollers
    (every second here) must not reach a server whose database is being flushed."""
    pages = []

    def make(width: int, height: int):
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def top_of(page, selector: str) -> float:
    """Where an element starts, from the top of the page (not of the screen)."""
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


def at_both_sizes(page, check):
    """``check(size, width, height)`` at the phone's size, then back at the laptop's: the
    journeys whose steps are the same at both sizes run once, at the laptop's size, and look
    at each page at both (screenshots, what must be on the first screens, no overflow)."""
    for size in ("phone", "laptop"):
        width, height = SIZES[size]
        page.set_viewport_size({"width": width, "height": height})
        check(size, width, height)


def shoot_at_both_sizes(page, folder, name: str) -> None:
    """A full-page screenshot at each size: ``<size>-<name>.png`` in ``folder``."""
    at_both_sizes(
        page,
        lambda size, _w, _h: page.screenshot(path=folder / f"{size}-{name}.png", full_page=True),
    )


@pytest.mark.parametrize("size", SIZES)
def test_a_seller_agents_working_day(demo, new_page, tmp_path, size):
    width, height = SIZES[size]
    thread = fresh_request("Does the drill come with a second battery?")
    page = new_page(width, height)

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

    # Sorting: oldest activity first (on a phone the filters unfold first).
    if size == "phone":
        page.locator(".more-filters summary").click()
    page.locator("#id_sort").select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator("#thread-list thead")).to_contain_text("Last activity")
    shot("inbox-oldest")

    # Live: a buyer writes meanwhile; the tab's title counts it without a reload.
    before = int(re.match(r"^\((\d+)\)", page.title()).group(1))
    fresh_request("And is the case included?", order_index=1)
    expect(page).to_have_title(re.compile(rf"^\({before + 1}\) "))
    page.goto(f"{demo}/seller/inbox/")

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

    # A status update and an internal note, each confirmed.
    if size == "phone":
        page.locator("#status-update summary").click()
    page.locator(".status-form select[name=type]").select_option("repair_started")
    page.locator(".status-form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Status update sent to the buyer.")
    page.goto(f"{demo}/threads/{thread.pk}/")
    if size == "phone":
        page.locator("details.fold:has(form[action$='/note/']) > summary").click()
    page.locator("form[action$='/note/'] textarea").fill("Check the stock of batteries.")
    page.locator("form[action$='/note/'] button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Internal note added (your team only).")

    # A saved reply, inserted with the buyer's name and the order number filled in.
    page.locator("#saved-reply").select_option(index=0)
    page.locator("[data-insert-into]").click()
    body = page.locator("#reply textarea[name=body]")
    expect(body).to_have_value(re.compile("Claire Martin"))
    expect(body).to_have_value(re.compile(re.escape(thread.order.number)))
    shot("thread-saved-reply")

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

    # Closing from the inbox, in bulk, asks once too, and says who is still waiting.
    others = [fresh_request(f"Question {i}", order_index=2 + i) for i in range(2)]
    page.goto(f"{demo}/seller/inbox/?view=new")
    for other in others:
        page.locator(f"#tick-{other.pk}").check()
    page.locator("#bulk select[name=action]").select_option("close")
    expect(page.locator("#bulk select[name=assignee]")).to_be_hidden()
    page.locator("#bulk button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Close 2 conversations?")
    expect(page.locator("main")).to_contain_text("the buyer is waiting for your reply")
    shot("inbox-close-confirm")
    page.get_by_role("button", name="Close 2 conversations").click()
    expect(page.locator("body")).to_contain_text("2 conversations closed.")
    expect(page.locator(".view-tabs a[aria-current=page]")).to_contain_text("New requests")
    assert Thread.objects.filter(pk__in=[o.pk for o in others], status="closed").count() == 2
    print(f"screenshots: {tmp_path}")


def test_an_owner_manages_saved_replies_absences_and_reads_the_figures(demo, new_page, tmp_path):
    """The same steps at both sizes: run once, each page looked at at both."""
    width, height = SIZES["laptop"]
    page = new_page(width, height)

    def shot(name):
        shoot_at_both_sizes(page, tmp_path, f"owner-{name}")

    log_in(page, demo, OWNER, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/seller/inbox/$"))

    # Saved replies: the defaults are there; edit one, move it down.
    page.goto(f"{demo}/seller/saved-replies/")
    cards = page.locator("article[id^=saved-reply-]")
    first_title = cards.first.locator("h2, h3").first.inner_text()
    cards.first.get_by_role("link", name=re.compile("^Edit")).click()
    title = page.locator("form[action$='/edit/']").get_by_label("Title")
    title.fill("Parcel shipped")
    page.locator("form[action$='/edit/']").get_by_role("button", name="Save changes").click()
    expect(page.locator("body")).to_contain_text("Saved reply updated.")
    page.get_by_role("button", name=re.compile(r"Move down.*Parcel shipped")).click()
    expect(page.locator("body")).to_contain_text("“Parcel shipped” moved down.")
    expect(cards.nth(1)).to_contain_text("Parcel shipped")
    assert first_title != "Parcel shipped"
    expect(page.locator("main")).to_contain_text("{buyer_name}")  # the legend
    shot("saved-replies")

    # Absences: Tim is away from today, Lena stands in; a new request goes to her.
    page.goto(f"{demo}/seller/absences/")
    # The seller's own day (Berlin), as the form's "min" has it: between 23:00 and midnight
    # UTC the platform's day is still yesterday there, and the browser refused the form.
    today = seller_today(Seller.objects.get(slug="werkzeug-schmidt"))
    page.locator("select[name=absent]").select_option(label="Tim Becker")
    page.locator("input[name=first_day]").fill(today.isoformat())
    page.locator("input[name=last_day]").fill((today + timedelta(days=2)).isoformat())
    page.locator("select[name=stand_in]").select_option(label="Lena Bauer")
    page.get_by_role("button", name="Record the absence").click()
    expect(page.locator("body")).to_contain_text("Absence recorded: Tim Becker")
    expect(page.locator("main")).to_contain_text("Away now")
    shot("absences")
    assert SellerAbsence.objects.filter(absent__email="tim@werkzeug-schmidt.example").exists()
    thread = fresh_request("Is anyone there this week?")
    assert thread.assignee.email == SELLER
    buyer = new_page(width, height)
    log_in(buyer, demo, thread.buyer.email, DEMO_PASSWORD)
    buyer.goto(f"{demo}/threads/{thread.pk}/")
    expect(buyer.locator("main")).to_contain_text("Lena answers for Werkzeug Schmidt GmbH")
    shoot_at_both_sizes(buyer, tmp_path, "buyer-stand-in")

    # The figures: charts with their axes, the 24-hour line, no horizontal overflow.
    page.goto(f"{demo}/seller/performance/")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("24 h deadline")
    expect(page.locator("#not-answered")).to_be_visible()
    at_both_sizes(page, lambda _size, _w, _h: no_sideways_scroll(page))
    shot("performance")
    print(f"screenshots: {tmp_path}")


def test_a_buyer_says_the_answer_did_not_answer(demo, new_page, tmp_path):
    """The same steps at both sizes: run once, each page looked at at both."""
    width, height = SIZES["laptop"]
    thread = fresh_request("Which charger fits the drill?")
    lena = User.objects.get(email=SELLER)
    message_post(thread=thread, author=lena, role=Role.SELLER, body="Any charger will do.")
    page = new_page(width, height)

    def shot(name):
        shoot_at_both_sizes(page, tmp_path, f"buyer-{name}")

    waiting = fresh_request("Is the drill's case included?")
    log_in(page, demo, BUYER, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/orders/$"))

    # While waiting: the seller's time left, in business time, with the due moment.
    page.goto(f"{demo}/threads/{waiting.pk}/")
    expect(page.locator("#deadline")).to_contain_text("of business time left to answer")
    shot("waiting")
    page.goto(f"{demo}/requests/")
    row = page.locator("tbody tr").filter(has_text=waiting.order.number).first
    expect(row).to_contain_text("Answer due in")

    # The banner follows the conversation without a reload: the seller answers, and the
    # countdown gives way (the thread page polls every second here).
    page.goto(f"{demo}/threads/{waiting.pk}/")
    expect(page.locator("#deadline")).to_be_visible()
    lena = User.objects.get(email=SELLER)
    message_post(thread=waiting, author=lena, role=Role.SELLER, body="Yes, in the box.")
    expect(page.locator("#timeline")).to_contain_text("Yes, in the box.")
    expect(page.locator("#deadline")).to_have_count(0)
    message_post(thread=waiting, author=waiting.buyer, role=Role.BUYER, body="And the charger?")
    waiting.refresh_from_db()

    # Once the deadline has passed, the page says the seller is late and what to do.
    past = timezone.now() - timedelta(hours=1)
    Thread.objects.filter(pk=waiting.pk).update(due_at=past)
    page.goto(f"{demo}/threads/{waiting.pk}/")
    expect(page.locator("#deadline")).to_contain_text("The seller is late")
    expect(
        page.locator("#deadline").get_by_role("link", name="Ask the platform to step in")
    ).to_be_visible()
    shot("late")

    # The seller answered the other request: was that an answer?
    page.goto(f"{demo}/threads/{thread.pk}/")
    rate = page.locator("#rate")
    expect(rate).to_contain_text("Did the seller's reply answer your question?")

    def asked(size, _width, height):
        assert top_of(page, "#rate") < 2 * height, size
        page.screenshot(path=tmp_path / f"{size}-buyer-asked.png", full_page=True)

    at_both_sizes(page, asked)
    rate.get_by_role("button", name="No, not yet").click()
    expect(page.locator("body")).to_contain_text("The seller has been asked again")
    expect(page.locator("#deadline")).to_be_visible()
    expect(page.locator("#rate")).to_have_count(0)
    thread.refresh_from_db()
    assert thread.awaiting_reply_since is not None
    shot("not-answered")
    page.goto(f"{demo}/requests/")
    shot("requests")
    print(f"screenshots: {tmp_path}")


def test_a_long_conversation_loads_its_older_entries_when_asked(demo, new_page, tmp_path):
    """A thread longer than LONG_THREAD_ENTRIES opens on its latest entries; "Show N older
    entries" brings the others in place, oldest first (the same steps at both sizes: run
    once, the page looked at at both)."""
    width, height = SIZES["laptop"]
    thread = fresh_request("Entry 0: does the drill come with a case?")
    seller = User.objects.get(email=SELLER)
    for n in range(1, helpdesk.views.LONG_THREAD_ENTRIES + 5):
        author, role = (thread.buyer, Role.BUYER) if n % 2 == 0 else (seller, Role.SELLER)
        message_post(thread=thread, author=author, role=role, body=f"Entry {n}: more about it.")
    count = Message.objects.filter(thread=thread).count()
    older = count - helpdesk.views.SHOWN_ENTRIES
    page = new_page(width, height)
    log_in(page, demo, SELLER, DEMO_PASSWORD)
    page.goto(f"{demo}/threads/{thread.pk}/")
    expect(page.locator(".conversation")).to_contain_text(f"Entry {count - 1}:")
    expect(page.locator(".conversation")).not_to_contain_text("Entry 0:")
    page.locator("#older summary").click()
    expect(page.locator("#older .timeline li.entry")).to_have_count(older)
    expect(page.locator("#older .timeline li.entry").first).to_contain_text("Entry 0:")

    def looked_at(size, width, _height):
        page.screenshot(path=tmp_path / f"{size}-older-entries.png", full_page=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, size

    at_both_sizes(page, looked_at)
