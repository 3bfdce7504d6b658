from django.http import HttpRequest

from accounts.access import sellers_of
from helpdesk.models import Thread

BADGE_POLL_SECONDS = 15  # how often the navigation's badge (and the tab's title) refreshes


def inbox(request: HttpRequest) -> dict[str, object]:
    """The seller's navigation badge: threads awaiting our reply, and unread ones for the
    tab's title (lazy: one query, only when the header shows it)."""
    user = getattr(request, "user", None)

    def counts() -> dict[str, int]:
        assert user is not None  # the header shows the badge to signed-in sellers only
        return Thread.objects.badge_counts(sellers_of(user), user)

    return {"inbox_badge": counts, "badge_poll_seconds": BADGE_POLL_SECONDS}
