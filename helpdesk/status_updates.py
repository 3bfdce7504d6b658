"""Status updates are data; this renders them in the reader's language (the active one)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from orders.models import Carrier, Shipment
from orders.money import format_money


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


def status_card(data: dict[str, Any]) -> StatusCard:
    kind = data.get("type", "")
    facts: list[Fact] = []
    if kind == "return_received":
        title, text = _("Return received"), _("The seller has received your return.")
    elif kind == "repair_started":
        title, text = _("Repair started"), _("The seller has started the repair.")
    elif kind == "repair_finished":
        title = _("Repair finished")
        text = _("The repair is finished and the item is being prepared for shipping.")
    elif kind == "shipped":
        title, text = _("Shipped"), _("Your item is on its way.")
        carrier = data["carrier"]
        shipment = Shipment(carrier=carrier, tracking_number=data["tracking_number"])
        facts = [
            Fact(_("Carrier"), Carrier(carrier).label if carrier in Carrier.values else carrier),
            Fact(
                _("Tracking number"),
                data["tracking_number"],
                shipment.tracking_url,
            ),
            Fact(
                _("Estimated delivery"),
                date_format(date.fromisoformat(data["estimated_delivery"]), "DATE_FORMAT"),
            ),
        ]
    elif kind == "refund_issued":
        title, text = _("Refund issued"), _("The seller has issued a refund.")
        facts = [Fact(_("Amount"), format_money(Decimal(data["amount"]), data["currency"]))]
    else:
        title, text = _("Status update"), ""
    return StatusCard(
        kind=kind, title=str(title), text=str(text), facts=facts, note=data.get("note", "")
    )
