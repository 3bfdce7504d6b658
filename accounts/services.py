"""Writes of the accounts app: a seller team's absences (issue 15).

Who may record or cancel which absence is accounts.access's; whether an absence is running
now, and what follows from it (who gets new requests, what the pages say), is
helpdesk.absences': the markets' time zones live above this app."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Seller, SellerAbsence, SellerMember, User


class AbsenceError(Exception):
    """The absence cannot be recorded; the message (translated) is shown to the person."""


@transaction.atomic
def absence_record(
    *,
    seller: Seller,
    absent: User,
    first_day: date,
    last_day: date,
    stand_in: User,
    by: User,
) -> SellerAbsence:
    """Record that `absent` is away from `first_day` to `last_day` (both included, days of
    the seller's market) and that `stand_in` answers meanwhile.

    Both must be members of `seller`'s team, and a member's absences never overlap: checked
    with both memberships locked (in id order, so two recordings cannot deadlock), so two
    recordings at once cannot both pass. The database refuses a last day before the first
    and a member standing in for themselves; that the days are not past is the form's check
    (it knows the seller's today)."""
    memberships = (
        SellerMember.objects.select_for_update()
        .filter(seller=seller, user__in=[absent, stand_in])
        .order_by("pk")
    )
    members = {membership.user_id for membership in memberships}
    if absent.pk not in members or stand_in.pk not in members:
        raise AbsenceError(_("Both people must be members of the team."))
    overlapping = SellerAbsence.objects.overlapping(
        seller=seller, absent=absent, first_day=first_day, last_day=last_day
    )
    if overlapping.exists():
        raise AbsenceError(
            _("%(name)s is already away on some of these days.") % {"name": absent.name}
        )
    return SellerAbsence.objects.create(
        seller=seller,
        absent=absent,
        first_day=first_day,
        last_day=last_day,
        stand_in=stand_in,
        created_by=by,
    )


def absence_cancel(*, absence: SellerAbsence) -> None:
    """Remove an absence, running or to come. Requests already given to the stand-in stay
    with the stand-in; new ones are no longer redirected."""
    absence.delete()
