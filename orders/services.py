"""Writes on orders. Used by the demo data now, by the marketplace's order feed later."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Seller, User
from orders.models import Market, Order, OrderLine, Shipment
from orders.money import Money, quantize


@dataclass(frozen=True)
class LineSpec:
    sku: str
    title: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    postal_code: str
    city: str
    country: str
    line2: str = ""


@transaction.atomic
def order_place(
    *,
    number: str,
    buyer: User,
    seller: Seller,
    market: Market,
    lines: list[LineSpec],
    shipping_cost: Decimal,
    address: Address,
    placed_at: datetime | None = None,
) -> Order:
    """Create an order with its lines, in its market's currency, totals computed here."""
    if not lines:
        raise ValueError("An order has at least one line.")
    currency = market.currency
    subtotal = Money.zero(currency)
    for line in lines:
        subtotal += Money(quantize(line.unit_price, currency), currency) * line.quantity
    shipping = Money(quantize(shipping_cost, currency), currency)
    order = Order.objects.create(
        number=number,
        buyer=buyer,
        seller=seller,
        market=market,
        currency=currency,
        subtotal=subtotal.amount,
        shipping_cost=shipping.amount,
        total=(subtotal + shipping).amount,
        delivery_name=address.name,
        delivery_line1=address.line1,
        delivery_line2=address.line2,
        delivery_postal_code=address.postal_code,
        delivery_city=address.city,
        delivery_country=address.country,
        placed_at=placed_at or timezone.now(),
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            position=position,
            sku=line.sku,
            title=line.title,
            quantity=line.quantity,
            unit_price=quantize(line.unit_price, currency),
        )
        for position, line in enumerate(lines, start=1)
    )
    return order


@transaction.atomic
def shipment_add(
    *,
    order: Order,
    carrier: str,
    tracking_number: str,
    shipped_at: datetime | None = None,
    estimated_delivery: date | None = None,
) -> Shipment:
    """Record a parcel for `order` and mark a placed order as shipped."""
    shipment = Shipment.objects.create(
        order=order,
        carrier=carrier,
        tracking_number=tracking_number.strip(),
        shipped_at=shipped_at or timezone.now(),
        estimated_delivery=estimated_delivery,
    )
    Order.objects.filter(pk=order.pk, status=Order.Status.PLACED).update(
        status=Order.Status.SHIPPED
    )
    order.refresh_from_db(fields=["status"])
    return shipment
