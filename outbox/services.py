"""Writing the outbox: who is told of what, in the caller's transaction; sent after commit.

`notify_seller_team` is the one rule for who hears of something on the seller's side (the
assignee, or the whole team; at once or in the hourly digest, as each member chose). The
helpdesk uses it for buyer messages, the SLA sweep for its warnings and breach notices.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import SellerMember, User
from outbox.models import Notification
from outbox.tasks import send_notifications

BATCH = 100


@dataclass(frozen=True)
class SellerNotice:
    """Something to tell the seller's side of one thread."""

    thread_id: int
    message_id: int | None = None
    clock_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def _seller_team_sql() -> str:
    thread_table = Notification._meta.get_field("thread").related_model._meta.db_table  # type: ignore[union-attr]
    return f"""
        INSERT INTO {Notification._meta.db_table}
            (recipient_id, kind, thread_id, message_id, clock_id, sanction_id, payload, digest,
             created_at, sent_at)
        SELECT m.user_id, %(kind)s, item.thread_id, item.message_id, item.clock_id, NULL,
               item.payload::jsonb, m.notification_mode = %(hourly)s, %(now)s, NULL
        FROM unnest(%(threads)s::bigint[], %(messages)s::bigint[], %(clocks)s::bigint[],
                    %(payloads)s::text[]) AS item(thread_id, message_id, clock_id, payload)
        JOIN {thread_table} AS t ON t.id = item.thread_id
        JOIN {SellerMember._meta.db_table} AS m
          ON m.seller_id = t.seller_id AND (t.assignee_id IS NULL OR m.user_id = t.assignee_id)
        JOIN {User._meta.db_table} AS u ON u.id = m.user_id AND u.is_active
        ON CONFLICT DO NOTHING
        RETURNING id, digest
    """  # noqa: S608 (table names from the models' metadata; every value is a parameter)


def notify_seller_team(
    *, kind: str, notices: Sequence[SellerNotice], now: datetime | None = None
) -> list[int]:
    """Outbox rows telling the seller's side about each notice: the thread's assignee if
    there is one, else every active member of the seller's team, each at once or in the
    hourly digest as they chose. A row that exists already (the same clock notice twice) is
    skipped. One statement for any number of notices. Returns the new rows' ids."""
    if not notices:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            _seller_team_sql(),
            {
                "kind": kind,
                "hourly": SellerMember.Notify.HOURLY,
                "now": now or timezone.now(),
                "threads": [n.thread_id for n in notices],
                "messages": [n.message_id for n in notices],
                "clocks": [n.clock_id for n in notices],
                "payloads": [json.dumps(n.payload, sort_keys=True) for n in notices],
            },
        )
        rows = cursor.fetchall()
    queue_notifications([pk for pk, digest in rows if not digest])
    return [pk for pk, _digest in rows]


def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    thread_id: int | None = None,
    message_id: int | None = None,
    sanction_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> list[int]:
    """Immediate outbox rows for these people (the buyer, the platform's staff, a seller's
    team about a sanction). Each person once."""
    people = {user.pk: user for user in recipients}
    rows = Notification.objects.bulk_create(
        Notification(
            recipient_id=pk,
            kind=kind,
            thread_id=thread_id,
            message_id=message_id,
            sanction_id=sanction_id,
            payload=payload or {},
        )
        for pk in people
    )
    ids = [row.pk for row in rows]
    queue_notifications(ids)
    return ids


def notify_once(
    *,
    kind: str,
    recipient: User,
    thread_id: int,
    message_id: int,
    payload: dict[str, Any] | None = None,
) -> bool:
    """One row about a message for a person who was not notified of it before."""
    row, created = Notification.objects.get_or_create(
        recipient=recipient,
        message_id=message_id,
        defaults={"kind": kind, "thread_id": thread_id, "payload": payload or {}},
    )
    if created:
        queue_notifications([row.pk])
    return created


def queue_notifications(ids: list[int]) -> None:
    """Send these rows after commit, in tasks of a hundred. A task that never runs is
    covered by the retry job (outbox.sending.notifications_send_pending)."""
    if not ids:
        return

    def queue() -> None:
        # Nothing left to send (e.g. demo data marked sent): no task.
        if Notification.objects.filter(pk__in=ids, sent_at__isnull=True).exists():
            for start in range(0, len(ids), BATCH):
                send_notifications.delay(ids[start : start + BATCH])

    transaction.on_commit(queue, robust=True)
