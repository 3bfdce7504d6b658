"""Who may act for which seller (one place).

A seller's team has owners and agents. Both work the inbox, answer, post updates and keep
notes; only an owner manages what is the whole team's: its saved replies (and, as they come,
its members, notification defaults and absences, though a member records their own
absence). Not a member: 404; a member who is not an owner, for an owner's action: 403.
"""

from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.models import Seller, SellerMember, User


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


def is_owner(user: User, seller: Seller) -> bool:
    """Whether `user` owns `seller`'s team."""
    return SellerMember.objects.filter(
        user=user, seller=seller, role=SellerMember.Role.OWNER
    ).exists()


def require_owner(user: User, seller: Seller) -> None:
    """An owner's action on a workspace `user` can open: 403 for its agents."""
    if not is_owner(user, seller):
        raise PermissionDenied


def may_manage_absence(user: User, absent_id: int, *, owner: bool) -> bool:
    """Whether `user`, a member of a seller's team (its owner or not: `owner`, from
    `is_owner`), may record or cancel the absence of the member `absent_id`: an owner
    anyone's; any member their own (who goes away knows the dates first)."""
    if owner:
        return True
    return absent_id == user.pk


def staff_with_perm(perm: str) -> QuerySet[User]:
    """Active staff who hold `perm` ("app_label.codename") through a role (group), directly,
    or as superusers: who hears of what their role acts on."""
    app_label, codename = perm.split(".")
    held = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        User.objects.filter(is_staff=True, is_active=True)
        .filter(
            Q(is_superuser=True) | Q(groups__permissions__in=held) | Q(user_permissions__in=held)
        )
        .distinct()
    )


def request_user(request: HttpRequest) -> User:
    """The logged-in person behind a request that only logged-in people reach (a view
    behind login_required, the admin console)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
