from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helpdesk import decisions
from helpdesk.forms import StatusUpdateForm
from helpdesk.models import Thread
from helpdesk.status_updates import StatusCard, status_card
from orders.models import Order
from sla.calendar import business_time_between
from sla.explanations import due_by, due_parts, waiting_reasons
from sla.formats import hours_minutes

register = template.Library()


@register.filter(name="status_card")
def status_card_filter(data: dict[str, Any]) -> StatusCard:
    return status_card(data)


@register.inclusion_tag("helpdesk/_reply_badge.html")
def reply_badge(thread: Thread, role: str) -> dict[str, Any]:
    """Where the thread stands for its reader: one place for every page's label, from the
    thread's reply state (nothing reads "answered" unless the seller answered)."""
    return {"thread": thread, "role": role}


@register.inclusion_tag("helpdesk/_order_status_form.html", takes_context=True)
def order_status_form(context: template.Context, order: Order) -> dict[str, Any]:
    """The seller's "keep the buyer informed" form on the order page."""
    return {
        "order": order,
        "form": StatusUpdateForm(order=order),
        "request": context.get("request"),
    }


@register.simple_tag
def countdown(thread: Thread) -> str:
    """The seller's countdown in business time of the thread's market: "due in 5 h 40 min"
    or "overdue by 2 h" (hours that count; nights of weekends and holidays do not); paused
    while an answer is being checked."""
    if not thread.due_at:
        return ""
    if thread.answer_in_review:
        return _("paused: your reply is being checked")
    now = timezone.now()
    if now < thread.due_at:
        left = business_time_between(now, thread.due_at, thread.market_id)
        return _("due in %(time)s") % {"time": hours_minutes(left.total_seconds())}
    late = business_time_between(thread.due_at, now, thread.market_id)
    return _("overdue by %(time)s") % {"time": hours_minutes(late.total_seconds())}


@dataclass(frozen=True)
class BuyerWait:
    """Where the buyer's wait for an answer stands, said to the buyer."""

    overdue: bool
    text: str
    reasons: list[str]  # why the deadline is further away than its business time


def _wait(thread: Thread, now: datetime) -> tuple[bool, dict[str, str]] | None:
    """None while no answer is awaited or its deadline is paused (an answer in review);
    else (overdue, the figures a sentence places): once late, the due day and time in the
    market's time; before, the business time left."""
    if not (thread.awaiting_reply_since and thread.due_at and not thread.answer_in_review):
        return None
    if thread.is_overdue(now):
        return True, due_parts(thread.due_at, thread.market_id, now)
    left = business_time_between(now, thread.due_at, thread.market_id)
    return False, {"time": hours_minutes(left.total_seconds())}


@register.simple_tag
def buyer_wait(thread: Thread, now: datetime | None = None) -> BuyerWait | None:
    """The buyer's countdown in business time of the thread's market: "The seller has 6 h of
    business time left to answer (by Tuesday 2 December, 14:00).", with why when a weekend
    or a public holiday intervenes; once past, "The seller is late: the answer was due on
    1 December at 14:00." None while nothing is awaited or an answer is being checked."""
    now = now or timezone.now()
    wait = _wait(thread, now)
    if wait is None:
        return None
    overdue, figures = wait
    if overdue:
        text = _("The seller is late: the answer was due on %(day)s at %(time)s.") % figures
        return BuyerWait(overdue=True, text=text, reasons=[])
    assert thread.due_at is not None  # for mypy: _wait checked it
    due = due_by(thread.due_at, thread.market_id)
    text = _("The seller has %(time)s of business time left to answer (by %(due)s).") % {
        **figures,
        "due": due,
    }
    reasons = waiting_reasons(now, thread.due_at, thread.market_id)
    return BuyerWait(overdue=False, text=text, reasons=reasons)


@register.simple_tag
def buyer_wait_short(thread: Thread, now: datetime | None = None) -> BuyerWait | None:
    """The same state in a few words, for the list of the buyer's requests: "answer due in
    6 h of business time", "seller late since 1 December, 14:00" (the badge beside it says
    "answered", "answer being checked" and the rest). None when nothing is counting."""
    wait = _wait(thread, now or timezone.now())
    if wait is None:
        return None
    overdue, figures = wait
    if overdue:
        return BuyerWait(
            overdue=True, text=_("seller late since %(day)s, %(time)s") % figures, reasons=[]
        )
    text = _("answer due in %(time)s of business time") % figures
    return BuyerWait(overdue=False, text=text, reasons=[])


@register.filter
def decision_text(outcome: str, reader_role: str) -> str:
    """The platform's decision on an escalated request, said to `reader_role`."""
    return decisions.decision_text(outcome, reader_role)


@register.filter
def outcome_label(outcome: str) -> str:
    return decisions.outcome_label(outcome)


@register.filter
def duration_hm(value: timedelta | None) -> str:
    """A duration as "5 h 40 min" (wall-clock time)."""
    if value is None:
        return ""
    return hours_minutes(value.total_seconds())


@register.filter
def file_size(size: int) -> str:
    """A file's size in the reader's language: "77 byte" in Italian (Django's filesizeformat
    says "77 bytes" there), "202,1 KB" beyond a kilobyte."""
    if size < 1024:
        return ngettext("%(n)s byte", "%(n)s bytes", size) % {"n": number_format(size)}
    return filesizeformat(size)
