"""Who may see an order (one place)."""

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from orders.models import Order


@dataclass(frozen=True)
class OrderAccess:
    order: Order
    # How the viewer relates to the order: it decides what the page offers, never whether
    # the page is shown.
    role: Literal["buyer", "seller"]


def access_order(user: User, number: str, *, as_role: str | None = None) -> OrderAccess:
    """The order `number` if `user` bought it or works for its seller; 404 otherwise.

    "Missing" and "not yours" give the same answer, so order numbers cannot be probed. With
    `as_role`, an action only that side may take: the other side, who can see the order,
    gets 403.
    """
    # No order number holds a NUL, and PostgreSQL cannot even compare one (a 500 before).
    if "\x00" in number:
        raise Http404
    order = get_object_or_404(
        Order.objects.visible_to(user).select_related("buyer", "seller", "market"),
        number=number,
    )
    role: Literal["buyer", "seller"] = "buyer" if order.buyer_id == user.pk else "seller"
    if as_role is not None and role != as_role:
        raise PermissionDenied
    return OrderAccess(order=order, role=role)
