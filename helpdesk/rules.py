"""Who may do what, and when, in a conversation: the one home of each rule that the
services enforce and the pages show (a page asks here whether to offer a button; the
service asks again before acting).

Each `*_refusal` function returns why the action is refused, in the active language, or None
when it is allowed.

- Reopening: the buyer reopens a closed request within REOPEN_WINDOW_DAYS of its closing;
  the seller reopens only a conversation it closed itself, within the same window (a request
  the buyer marked solved is the buyer's to reopen). A buyer's reopening owes the buyer an
  answer again (a new deadline, sla.clocks.clock_open).
- Escalation: once per request, when the seller has missed the deadline (sla.judgement: an
  answer held for review is not missed) or closed a request the buyer disagrees with. While
  it is open the seller cannot close the request; the platform's decision closes it for good
  (the buyer opens a new request for anything else).
- Pace: nobody writes more than settings.POSTING_LIMITS allows, over short and long windows,
  in all and within one conversation (a refused text is kept for the writer).
- Writing unprompted: a seller writes text only in a request the buyer opened. Unprompted,
  it posts only status updates about an order (in the order's "Order updates" thread), of a
  kind that fits the order's status (helpdesk.status_updates), at most SELLER_UPDATES
  ["per_day"] a day and ["per_order"] in all, until ["days_after_order"] days after the
  order was placed.
- "Was this answered?": on an open request that no longer awaits the seller, the buyer may
  say once whether the seller's latest reply (a text or a status update the buyer can read)
  answered the question, until the buyer writes again. "No" owes the buyer an answer again
  (a new deadline from the verdict, helpdesk.services.answer_rate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from helpdesk.models import Message, Role, Thread, Topic
from helpdesk.status_updates import KINDS
from orders.models import Order


def reopen_window() -> timedelta:
    return timedelta(days=settings.REOPEN_WINDOW_DAYS)


def reopen_refusal(thread: Thread, role: str, now: datetime | None = None) -> str | None:
    """Why `role` may not reopen the closed `thread` now (None: allowed)."""
    now = now or timezone.now()
    if thread.is_open:
        return None
    if thread.closed_by_role == Role.PLATFORM:
        return _(
            "The platform has decided on this request. For anything else, open a new request "
            "from the order page."
        )
    if role == Role.SELLER and thread.closed_by_role != Role.SELLER:
        return _("Only the buyer can reopen a request the buyer marked as solved.")
    if thread.closed_at is None or now - thread.closed_at > reopen_window():
        return _(
            "This conversation was closed more than %(days)d days ago. The buyer can open a "
            "new request from the order page."
        ) % {"days": settings.REOPEN_WINDOW_DAYS}
    return None


def escalation_refusal(thread: Thread, now: datetime | None = None) -> str | None:
    """Why the buyer may not ask the platform to step in now (None: allowed)."""
    if thread.topic == Topic.ORDER_UPDATES:
        return _("Order updates cannot be escalated; open a request about the order instead.")
    if thread.escalated_at is not None:
        if thread.closed_by_role == Role.PLATFORM:
            return _("The platform has already decided on this request.")
        return _("The platform has already been asked to step in.")
    closed_by_seller = not thread.is_open and thread.closed_by_role == Role.SELLER
    if thread.is_overdue(now) or closed_by_seller:
        return None
    return _(
        "You can ask the platform to step in once the seller has missed the answer "
        "deadline or has closed a request you disagree with."
    )


def close_refusal(thread: Thread, role: str) -> str | None:
    """Why `role` may not close the open `thread` (None: allowed). An escalated request is
    the platform's to close, with its decision; the buyer may still mark it solved."""
    if role == Role.SELLER and thread.escalated_at is not None:
        return _("The platform is handling this request: it closes it with its decision.")
    return None


def posting_refusal(author: User, thread_id: int | None, now: datetime) -> str | None:
    """Why `author` may not write one more message now (None: allowed): at most so many in
    each window of settings.POSTING_LIMITS, over everything they wrote and within the
    conversation. One query."""
    limits = settings.POSTING_LIMITS
    longest = max(seconds for seconds, _count in [*limits["per_user"], *limits["per_thread"]])
    counts = Message.objects.filter(
        author=author,
        created_at__gt=now - timedelta(seconds=longest),
        created_at__lte=now,
    ).aggregate(
        **{
            f"user_{seconds}": Count(
                "id", filter=Q(created_at__gt=now - timedelta(seconds=seconds))
            )
            for seconds, _count in limits["per_user"]
        },
        **{
            f"thread_{seconds}": Count(
                "id",
                filter=Q(thread_id=thread_id, created_at__gt=now - timedelta(seconds=seconds)),
            )
            for seconds, _count in limits["per_thread"]
        },
    )
    windows = [("user", s, n) for s, n in limits["per_user"]]
    if thread_id is not None:
        windows += [("thread", s, n) for s, n in limits["per_thread"]]
    for scope, seconds, most in windows:
        if counts[f"{scope}_{seconds}"] >= most:
            return _(
                "You are writing faster than the platform allows (%(count)d messages in "
                "%(period)s). Your text is kept: send it again in a moment."
            ) % {"count": most, "period": _duration(seconds)}
    return None


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    if seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}


def proactive_update_refusal(order: Order, kind: str, now: datetime | None = None) -> str | None:
    """Why the seller may not post this status update unprompted now (None: allowed)."""
    now = now or timezone.now()
    limits = settings.SELLER_UPDATES
    status_kind = KINDS[kind]
    if not status_kind.proactive_when:
        return _("“%(update)s” is an answer: post it in the buyer's request about it.") % {
            "update": status_kind.label
        }
    if order.status not in status_kind.proactive_when:
        return _(
            "“%(update)s” does not fit this order's state (%(status)s). If the buyer asked "
            "about it, post it in their request."
        ) % {"update": status_kind.label, "status": order.get_status_display()}
    if now - order.placed_at > timedelta(days=limits["days_after_order"]):
        return _(
            "Updates without a buyer's request end %(days)d days after the order. Answer in "
            "the buyer's request instead."
        ) % {"days": limits["days_after_order"]}
    sent = Message.objects.filter(
        thread__order=order,
        thread__topic=Topic.ORDER_UPDATES,
        kind=Message.Kind.STATUS_UPDATE,
    )
    if sent.count() >= limits["per_order"]:
        return _(
            "This order has had %(count)d updates without a buyer's request, the most "
            "allowed. Answer in the buyer's request instead."
        ) % {"count": limits["per_order"]}
    if sent.filter(created_at__gt=now - timedelta(days=1)).count() >= limits["per_day"]:
        return _(
            "At most %(count)d updates a day without a buyer's request: try again tomorrow."
        ) % {"count": limits["per_day"]}
    return None


ANSWER_KINDS = (Message.Kind.TEXT, Message.Kind.STATUS_UPDATE)


def answer_to_rate(thread: Thread, role: str, entries: Sequence[Message]) -> Message | None:
    """The seller's reply the reader may rate ("did this answer your question?"), or None.
    `entries` are what the buyer reads, oldest first (or only the latest text or status
    update), each with its rating fetched (select_related("rating"))."""
    if role != Role.BUYER or not thread.is_open or thread.awaiting_reply_since is not None:
        return None
    for entry in reversed(entries):
        if entry.kind not in ANSWER_KINDS or entry.author_role == Role.PLATFORM:
            continue
        if entry.author_role != Role.SELLER:
            return None  # the buyer wrote after it: the conversation has moved on
        return None if hasattr(entry, "rating") else entry
    return None


@dataclass(frozen=True)
class ThreadActions:
    """What the thread page offers its reader (the services check again on submit)."""

    can_write: bool
    can_close: bool
    can_reopen: bool
    can_escalate: bool
    reopen_refused: str  # why not, when the page says something instead of the button


def thread_actions(thread: Thread, role: str, now: datetime | None = None) -> ThreadActions:
    now = now or timezone.now()
    seller_updates = role == Role.SELLER and thread.topic == Topic.ORDER_UPDATES
    refused = "" if thread.is_open else (reopen_refusal(thread, role, now) or "")
    return ThreadActions(
        can_write=thread.is_open and not seller_updates,
        can_close=thread.is_open and close_refusal(thread, role) is None,
        can_reopen=not thread.is_open and not refused and not seller_updates,
        can_escalate=role == Role.BUYER and escalation_refusal(thread, now) is None,
        reopen_refused=refused,
    )
