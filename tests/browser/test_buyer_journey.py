"""The demo buyer logs in, opens an order and sees its lines and tracking."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from orders.models import Order

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_demo_buyer_sees_order_lines_and_tracking(live_server, page, screenshot):
    call_command("seed_demo", quiet=True, no_history=True)
    order = (
        Order.objects.filter(buyer__email="buyer@example.com", shipments__isnull=False)
        .prefetch_related("lines", "shipments")
        .first()
    )
    shipment = order.shipments.all()[0]

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.IGNORECASE)).fill("buyer@example.com")
    page.get_by_label(re.compile("password|mot de passe", re.IGNORECASE)).fill("helpdesk-demo")
    page.locator("main button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/orders/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # Claire prefers French
    screenshot("my-orders")

    page.get_by_role("link", name=order.number).click()
    expect(page).to_have_url(f"{live_server.url}/orders/{order.number}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)
    for line in order.lines.all():
        expect(page.get_by_text(line.title)).to_be_visible()
    tracking = page.get_by_role("link", name=shipment.tracking_number)
    expect(tracking).to_be_visible()
    expect(tracking).to_have_attribute("href", shipment.tracking_url)
    screenshot("order-laptop")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(tracking).to_be_visible()
    screenshot("order-phone")
