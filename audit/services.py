"""Recording staff access (the only writer of the access log) and its retention."""

from __future__ import annotations

from datetime import datetime, timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from accounts.access import request_user
from audit.models import StaffAccess


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as the log-in throttle sees it (django-axes reads
    X-Forwarded-For behind AXES_PROXY_COUNT proxies)."""
    return get_client_ip_address(request) or None


def staff_access_record(
    request: HttpRequest, action: str, *, object_id: int | None = None, detail: str = ""
) -> StaffAccess:
    """Write down that the requesting staff member looked at something."""
    return StaffAccess.objects.create(
        user=request_user(request),
        action=action,
        object_id=object_id,
        detail=detail[:300],
        path=request.get_full_path()[:500],
        ip_address=client_address(request),
    )


def staff_access_purge(now: datetime | None = None) -> int:
    """Delete what is older than ACCESS_LOG_RETENTION_DAYS (nightly). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = StaffAccess.objects.filter(at__lt=cutoff).delete()
    return deleted
