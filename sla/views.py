from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.access import access_seller_workspace
from accounts.models import Seller
from orders.http import ViewerRequest
from orders.models import Market
from sla import charts
from sla.forms import AppealForm
from sla.models import Heartbeat, Sanction
from sla.performance import WINDOWS, dashboard, headline, late_clocks, seller_stats
from sla.sanctions import SanctionError, appeal_refusal, sanction_appeal

LATE_LIST = 50


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and `make run`'s test: the database answers; when did
    beat's heartbeat last reach a worker."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    beat = Heartbeat.objects.filter(name="beat").first()
    return JsonResponse(
        {
            "status": "ok",
            "heartbeat_at": beat.last_run_at.isoformat() if beat else None,
            "heartbeat_runs": beat.runs if beat else 0,
            "heartbeat_age_seconds": (
                round((timezone.now() - beat.last_run_at).total_seconds(), 1) if beat else None
            ),
        }
    )


def _chosen_seller(request: HttpRequest, sellers: list[Seller]) -> Seller:
    return next((s for s in sellers if s.slug == request.GET.get("seller")), sellers[0])


@login_required
@require_GET
def seller_performance(request: ViewerRequest) -> HttpResponse:
    """The seller's dashboard: answer times, on-time rate, open clocks, score, the late
    answers behind the rate, sanctions and appeals."""
    sellers = access_seller_workspace(request.user)
    seller = _chosen_seller(request, sellers)
    now = timezone.now()
    by_window = {days: seller_stats(seller, days=days, now=now) for days in WINDOWS}
    markets = Market.objects.in_bulk()
    rows = []
    for code in sorted({m for stats in by_window.values() for m in stats if m}):
        rows.append((markets[code], [by_window[d].get(code) for d in WINDOWS]))
    board = dashboard(seller, now)
    figures = board.headline
    late = list(late_clocks(seller, days=figures.stats.days, now=now)[: LATE_LIST + 1])
    sanctions = list(
        Sanction.objects.filter(seller=seller).select_related("decided_by", "appeal")[:20]
    )
    return render(
        request,
        "sla/performance.html",
        {
            "seller": seller,
            "sellers": sellers,
            "windows": WINDOWS,
            "headline": figures,
            "totals": [by_window[d][None] for d in WINDOWS],
            "rows": rows,
            "response_chart": charts.answer_times(board.trend),
            "on_time_chart": charts.on_time_rates(board.trend),
            "due_chart": charts.time_left(board.due),
            "open_count": board.open_count,
            "ratings": board.ratings,
            "late": late[:LATE_LIST],
            "late_more": len(late) > LATE_LIST,
            "sanctions": [
                (sanction, appeal_refusal(sanction, now) is None) for sanction in sanctions
            ],
            "appeal_form": AppealForm(),
            "now": now,
        },
    )


@login_required
@require_POST
def sanction_appeal_view(request: ViewerRequest, sanction_id: int) -> HttpResponse:
    """The seller's one appeal against one of its sanctions."""
    sellers = access_seller_workspace(request.user)
    sanction = get_object_or_404(
        Sanction.objects.select_related("seller"), pk=sanction_id, seller__in=sellers
    )
    form = AppealForm(request.POST)
    back = f"{reverse('sla:performance')}?seller={sanction.seller.slug}#sanctions"
    if not form.is_valid():
        for field_errors in form.errors.values():
            for field_error in field_errors:
                messages.error(request, str(field_error))
        return redirect(back)
    try:
        sanction_appeal(sanction=sanction, by=request.user, text=form.cleaned_data["text"])
    except SanctionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your appeal was sent. A platform administrator will decide and tell you.")
        )
    return redirect(back)


@require_GET
def seller_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """The public seller profile: who they are and how quickly they usually answer (the same
    figures as the seller's Performance page)."""
    seller = get_object_or_404(Seller, slug=slug)
    context: dict[str, Any] = {"seller": seller, "headline": headline(seller)}
    return render(request, "sla/seller_profile.html", context)
