from django.http import HttpRequest

from accounts.access import sellers_of


def viewer(request: HttpRequest) -> dict[str, object]:
    """What the header needs: the viewer's market and whether they have a seller workspace."""
    user = getattr(request, "user", None)
    return {
        "viewer_market": getattr(request, "market", None),
        # Lazy: evaluated only when the header asks.
        "viewer_sellers": (lambda: list(sellers_of(user))) if user is not None else list,
    }
