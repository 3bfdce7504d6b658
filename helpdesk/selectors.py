"""Reads of the helpdesk: the inbox, its cursors and unread markers, a reader's timeline.
Nothing here writes (writes are helpdesk.services); every query is for a viewer whose access
was checked (helpdesk.access, accounts.access)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import Seller, User
from helpdesk.models import Message, ReadState, Thread
from helpdesk.moderation import present

INBOX_VIEWS = ("awaiting", "open", "escalated", "closed", "all")


def encode_cursor(value: datetime | None, pk: int) -> str:
    micros = int(value.timestamp() * 1_000_000) if value else 0
    return f"{micros}.{pk}"


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    """The (instant, id) a cursor names, or None for one that names nothing valid."""
    try:
        micros, pk = cursor.split(".")
        return datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


@dataclass(frozen=True)
class InboxPage:
    threads: list[Thread]
    view: str
    next_cursor: str


def inbox_threads(
    user: User, sellers: Sequence[Seller], data: dict[str, Any]
) -> tuple[QuerySet[Thread], str]:
    """The sellers' threads for the inbox filters, in the view's order: what is due first
    while awaiting a reply, else the most recent activity first. Returns (queryset, view)."""
    view = data.get("view") or "awaiting"
    threads = Thread.objects.filter(seller__in=sellers)
    if view == "awaiting":
        threads = threads.awaiting_seller().order_by("due_at", "id")
    else:
        if view == "open":
            threads = threads.filter(status=Thread.Status.OPEN)
        elif view == "closed":
            threads = threads.filter(status=Thread.Status.CLOSED)
        elif view == "escalated":
            threads = threads.escalated()
        threads = threads.order_by("-last_activity_at", "-id")
    if data.get("topic"):
        threads = threads.filter(topic=data["topic"])
    if data.get("market"):
        threads = threads.filter(market=data["market"])
    if data.get("assigned") == "me":
        threads = threads.filter(assignee=user)
    elif data.get("assigned") == "nobody":
        threads = threads.filter(assignee__isnull=True)
    position = decode_cursor(data["cursor"]) if data.get("cursor") else None
    if position is not None:
        at, pk = position
        if view == "awaiting":
            threads = threads.filter(Q(due_at__gt=at) | Q(due_at=at, id__gt=pk))
        else:
            threads = threads.filter(Q(last_activity_at__lt=at) | Q(last_activity_at=at, id__lt=pk))
    return threads, view


def inbox_page(
    user: User, sellers: Sequence[Seller], data: dict[str, Any], *, size: int
) -> InboxPage:
    """One keyset page of the inbox: a constant number of queries whatever its size."""
    threads, view = inbox_threads(user, sellers, data)
    rows = list(
        threads.select_related("order", "buyer", "market", "assignee", "seller")[: size + 1]
    )
    next_cursor = ""
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = encode_cursor(
            last.due_at if view == "awaiting" else last.last_activity_at, last.pk
        )
    return InboxPage(threads=rows, view=view, next_cursor=next_cursor)


def unread_ids(threads: Iterable[Thread], user: User, *, side_field: str) -> set[int]:
    """Ids of the threads with activity from the other side since `user` last read them:
    one query for the whole page."""
    threads = list(threads)
    read = dict(
        ReadState.objects.filter(user=user, thread__in=[t.pk for t in threads]).values_list(
            "thread_id", "last_read_at"
        )
    )
    unread = set()
    for thread in threads:
        activity = getattr(thread, side_field)
        if activity and (thread.pk not in read or read[thread.pk] < activity):
            unread.add(thread.pk)
    return unread


def buyer_threads(user: User) -> QuerySet[Thread]:
    """The buyer's requests, most recent activity first."""
    return Thread.objects.filter(buyer=user).select_related("order", "seller", "market")


def timeline(thread: Thread, role: str, *, after: int = 0) -> list[Message]:
    """The thread's entries a reader in `role` may see, prepared for that reader (masked
    details hidden, the writer's own moderation status shown)."""
    entries = list(
        Message.objects.for_role(role)
        .filter(thread=thread, id__gt=after)
        .select_related("author", "review")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    return list(present(entries, role))
