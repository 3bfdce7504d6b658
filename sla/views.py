from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sla.models import Heartbeat


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
