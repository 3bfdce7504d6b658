from django.http import HttpRequest

from accounts.access import sellers_of
from sla.sanctions import active_sanctions


def sanctions(request: HttpRequest) -> dict[str, object]:
    """Sanctions in force for the sellers the viewer works for (a banner on every page)."""
    user = getattr(request, "user", None)

    def in_force() -> list:
        found = []
        for seller in sellers_of(user):
            found += list(active_sanctions(seller).select_related("seller"))
        return found

    return {"sanctions_in_force": in_force}
