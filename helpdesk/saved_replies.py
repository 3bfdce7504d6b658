"""Saved replies' placeholders and their default texts.

A saved reply may hold placeholders (`{buyer_name}`, `{order_number}`…) that are filled in
when a seller inserts it into a reply, on the server, by one pure function
(`fill_placeholders`): the thread page's insert without JavaScript and the options the
script inserts both carry its result. Unknown names are left as typed, so a brace in an
ordinary sentence survives.

When the order has not shipped, `{tracking_number}` becomes a short sentence saying so, in
the buyer's language, rather than staying `{tracking_number}`: the text goes to the buyer,
and a half-filled template sent by an oversight reads as broken, while the sentence is true
and readable. The thread page tells the writer beforehand (`SavedReplyOptions.unshipped`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from helpdesk.models import SavedReply, Thread
from orders.markets import BY_CODE

# The placeholders a saved reply may hold, with what each becomes (the page's legend).
PLACEHOLDERS: dict[str, Promise] = {
    "buyer_name": _("the buyer's name"),
    "order_number": _("the order number"),
    "tracking_number": _(
        "the tracking number of the order's latest shipment (if none, a sentence in the "
        "buyer's language saying the order has not shipped yet)"
    ),
    "seller_name": _("your shop's name"),
    "agent_name": _("the name of the person writing the reply"),
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{name}` of `values` replaced by its value, in one pass (a value
    that itself looks like a placeholder, say a buyer called "{agent_name}", is not filled
    again); unknown names are left as typed. Plain text in, plain text out: escaping is
    the template's job."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def not_shipped_text(language: str) -> str:
    """What `{tracking_number}` becomes while the order has no shipment, in `language`."""
    with translation.override(language):
        return gettext("not available yet (the order has not shipped yet)")


def placeholder_values(*, thread: Thread, writer: User) -> tuple[dict[str, str], bool]:
    """The values of the placeholders in `thread` for `writer`, and whether the order has
    shipped (one query for its latest shipment; the thread comes with its order, seller,
    buyer and market, as `access_thread` gives it)."""
    shipment = thread.order.shipments.order_by("-shipped_at", "-id").first()
    if shipment is not None:
        tracking = shipment.tracking_number
    else:
        tracking = not_shipped_text(thread.buyer.reading_language() or thread.market.language)
    values = {
        "buyer_name": thread.buyer.name,
        "order_number": thread.order.number,
        "tracking_number": tracking,
        "seller_name": thread.seller.company_name,
        "agent_name": writer.name,
    }
    return values, shipment is not None


@dataclass(frozen=True)
class FilledReply:
    pk: int
    title: str
    body: str  # filled in for the thread


@dataclass(frozen=True)
class SavedReplyOptions:
    replies: list[FilledReply]
    # What `{tracking_number}` became, when the order has not shipped and a saved reply
    # uses it: the page tells the writer. Empty otherwise.
    unshipped: str


def saved_reply_options(*, thread: Thread, writer: User) -> SavedReplyOptions:
    """The seller's saved replies in their order, filled in for `thread` and `writer`."""
    saved = list(SavedReply.objects.filter(seller_id=thread.seller_id))
    if not saved:
        return SavedReplyOptions(replies=[], unshipped="")
    values, shipped = placeholder_values(thread=thread, writer=writer)
    replies = [FilledReply(r.pk, r.title, fill_placeholders(r.body, values)) for r in saved]
    uses_tracking = any("{tracking_number}" in r.body for r in saved)
    return SavedReplyOptions(
        replies=replies,
        unshipped=values["tracking_number"] if uses_tracking and not shipped else "",
    )


# Defaults -----------------------------------------------------------------------------------

# A new seller's first saved replies (title, text), written in its market's language. The
# texts sign with the person who inserts them and the shop.
DEFAULTS: tuple[tuple[Promise, Promise], ...] = (
    (
        _("Order shipped"),
        _(
            "Hello {buyer_name},\n\nYour order {order_number} is on its way. Its tracking "
            "number: {tracking_number}.\n\nKind regards,\n{agent_name}, {seller_name}"
        ),
    ),
    (
        _("Thanks, anything else?"),
        _(
            "Hello {buyer_name},\n\nThank you for your message. Is there anything else we can "
            "do for you about order {order_number}?\n\nKind regards,\n{agent_name}, "
            "{seller_name}"
        ),
    ),
    (
        _("Return instructions"),
        _(
            "Hello {buyer_name},\n\nTo return items from order {order_number}, pack them "
            "securely with their accessories. We will send you the return label in this "
            "conversation; the refund follows as soon as we have received the parcel.\n\n"
            "Kind regards,\n{agent_name}, {seller_name}"
        ),
    ),
    (
        _("Delay apology"),
        _(
            "Hello {buyer_name},\n\nWe are sorry: order {order_number} is delayed. We are doing "
            "our best to send it soon and will keep you informed here.\n\nKind regards,\n"
            "{agent_name}, {seller_name}"
        ),
    ),
)


def seller_language(country: str) -> str:
    """The language a seller based in `country` answers in: its market's, else the
    platform's default."""
    market = BY_CODE.get(country)
    return market.language if market is not None else settings.LANGUAGE_CODE


def default_replies(language: str) -> list[tuple[str, str]]:
    """The default saved replies (title, text) in `language`."""
    with translation.override(language):
        return [(str(title), str(body)) for title, body in DEFAULTS]
