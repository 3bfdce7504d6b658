from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import access_seller_workspace
from accounts.models import Seller
from orders.models import Market
from sla import charts
from sla.models import Heartbeat, Sanction
from sla.performance import WINDOWS, open_by_due, seller_stats, weekly


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


@login_required
@require_GET
def seller_performance(request: HttpRequest) -> HttpResponse:
    """The seller's dashboard: answer times, on-time rate, open clocks, score, sanctions."""
    sellers = access_seller_workspace(request.user)
    seller = next((s for s in sellers if s.slug == request.GET.get("seller")), sellers[0])
    now = timezone.now()
    by_window = {days: seller_stats(seller, days=days, now=now) for days in WINDOWS}
    markets = Market.objects.in_bulk()
    rows = []
    for code in sorted({m for stats in by_window.values() for m in stats if m}):
        rows.append((markets[code], [by_window[d].get(code) for d in WINDOWS]))
    weeks = weekly(seller, now=now)
    labels = [date_format(w.start, "j M") for w in weeks]
    due = open_by_due(seller, now)
    return render(
        request,
        "sla/performance.html",
        {
            "seller": seller,
            "sellers": sellers,
            "windows": WINDOWS,
            "totals": [by_window[d][None] for d in WINDOWS],
            "rows": rows,
            "response_chart": charts.bars([w.median_hours for w in weeks], labels, unit=" h"),
            "on_time_chart": charts.line([w.on_time_rate for w in weeks], labels),
            "due_chart": charts.bars([count for _, count in due], [name for name, _ in due]),
            "open_count": sum(count for _, count in due),
            "sanctions": Sanction.objects.filter(seller=seller).select_related("decided_by")[:20],
            "now": now,
        },
    )


@require_GET
def seller_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """The public seller profile: who they are and how quickly they usually answer."""
    seller = get_object_or_404(Seller, slug=slug)
    stats = seller_stats(seller, days=30)[None]
    return render(request, "sla/seller_profile.html", {"seller": seller, "stats": stats})
