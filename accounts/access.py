"""Who may act for which seller (one place)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.models import Seller, User


def sellers_of(user: User | AnonymousUser | None) -> QuerySet[Seller]:
    """The sellers `user` works for (usually one; none for buyers, staff and visitors)."""
    if user is None or not user.is_authenticated:
        return Seller.objects.none()
    return Seller.objects.filter(members__user=user).order_by("company_name")


def access_seller_workspace(user: User) -> list[Seller]:
    """The sellers whose workspace `user` may open, or 404 when `user` works for none."""
    sellers = list(sellers_of(user))
    if not sellers:
        raise Http404
    return sellers


def request_user(request: HttpRequest) -> User:
    """The logged-in person behind a request that only logged-in people reach (a view
    behind login_required, the admin console)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
