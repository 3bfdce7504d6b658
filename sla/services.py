"""Response clocks: opened, answered, held, exempted; and the sweep that marks breaches.

The helpdesk services call the clock functions inside their own transaction, with the
thread row locked, so a thread's clock and its inbox fields always change together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from sla.calendar import business_time_between, response_deadline
from sla.models import ClockExemption, ResponseClock

# The "due soon" warning goes when this much business time has run (24 − 4 hours).
WARN_AFTER_HOURS = 20


def heartbeat_record(*, name: str, now: datetime | None = None) -> None:
    """Record one run of the periodic job `name` (an upsert, safe under concurrent workers)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO sla_heartbeat (name, last_run_at, runs) VALUES (%s, %s, 1)
            ON CONFLICT (name) DO UPDATE
              SET last_run_at = GREATEST(sla_heartbeat.last_run_at, EXCLUDED.last_run_at),
                  runs = sla_heartbeat.runs + 1
            """,
            [name, now or timezone.now()],
        )


def _open_clock(thread_id: int) -> ResponseClock | None:
    return (
        ResponseClock.objects.select_for_update()
        .filter(thread_id=thread_id, closed_at__isnull=True)
        .first()
    )


def clock_open(*, thread, message, at: datetime | None = None) -> ResponseClock | None:
    """A buyer message: open a clock unless one is already running (a later buyer message
    does not restart it). `at` (default: the message's send time) is when the seller got
    it. Returns the new clock, or None."""
    if ResponseClock.objects.filter(thread_id=thread.pk, closed_at__isnull=True).exists():
        return None
    at = at or message.created_at
    return ResponseClock.objects.create(
        thread_id=thread.pk,
        seller_id=thread.seller_id,
        market_id=thread.market_id,
        opened_by=message,
        opened_at=at,
        due_at=response_deadline(at, thread.market_id),
        warn_at=response_deadline(at, thread.market_id, hours=WARN_AFTER_HOURS),
    )


def _close(clock: ResponseClock, *, outcome: str, at: datetime, by=None) -> ResponseClock:
    clock.closed_at = at
    clock.outcome = outcome
    clock.closed_by = by
    clock.pending_answer = None
    if outcome == ResponseClock.Outcome.ANSWERED:
        elapsed = business_time_between(clock.opened_at, at, clock.market_id)
        clock.response_seconds = int(elapsed.total_seconds())
    clock.save(
        update_fields=["closed_at", "outcome", "closed_by", "pending_answer", "response_seconds"]
    )
    return clock


def _answer(thread_id: int, message) -> ResponseClock | None:
    clock = _open_clock(thread_id)
    if clock is None or clock.opened_at > message.created_at:
        return None  # nothing running, or opened after this answer was written
    return _close(clock, outcome=ResponseClock.Outcome.ANSWERED, at=message.created_at, by=message)


def clock_answer(*, thread, message) -> ResponseClock | None:
    """The seller's reply or status update closes the running clock at its send time, which
    for a reply held by moderation is earlier than its delivery."""
    return _answer(thread.pk, message)


def clock_hold_answer(*, thread, message) -> ResponseClock | None:
    """A seller reply held by moderation: the clock waits (the sweep skips it) instead of
    running against the seller while the platform decides."""
    clock = _open_clock(thread.pk)
    if clock is None or clock.pending_answer_id:
        return clock
    clock.pending_answer = message
    clock.save(update_fields=["pending_answer"])
    return clock


def clock_release_answer(*, message, approved: bool, next_held=None) -> ResponseClock | None:
    """Moderation decided on a held seller reply. Approved: the running clock closes at the
    reply's original send time, so our review delay never counts against the seller (unless
    the clock was opened after the reply, which then answered nothing). Rejected: the clock
    waits for `next_held` (another held reply of the thread) or runs again, and the sweep
    may find it overdue."""
    if approved:
        return _answer(message.thread_id, message)
    clock = _open_clock(message.thread_id)
    if clock is None:
        return None
    if clock.pending_answer_id == message.pk:
        clock.pending_answer = next_held
        clock.save(update_fields=["pending_answer"])
    return clock


def clock_solved(*, thread, at: datetime) -> ResponseClock | None:
    """The buyer marked the request solved: nothing is owed any more, nothing is judged."""
    clock = _open_clock(thread.pk)
    if clock is None:
        return None
    return _close(clock, outcome=ResponseClock.Outcome.SOLVED, at=at)


def clock_exempt(*, thread, by, at: datetime | None = None) -> ClockExemption | None:
    """The seller marks the awaited buyer message "no reply needed" (a thank-you)."""
    clock = _open_clock(thread.pk)
    if clock is None:
        return None
    at = at or timezone.now()
    _close(clock, outcome=ResponseClock.Outcome.EXEMPT, at=at)
    return ClockExemption.objects.create(clock=clock, exempted_by=by, exempted_at=at)


@transaction.atomic
def clock_exemption_revoke(*, exemption: ClockExemption, by) -> ResponseClock:
    """A platform administrator disagrees: the clock runs again from its original message
    and deadline (so a long-passed deadline is breached at the next sweep). A clock opened
    since by a newer buyer message is folded into it."""
    from helpdesk.models import Thread

    exemption = ClockExemption.objects.select_for_update().get(pk=exemption.pk)
    clock = ResponseClock.objects.select_for_update().get(pk=exemption.clock_id)
    if exemption.revoked_at is not None:
        return clock
    thread = Thread.objects.select_for_update().get(pk=clock.thread_id)
    exemption.revoked_at = timezone.now()
    exemption.revoked_by = by
    exemption.save(update_fields=["revoked_at", "revoked_by"])
    newer = _open_clock(thread.pk)
    if newer is not None:
        _close(newer, outcome=ResponseClock.Outcome.SOLVED, at=newer.opened_at)
    clock.closed_at = None
    clock.outcome = ""
    clock.save(update_fields=["closed_at", "outcome"])
    thread_sync(thread)
    return clock


def thread_sync(thread) -> list[str]:
    """Copy the running clock onto the thread's inbox fields; returns the changed fields."""
    clock = ResponseClock.objects.filter(thread_id=thread.pk, closed_at__isnull=True).first()
    awaiting, due = (clock.opened_at, clock.due_at) if clock else (None, None)
    if (thread.awaiting_reply_since, thread.due_at) == (awaiting, due):
        return []
    thread.awaiting_reply_since, thread.due_at = awaiting, due
    thread.save(update_fields=["awaiting_reply_since", "due_at"])
    return ["awaiting_reply_since", "due_at"]


# The sweep -----------------------------------------------------------------------------

# Claim a batch of due clocks (SKIP LOCKED: a concurrent sweep takes others), mark them,
# and write one notice per clock and team member in the same statement. A clock already
# marked is never marked again, and the unique index on notices makes a repeat a no-op.
_SWEEP_SQL = """
WITH due AS (
    SELECT id FROM sla_responseclock
    WHERE closed_at IS NULL AND breached_at IS NULL AND pending_answer_id IS NULL
      AND {condition}
    ORDER BY {order_by}, id
    LIMIT %(batch)s
    FOR UPDATE SKIP LOCKED
), marked AS (
    UPDATE sla_responseclock AS c SET {column} = %(now)s
    FROM due WHERE c.id = due.id AND c.{column} IS NULL
    RETURNING c.id, c.thread_id
), notices AS (
    INSERT INTO helpdesk_notification
        (recipient_id, kind, thread_id, clock_id, message_id, digest, created_at, sent_at)
    SELECT m.user_id, %(kind)s, t.id, marked.id, NULL, false, %(now)s, NULL
    FROM marked
    JOIN helpdesk_thread AS t ON t.id = marked.thread_id
    JOIN accounts_sellermember AS m
      ON m.seller_id = t.seller_id AND (t.assignee_id IS NULL OR m.user_id = t.assignee_id)
    JOIN accounts_user AS u ON u.id = m.user_id AND u.is_active
    ON CONFLICT DO NOTHING
    RETURNING id
)
SELECT (SELECT count(*) FROM marked), (SELECT coalesce(array_agg(id), '{{}}') FROM notices)
"""

BREACH_SQL = _SWEEP_SQL.format(
    condition="due_at <= %(now)s", order_by="due_at", column="breached_at"
)
# A warning only while the deadline is still ahead (a late sweep goes straight to breach).
WARNING_SQL = _SWEEP_SQL.format(
    condition="warned_at IS NULL AND warn_at <= %(now)s AND due_at > %(now)s",
    order_by="warn_at",
    column="warned_at",
)


@dataclass(frozen=True)
class SweepResult:
    warned: int
    breached: int
    notices: int


def _sweep(sql: str, *, kind: str, now: datetime, batch: int) -> tuple[int, int]:
    from helpdesk.services import queue_notifications

    marked_total = notices_total = 0
    while True:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, {"now": now, "batch": batch, "kind": kind})
                marked, notice_ids = cursor.fetchone()
            queue_notifications(list(notice_ids))
        marked_total += marked
        notices_total += len(notice_ids)
        if marked < batch:
            return marked_total, notices_total


def sla_sweep(*, now: datetime | None = None, batch: int | None = None) -> SweepResult:
    """Warn about answers due soon and mark missed deadlines, each exactly once, in batches
    of constant size (one transaction each). Safe to run twice, or in two workers at once."""
    now = now or timezone.now()
    batch = batch or settings.SLA_SWEEP_BATCH
    warned, warn_notices = _sweep(WARNING_SQL, kind="due_soon", now=now, batch=batch)
    breached, breach_notices = _sweep(BREACH_SQL, kind="breach", now=now, batch=batch)
    return SweepResult(warned=warned, breached=breached, notices=warn_notices + breach_notices)
