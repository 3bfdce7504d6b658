"""Every market in its language (issue 13), as people see it in a browser.

A Polish buyer (no language chosen: her market's) and a Czech agent of the seller read the
same request, with the same "shipped" status update, each in their own language; dates are
in each one's market time zone and money in the currency's local format. The buyer then
switches to English with the language menu. The seller's inbox, a thread and the Performance
page are photographed at phone size in Polish, Czech and Hungarian, with no sideways
scrolling (long German and Hungarian words must wrap); German too.
"""

import re
from datetime import date, datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from playwright.sync_api import expect

from helpdesk.services import status_update_post, thread_open
from orders.models import Market
from tests.browser.pages import log_in, no_sideways_scroll
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def local_time(moment, market_code, language):
    """A time as the page should show it: the viewer's market zone, the locale's format."""
    zone = Market.objects.get(code=market_code).tzinfo
    with translation.override(language):
        return date_format(localtime(moment, zone), "SHORT_DATETIME_FORMAT")


def test_the_same_request_reads_in_each_reader_s_language(live_server, browser, tmp_path):
    base = live_server.url
    poland, czechia = Market.objects.get(code="PL"), Market.objects.get(code="CZ")
    UserFactory(email="zofia@example.com", name="Zofia Nowak", preferred_language="", market=poland)
    shop = SellerFactory(company_name="Sklep Test", slug="sklep-test")
    agent = SellerMemberFactory(
        seller=shop,
        user__email="petr@example.com",
        user__name="Petr Svoboda",
        user__preferred_language="",
        user__market=czechia,
    ).user
    buyer = agent.__class__.objects.get(email="zofia@example.com")
    order = make_order(
        buyer=buyer, seller=shop, market_code="PL", prices=("129.00",), shipping="0.00"
    )
    thread = thread_open(
        order=order, buyer=buyer, topic="delivery", body="Kiedy wyślecie moją paczkę?"
    )
    update = status_update_post(
        order=order,
        author=agent,
        thread=thread,
        update={
            "type": "shipped",
            "carrier": "inpost",
            "tracking_number": "620001234567890",
            "estimated_delivery": date(2026, 12, 10),
        },
    )
    thread_url = f"{base}/threads/{thread.pk}/"

    # The buyer, on her phone: Polish (her market's language), Warsaw time, złoty.
    page = browser.new_page(viewport=PHONE)
    log_in(page, base, "zofia@example.com")
    page.goto(thread_url)
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    card = page.locator(".status-card")
    expect(card).to_contain_text(in_language("pl", "Shipped"))
    expect(card).to_contain_text(in_language("pl", "Your item is on its way."))
    expect(card).to_contain_text("620001234567890")
    expect(page.locator("main")).to_contain_text(local_time(update.created_at, "PL", "pl"))
    no_sideways_scroll(page)
    page.screenshot(path=tmp_path / "buyer-thread-pl.png", full_page=True)
    page.goto(f"{base}/orders/{order.number}/")
    expect(page.locator("main")).to_contain_text("129,00\xa0zł")
    page.screenshot(path=tmp_path / "buyer-order-pl.png", full_page=True)

    # The seller's Czech agent: the same update in Czech, Prague time.
    seller = browser.new_page(viewport=LAPTOP)
    log_in(seller, base, "petr@example.com")
    seller.goto(thread_url)
    expect(seller.locator("html")).to_have_attribute("lang", "cs")
    seller_card = seller.locator(".status-card")
    expect(seller_card).to_contain_text(in_language("cs", "Shipped"))
    assert in_language("cs", "Shipped") != in_language("pl", "Shipped")
    expect(seller.locator("main")).to_contain_text(local_time(update.created_at, "CZ", "cs"))
    seller.screenshot(path=tmp_path / "seller-thread-cs.png", full_page=True)

    # The buyer picks English in the menu: kept as her preference, dates day-first.
    page.goto(thread_url)
    page.locator("#language-select").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".status-card")).to_contain_text("Your item is on its way.")
    english = local_time(update.created_at, "PL", "en")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}", english), english
    expect(page.locator("main")).to_contain_text(english)
    page.goto(f"{base}/orders/{order.number}/")
    expect(page.locator("main")).to_contain_text("129,00\xa0zł")  # the currency's format
    buyer.refresh_from_db()
    assert buyer.preferred_language == "en"


def test_seller_pages_fit_a_phone_in_long_languages(live_server, browser, tmp_path):
    """Each language in turn: the agent's preference changed between them (each page reads
    it), one world and one login for the four."""
    base = live_server.url
    shop = SellerFactory(company_name="Nagyon Hosszú Nevű Webáruház Kft.", slug="hosszu")
    agent = SellerMemberFactory(seller=shop, user__email="agent@example.com").user
    for n, market in enumerate(["PL", "CZ", "HU"]):
        customer = UserFactory(
            email=f"buyer{n}@example.com", market=Market.objects.get(code=market)
        )
        order = make_order(buyer=customer, seller=shop, market_code=market, prices=("12990",))
        thread_open(
            order=order,
            buyer=customer,
            topic="complaint",
            body="Reklamace: vysavač nefunguje, prosím o výměnu nebo vrácení peněz.",
            at=datetime.now().astimezone(),
        )
    page = browser.new_page(viewport=PHONE)
    log_in(page, base, agent.email)
    for language in ("pl", "cs", "hu", "de"):
        agent.__class__.objects.filter(pk=agent.pk).update(preferred_language=language)
        for name, path in [
            ("inbox", "/seller/inbox/"),
            ("thread", None),
            ("performance", "/seller/performance/"),
        ]:
            if path is None:
                page.goto(f"{base}/seller/inbox/")
                page.locator("main a[href^='/threads/']").first.click()
            else:
                page.goto(f"{base}{path}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            no_sideways_scroll(page)
            page.screenshot(path=tmp_path / f"{name}-{language}.png", full_page=True)
