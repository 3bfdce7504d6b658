from django.http import HttpRequest

from accounts.access import sellers_of
from helpdesk.models import Thread


def inbox(request: HttpRequest) -> dict[str, object]:
    """The "awaiting our reply" count in the seller's navigation (lazy: one query, only
    when the header shows it)."""
    user = getattr(request, "user", None)

    def count() -> int:
        return Thread.objects.awaiting_count(sellers_of(user))

    return {"inbox_awaiting_count": count}
