"""The life of a response clock, behind the small interface the helpdesk calls.

A clock opens with the first unanswered buyer message of a thread (or with the buyer's
reopening of a solved or closed thread), waits while a seller answer is held for review,
and closes when the seller answers, when the buyer marks the request solved, or when the
seller marks the message "no reply needed". The helpdesk calls these functions inside its own
transaction with the thread row locked, then copies `clock_state` onto the thread's inbox
fields, so a thread's clock and its inbox fields always change together.

This module knows threads and messages only by their ids: sla never imports the helpdesk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from sla.calendar import business_time_between, deadline_steps, response_deadline
from sla.models import ClockExemption, ResponseClock

# The "due soon" warning goes when this much business time has run (24 − 4 hours).
WARN_AFTER_HOURS = 20


class ClockSubject(Protocol):
    """What a clock needs to know of its thread."""

    @property
    def pk(self) -> int: ...

    @property
    def seller_id(self) -> int: ...

    @property
    def market_id(self) -> str: ...


@dataclass(frozen=True)
class ClockState:
    """What the thread's inbox fields copy: the running clock (if any) and how the last
    closed one ended."""

    awaiting_since: datetime | None = None
    due_at: datetime | None = None
    pending: bool = False  # an answer is held for review
    last_outcome: str = ""  # of the latest closed clock: "answered", "exempt", "solved" or ""

    @property
    def running(self) -> bool:
        return self.due_at is not None


def _open_clock(thread_id: int) -> ResponseClock | None:
    return (
        ResponseClock.objects.select_for_update()
        .filter(thread_id=thread_id, closed_at__isnull=True)
        .first()
    )


def clock_open(*, thread: ClockSubject, message_id: int, at: datetime) -> ResponseClock | None:
    """The buyer is owed an answer from `at` (a buyer message, or the buyer's reopening):
    open a clock unless one is already running (a later buyer message does not restart it).
    Returns the new clock, or None."""
    if ResponseClock.objects.filter(thread_id=thread.pk, closed_at__isnull=True).exists():
        return None
    return ResponseClock.objects.create(
        thread_id=thread.pk,
        seller_id=thread.seller_id,
        market_id=thread.market_id,
        opened_by_id=message_id,
        opened_at=at,
        due_at=response_deadline(at, thread.market_id),
        warn_at=response_deadline(at, thread.market_id, hours=WARN_AFTER_HOURS),
        explanation=deadline_steps(at, thread.market_id),
    )


def _close(
    clock: ResponseClock, *, outcome: str, at: datetime, by_message_id: int | None = None
) -> ResponseClock:
    clock.closed_at = at
    clock.outcome = outcome
    clock.closed_by_id = by_message_id
    clock.pending_answer = None
    if outcome == ResponseClock.Outcome.ANSWERED:
        elapsed = business_time_between(clock.opened_at, at, clock.market_id)
        clock.response_seconds = int(elapsed.total_seconds())
    clock.save(
        update_fields=["closed_at", "outcome", "closed_by", "pending_answer", "response_seconds"]
    )
    return clock


def clock_answer(*, thread_id: int, message_id: int, sent_at: datetime) -> ResponseClock | None:
    """The seller's reply or status update closes the running clock at its send time, which
    for a reply held by moderation is earlier than its delivery. A clock opened after the
    answer was written is not answered by it."""
    clock = _open_clock(thread_id)
    if clock is None or clock.opened_at > sent_at:
        return None
    return _close(
        clock, outcome=ResponseClock.Outcome.ANSWERED, at=sent_at, by_message_id=message_id
    )


def clock_hold_answer(*, thread_id: int, message_id: int) -> ResponseClock | None:
    """A seller reply held by moderation: the clock is pending (the sweep skips it, nothing
    judges it late) while the platform decides."""
    clock = _open_clock(thread_id)
    if clock is None or clock.pending_answer_id:
        return clock
    clock.pending_answer_id = message_id
    clock.save(update_fields=["pending_answer"])
    return clock


def clock_release_answer(
    *,
    thread_id: int,
    message_id: int,
    sent_at: datetime,
    approved: bool,
    next_held_id: int | None = None,
) -> ResponseClock | None:
    """Moderation decided on a held seller reply. Approved: the running clock closes at the
    reply's original send time, so the review's delay never counts against the seller.
    Rejected: the clock waits for `next_held_id` (another held reply of the thread) or runs
    again, and the sweep may find it overdue."""
    if approved:
        return clock_answer(thread_id=thread_id, message_id=message_id, sent_at=sent_at)
    clock = _open_clock(thread_id)
    if clock is None:
        return None
    if clock.pending_answer_id == message_id:
        clock.pending_answer_id = next_held_id
        clock.save(update_fields=["pending_answer"])
    return clock


def clock_solved(*, thread_id: int, at: datetime) -> ResponseClock | None:
    """The buyer marked the request solved: nothing is owed any more, nothing is judged."""
    clock = _open_clock(thread_id)
    if clock is None:
        return None
    return _close(clock, outcome=ResponseClock.Outcome.SOLVED, at=at)


def clock_take_over(*, thread_id: int, at: datetime) -> ResponseClock | None:
    """The platform takes an escalated case over: the running clock stops being the measure
    of the seller. It closes as "taken over by the platform" and keeps its held answer, if
    any, so the judgement (sla.judgement) can still call it late when its deadline had
    already passed with nothing held, and never otherwise."""
    clock = _open_clock(thread_id)
    if clock is None:
        return None
    pending = clock.pending_answer_id
    _close(clock, outcome=ResponseClock.Outcome.PLATFORM, at=at)
    if pending:
        clock.pending_answer_id = pending
        clock.save(update_fields=["pending_answer"])
    return clock


def clock_exempt(*, thread_id: int, by: User, at: datetime | None = None) -> ClockExemption | None:
    """The seller marks the awaited buyer message "no reply needed" (a thank-you)."""
    clock = _open_clock(thread_id)
    if clock is None:
        return None
    at = at or timezone.now()
    _close(clock, outcome=ResponseClock.Outcome.EXEMPT, at=at)
    return ClockExemption.objects.create(clock=clock, exempted_by=by, exempted_at=at)


@transaction.atomic
def clock_exemption_revoke(*, exemption: ClockExemption, by: User) -> ResponseClock:
    """A platform administrator disagrees with a "no reply needed": the clock runs again from
    its original message and deadline (so a long-passed deadline is breached at the next
    sweep). A clock opened since by a newer buyer message is folded into it. The caller holds
    the thread's lock (helpdesk.services.thread_exemption_revoke)."""
    exemption = ClockExemption.objects.select_for_update().get(pk=exemption.pk)
    clock = ResponseClock.objects.select_for_update().get(pk=exemption.clock_id)
    if exemption.revoked_at is not None:
        return clock
    exemption.revoked_at = timezone.now()
    exemption.revoked_by = by
    exemption.save(update_fields=["revoked_at", "revoked_by"])
    newer = _open_clock(clock.thread_id)
    if newer is not None:
        _close(newer, outcome=ResponseClock.Outcome.SOLVED, at=newer.opened_at)
    clock.closed_at = None
    clock.outcome = ""
    clock.save(update_fields=["closed_at", "outcome"])
    return clock


def clock_state(thread_id: int) -> ClockState:
    """The thread's running clock, or how its last clock ended (one query: the open clock
    sorts first)."""
    row = (
        ResponseClock.objects.filter(thread_id=thread_id)
        .order_by(F("closed_at").desc(nulls_first=True), "-id")
        .values_list("closed_at", "opened_at", "due_at", "pending_answer_id", "outcome")
        .first()
    )
    if row is None:
        return ClockState()
    closed_at, opened_at, due_at, pending_answer_id, outcome = row
    if closed_at is None:
        return ClockState(
            awaiting_since=opened_at, due_at=due_at, pending=pending_answer_id is not None
        )
    return ClockState(last_outcome=outcome)
