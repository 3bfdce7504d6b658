from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from orders.models import Carrier, Market, Order, OrderLine, Shipment
from orders.money import CurrencyMismatch, Money, format_money, quantize
from tests.factories import SellerFactory, UserFactory, make_order

MARKETS = {
    # code: (country, time zone, currency, language), as in PRODUCT.md
    "FR": ("FR", "Europe/Paris", "EUR", "fr"),
    "DE": ("DE", "Europe/Berlin", "EUR", "de"),
    "AT": ("AT", "Europe/Vienna", "EUR", "de"),
    "PL": ("PL", "Europe/Warsaw", "PLN", "pl"),
    "CZ": ("CZ", "Europe/Prague", "CZK", "cs"),
    "SK": ("SK", "Europe/Bratislava", "EUR", "sk"),
    "HU": ("HU", "Europe/Budapest", "HUF", "hu"),
    "RO": ("RO", "Europe/Bucharest", "RON", "ro"),
    "ES": ("ES", "Europe/Madrid", "EUR", "es"),
    "IT": ("IT", "Europe/Rome", "EUR", "it"),
}


@pytest.mark.django_db
def test_the_ten_markets_exist_with_their_rules():
    found = {m.code: (m.country, m.time_zone, m.currency, m.language) for m in Market.objects.all()}
    assert found == MARKETS


@pytest.mark.django_db
def test_order_totals_are_computed_in_the_market_currency():
    order = make_order(
        buyer=UserFactory(),
        seller=SellerFactory(),
        market_code="PL",
        prices=("10.005", "3.10"),
        shipping="9.99",
    )
    # 1 × 10.01 (rounded half up) + 2 × 3.10
    assert order.currency == "PLN"
    assert order.subtotal == Decimal("16.21")
    assert order.total == Decimal("26.20")
    assert order.total_money == order.subtotal_money + order.shipping_money
    assert sum((line.total_money for line in order.lines.all()), Money.zero("PLN")) == (
        order.subtotal_money
    )


@pytest.mark.django_db
def test_an_order_in_another_currency_than_its_market_is_refused_by_the_database():
    order = make_order(buyer=UserFactory(), seller=SellerFactory(), market_code="FR")
    with (
        pytest.raises(IntegrityError, match="order_currency_is_market_currency"),
        transaction.atomic(),
    ):
        Order.objects.filter(pk=order.pk).update(currency="PLN")


@pytest.mark.django_db
def test_a_total_that_is_not_items_plus_shipping_is_refused():
    order = make_order(buyer=UserFactory(), seller=SellerFactory())
    with pytest.raises(IntegrityError, match="order_total_is_sum"), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(total=Decimal("1.00"))


@pytest.mark.django_db
def test_order_lines_need_a_positive_quantity():
    order = make_order(buyer=UserFactory(), seller=SellerFactory())
    with pytest.raises(IntegrityError, match="orderline_quantity"), transaction.atomic():
        OrderLine.objects.filter(order=order).update(quantity=0)


@pytest.mark.django_db
def test_a_shipment_needs_a_tracking_number():
    order = make_order(buyer=UserFactory(), seller=SellerFactory())
    with pytest.raises(IntegrityError, match="shipment_tracking_required"), transaction.atomic():
        Shipment.objects.create(
            order=order, carrier=Carrier.DPD, tracking_number="", shipped_at=order.placed_at
        )


@pytest.mark.django_db
def test_shipping_a_placed_order_marks_it_shipped_and_links_the_carrier():
    order = make_order(buyer=UserFactory(), seller=SellerFactory(), shipped=True)
    assert order.status == Order.Status.SHIPPED
    shipment = order.shipments.get()
    assert (
        shipment.tracking_url
        == "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901"
    )


def test_tracking_numbers_are_url_encoded_in_tracking_links():
    shipment = Shipment(carrier=Carrier.UPS, tracking_number="1Z 999&x=1")
    assert shipment.tracking_url == "https://www.ups.com/track?tracknum=1Z%20999%26x%3D1"
    assert Shipment(carrier=Carrier.OTHER, tracking_number="X1").tracking_url == ""


def test_a_carrier_the_choices_do_not_hold_has_no_tracking_link():
    # As a status update's card shows it; it used to fail the page (issue 16).
    assert Shipment(carrier="La Poste (colis)", tracking_number="X1").tracking_url == ""


def test_money_adds_and_subtracts_in_one_currency_only():
    a = Money(Decimal("10.10"), "EUR")
    assert a + Money(Decimal("0.90"), "EUR") == Money(Decimal("11.00"), "EUR")
    assert a - Money(Decimal("0.10"), "EUR") == Money(Decimal("10.00"), "EUR")
    with pytest.raises(CurrencyMismatch):
        a + Money(Decimal(1), "PLN")


def test_money_multiplies_by_whole_numbers_and_decimals_and_rounds_half_up():
    assert Money(Decimal("0.335"), "EUR") * 1 == Money(Decimal("0.34"), "EUR")
    assert 3 * Money(Decimal("19.99"), "CZK") == Money(Decimal("59.97"), "CZK")
    assert Money(Decimal("10"), "EUR") * Decimal("0.2") == Money(Decimal("2.00"), "EUR")
    with pytest.raises(TypeError):
        Money(Decimal(1), "EUR") * 1.5


def test_money_refuses_floats_and_bad_currency_codes():
    with pytest.raises(TypeError):
        Money(1.5, "EUR")
    with pytest.raises(ValueError, match="ISO 4217"):
        Money(Decimal(1), "eur")


def test_quantize_uses_the_currency_minor_unit():
    assert quantize(Decimal("1.005"), "EUR") == Decimal("1.01")
    assert quantize(Decimal("1.5"), "JPY") == Decimal("2")


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        # The currency's local format, whoever reads it.
        ("cs", "1299", "CZK", "1\xa0299\xa0Kč"),
        ("en", "1299", "CZK", "1\xa0299\xa0Kč"),
        ("cs", "1299.50", "CZK", "1\xa0299,50\xa0Kč"),
        ("pl", "129", "PLN", "129,00\xa0zł"),
        ("fr", "129", "PLN", "129,00\xa0zł"),
        ("hu", "12990", "HUF", "12\xa0990\xa0Ft"),
        ("ro", "249", "RON", "249,00\xa0lei"),
        ("en", "249", "RON", "249,00\xa0lei"),
        # The euro: in the reader's own euro market's way, else the first euro market's.
        ("de", "49.99", "EUR", "49,99\xa0€"),
        ("sk", "1234.50", "EUR", "1\xa0234,50\xa0€"),
        ("it", "1234.50", "EUR", "1.234,50\xa0€"),
        ("fr", "1234.50", "EUR", "1\u202f234,50\xa0€"),
        ("en", "49.99", "EUR", "49,99\xa0€"),
        ("pl", "49.99", "EUR", "49,99\xa0€"),
        # A currency no market uses: the reader's conventions.
        ("en", "10", "USD", "$10.00"),
    ],
)
def test_amounts_are_written_in_the_currency_s_local_format(language, amount, currency, expected):
    assert format_money(Decimal(amount), currency, language) == expected
    with translation.override(language):
        assert str(Money(Decimal(amount), currency)) == expected


@pytest.mark.django_db
def test_visible_to_is_the_buyer_and_the_seller_team_only(world):
    assert list(Order.objects.visible_to(world.buyer)) == [world.order]
    assert list(Order.objects.visible_to(world.seller_agent)) == [world.order]
    assert list(Order.objects.visible_to(world.other_seller_agent)) == [world.other_order]
    assert list(Order.objects.visible_to(world.platform_admin)) == []
