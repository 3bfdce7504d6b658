from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from accounts.access import sellers_of
from sla.models import Sanction


def sanctions(request: HttpRequest) -> dict[str, object]:
    """Sanctions in force for the sellers the viewer works for (a banner on every page):
    one query, made only when a page shows the banner."""
    user = getattr(request, "user", None)

    def in_force() -> list[Sanction]:
        now = timezone.now()
        return list(
            Sanction.objects.filter(
                seller__in=sellers_of(user), lifted_at__isnull=True, starts_at__lte=now
            )
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .select_related("seller")
        )

    return {"sanctions_in_force": in_force}
