"""The team's absences page (issue 15): every member sees the running and coming absences;
an owner records and cancels anyone's, any member their own. Cancelling asks once: the first
POST shows what would be cancelled, the confirmed one cancels (no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import access_seller_workspace, is_owner, may_manage_absence
from accounts.forms import AbsenceForm
from accounts.models import Seller, SellerAbsence
from accounts.services import AbsenceError, absence_cancel, absence_record
from helpdesk.absences import current_and_upcoming, running_absences, seller_today
from orders.http import ViewerRequest


def _page(
    request: ViewerRequest,
    seller: Seller,
    sellers: list[Seller],
    form: AbsenceForm,
    *,
    owner: bool,
    confirm: SellerAbsence | None = None,
) -> HttpResponse:
    running = set(running_absences([seller]).values_list("pk", flat=True))
    absences = current_and_upcoming([seller]).select_related("absent", "stand_in", "created_by")
    rows = [
        (
            absence,
            absence.pk in running,
            may_manage_absence(request.user, absence.absent_id, owner=owner),
        )
        for absence in absences
    ]
    context: dict[str, Any] = {
        "seller": seller,
        "sellers": sellers,
        "rows": rows,
        "form": form,
        "owner": owner,
        "confirm": confirm,
    }
    return render(request, "accounts/absences.html", context)


def _back(seller: Seller) -> HttpResponse:
    return redirect(f"{reverse('helpdesk:absences')}?seller={seller.slug}")


def _days(absence: SellerAbsence) -> dict[str, str]:
    return {
        "name": absence.absent.name,
        "stand_in": absence.stand_in.name,
        "first": date_format(absence.first_day, "DATE_FORMAT"),
        "last": date_format(absence.last_day, "DATE_FORMAT"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def absences(request: ViewerRequest) -> HttpResponse:
    """The running and coming absences of the team, and the form that records one."""
    sellers = access_seller_workspace(request.user)
    seller = next((s for s in sellers if s.slug == request.GET.get("seller")), sellers[0])
    owner = is_owner(request.user, seller)
    form = AbsenceForm(
        request.POST or None,
        seller=seller,
        user=request.user,
        for_anyone=owner,
        today=seller_today(seller),
    )
    if request.method == "POST" and form.is_valid():
        try:
            absence = absence_record(seller=seller, by=request.user, **form.cleaned_data)
        except AbsenceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Absence recorded: %(name)s, %(first)s to %(last)s; %(stand_in)s stands in.")
                % _days(absence),
            )
            return _back(seller)
    return _page(request, seller, sellers, form, owner=owner)


@login_required
@require_POST
def absence_cancel_view(request: ViewerRequest, absence_id: int) -> HttpResponse:
    """Cancel an absence that has not ended, after one confirmation. Another team's, or an
    ended one: 404; someone else's for a member who is not an owner: 403."""
    sellers = access_seller_workspace(request.user)
    absence = get_object_or_404(
        current_and_upcoming(sellers).select_related("seller", "absent", "stand_in"),
        pk=absence_id,
    )
    owner = is_owner(request.user, absence.seller)
    if not may_manage_absence(request.user, absence.absent_id, owner=owner):
        raise PermissionDenied
    if not request.POST.get("confirmed"):
        form = AbsenceForm(
            seller=absence.seller,
            user=request.user,
            for_anyone=owner,
            today=seller_today(absence.seller),
        )
        return _page(request, absence.seller, sellers, form, owner=owner, confirm=absence)
    absence_cancel(absence=absence)
    messages.success(
        request,
        _("Absence cancelled: %(name)s, %(first)s to %(last)s.") % _days(absence),
    )
    return _back(absence.seller)
