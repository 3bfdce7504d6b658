"""The request a logged-in page sees: the viewer (a user, not anonymous, behind
login_required), their market (orders.middleware) and htmx's details (django-htmx)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User
from orders.models import Market


class ViewerRequest(HttpRequest):
    user: User  # login_required has turned anonymous visitors away
    market: Market | None
    htmx: HtmxDetails
