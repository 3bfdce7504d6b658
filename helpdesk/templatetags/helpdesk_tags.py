from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from helpdesk.status_updates import StatusCard, status_card
from sla.calendar import business_time_between

register = template.Library()


@register.filter(name="status_card")
def status_card_filter(data: dict) -> StatusCard:
    return status_card(data)


def _hours_minutes(seconds: float) -> str:
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": max(minutes, 1)}


@register.simple_tag
def countdown(thread) -> str:
    """The seller's countdown in business time of the thread's market: "due in 5 h 40 min"
    or "overdue by 2 h" (hours that count; nights of weekends and holidays do not)."""
    if not thread.due_at:
        return ""
    now = timezone.now()
    if now < thread.due_at:
        left = business_time_between(now, thread.due_at, thread.market_id)
        return _("due in %(time)s") % {"time": _hours_minutes(left.total_seconds())}
    late = business_time_between(thread.due_at, now, thread.market_id)
    return _("overdue by %(time)s") % {"time": _hours_minutes(late.total_seconds())}
