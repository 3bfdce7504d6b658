"""The sweep: warn about answers due soon and mark missed deadlines, each exactly once.

One statement per batch claims due clocks (SKIP LOCKED: a concurrent sweep takes others) and
stamps them; the same transaction writes the notices through the outbox's one recipient
rule. A clock already stamped is never stamped again, and a unique index on notices makes a
repeat a no-op, so running it twice, or in two workers at once, changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from outbox.models import Notification
from outbox.services import SellerNotice, notify_seller_team
from sla.judgement import SWEEPABLE_SQL

_CLAIM_SQL = """
WITH due AS (
    SELECT id FROM sla_responseclock
    WHERE {sweepable} AND breached_at IS NULL AND {condition}
    ORDER BY {order_by}, id
    LIMIT %(batch)s
    FOR UPDATE SKIP LOCKED
)
UPDATE sla_responseclock AS c SET {column} = %(now)s
FROM due WHERE c.id = due.id AND c.{column} IS NULL
RETURNING c.id, c.thread_id
"""

BREACH_SQL = _CLAIM_SQL.format(
    sweepable=SWEEPABLE_SQL, condition="due_at <= %(now)s", order_by="due_at", column="breached_at"
)
# A warning only while the deadline is still ahead (a late sweep goes straight to breach).
WARNING_SQL = _CLAIM_SQL.format(
    sweepable=SWEEPABLE_SQL,
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
    marked_total = notices_total = 0
    while True:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, {"now": now, "batch": batch})
                marked = cursor.fetchall()
            notices = notify_seller_team(
                kind=kind,
                notices=[
                    SellerNotice(thread_id=thread_id, clock_id=clock_id)
                    for clock_id, thread_id in marked
                ],
                now=now,
            )
        marked_total += len(marked)
        notices_total += len(notices)
        if len(marked) < batch:
            return marked_total, notices_total


def sla_sweep(*, now: datetime | None = None, batch: int | None = None) -> SweepResult:
    """Warn about answers due soon and mark missed deadlines, each exactly once, in batches
    of constant size (one transaction each). Clocks whose answer is held for review are
    pending, never late (sla.judgement): the sweep leaves them alone."""
    now = now or timezone.now()
    batch = batch or settings.SLA_SWEEP_BATCH
    warned, warn_notices = _sweep(
        WARNING_SQL, kind=Notification.Kind.DUE_SOON, now=now, batch=batch
    )
    breached, breach_notices = _sweep(
        BREACH_SQL, kind=Notification.Kind.BREACH, now=now, batch=batch
    )
    return SweepResult(warned=warned, breached=breached, notices=warn_notices + breach_notices)
