"""The log-in lock's page (templates/accounts/locked_out.html)."""

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(duration: timedelta | None) -> int:
    """A duration in minutes, rounded up: how long the lock lasts (axes gives the page its
    `cooloff_timedelta`, from AXES_COOLOFF_MINUTES)."""
    if not isinstance(duration, timedelta):
        return 0
    return math.ceil(duration.total_seconds() / 60)
