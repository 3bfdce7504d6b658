"""Status updates: the one registry of their kinds, and their rendering.

A status update is stored as data (its kind and fields, sorted keys, ISO dates); the seller's
form, the posting service, the proactive-update rule (helpdesk.rules) and the cards read the
kinds from here. Cards render in the reader's language (the active one) at read time, so the
same "shipped" update reads in Polish to the buyer and in Czech to a seller's agent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from orders.models import Carrier, Order, Shipment
from orders.money import format_money


@dataclass(frozen=True)
class StatusKind:
    code: str
    label: Promise  # the seller's choice in the form
    title: Promise  # the card's title, for the reader
    text: Promise  # the card's sentence
    fields: tuple[str, ...] = ()  # what the update carries besides an optional note
    # Order statuses in which the seller may post it unprompted (in the order's "Order
    # updates" thread); empty: only as an answer in a buyer's request.
    proactive_when: frozenset[str] = frozenset()

    @property
    def entered(self) -> tuple[str, ...]:
        """The fields the seller types (the currency comes from the order)."""
        return tuple(name for name in self.fields if name != "currency")


KINDS: dict[str, StatusKind] = {
    kind.code: kind
    for kind in (
        StatusKind(
            "return_received",
            _("Return received"),
            _("Return received"),
            _("The seller has received your return."),
            proactive_when=frozenset({Order.Status.DELIVERED}),
        ),
        StatusKind(
            "repair_started",
            _("Repair started"),
            _("Repair started"),
            _("The seller has started the repair."),
        ),
        StatusKind(
            "repair_finished",
            _("Repair finished, item prepared for shipping"),
            _("Repair finished"),
            _("The repair is finished and the item is being prepared for shipping."),
        ),
        StatusKind(
            "shipped",
            _("Shipped"),
            _("Shipped"),
            _("Your item is on its way."),
            fields=("carrier", "tracking_number", "estimated_delivery"),
            proactive_when=frozenset({Order.Status.PLACED, Order.Status.SHIPPED}),
        ),
        StatusKind(
            "refund_issued",
            _("Refund issued"),
            _("Refund issued"),
            _("The seller has issued a refund."),
            fields=("amount", "currency"),
            proactive_when=frozenset(Order.Status.values),
        ),
    )
}


def choices() -> list[tuple[str, Promise]]:
    return [(kind.code, kind.label) for kind in KINDS.values()]


class InvalidUpdate(ValueError):
    """The update lacks a field its kind needs, or is of no known kind."""


FIELD_LABELS: dict[str, Promise] = {
    "type": _("Update"),
    "carrier": _("Carrier"),
    "tracking_number": _("Tracking number"),
    "estimated_delivery": _("Estimated delivery"),
    "amount": _("Amount"),
    "currency": _("Currency"),
}


def normalise(update: Mapping[str, Any]) -> dict[str, Any]:
    """A status update as stored: JSON-safe, deterministic (sorted keys, ISO dates, amounts
    as strings). Raises InvalidUpdate."""
    kind = KINDS.get(update.get("type", ""))
    if kind is None:
        raise InvalidUpdate(update.get("type"))
    data: dict[str, Any] = {"type": kind.code}
    for name in kind.fields:
        value = update.get(name)
        if value in (None, ""):
            raise InvalidUpdate(name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        data[name] = value
    if update.get("note"):
        data["note"] = str(update["note"]).strip()
    return dict(sorted(data.items()))


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url: str = ""


@dataclass(frozen=True)
class StatusCard:
    kind: str
    title: str
    text: str
    facts: list[Fact]
    note: str


def status_card(data: Mapping[str, Any]) -> StatusCard:
    """The card of a stored update, in the active language."""
    kind = KINDS.get(data.get("type", ""))
    facts: list[Fact] = []
    if kind is not None and kind.code == "shipped":
        carrier = data["carrier"]
        shipment = Shipment(carrier=carrier, tracking_number=data["tracking_number"])
        facts = [
            Fact(
                str(_("Carrier")),
                str(Carrier(carrier).label) if carrier in Carrier.values else carrier,
            ),
            Fact(str(_("Tracking number")), data["tracking_number"], shipment.tracking_url),
            Fact(
                str(_("Estimated delivery")),
                date_format(date.fromisoformat(data["estimated_delivery"]), "DATE_FORMAT"),
            ),
        ]
    elif kind is not None and kind.code == "refund_issued":
        facts = [Fact(str(_("Amount")), format_money(Decimal(data["amount"]), data["currency"]))]
    return StatusCard(
        kind=kind.code if kind else "",
        title=str(kind.title if kind else _("Status update")),
        text=str(kind.text) if kind else "",
        facts=facts,
        note=data.get("note", ""),
    )
