"""Who may act for which seller (one place)."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Seller, User


def sellers_of(user: User) -> QuerySet[Seller]:
    """The sellers `user` works for (usually one; none for buyers and staff)."""
    if not user.is_authenticated:
        return Seller.objects.none()
    return Seller.objects.filter(members__user=user).order_by("company_name")


def access_seller_workspace(user: User) -> list[Seller]:
    """The sellers whose workspace `user` may open, or 404 when `user` works for none."""
    sellers = list(sellers_of(user))
    if not sellers:
        raise Http404
    return sellers
