"""Reads of the helpdesk: the inbox, its cursors and unread markers, a reader's timeline.
Nothing here writes (writes are helpdesk.services); every query is for a viewer whose access
was checked (helpdesk.access, accounts.access)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.text import Truncator

from accounts.models import Seller, User
from helpdesk.models import Message, ReadState, Role, Thread, ThreadQuerySet
from helpdesk.moderation import present, text_for
from helpdesk.search import among, seller_search_sql

INBOX_VIEWS = ("awaiting", "new", "open", "escalated", "closed", "all")
INBOX_SORTS = ("due", "newest", "oldest")
PREVIEW_CHARS = 140


def default_sort(view: str) -> str:
    """What is due first while awaiting a reply; else the most recent activity first."""
    return "due" if view == "awaiting" else "newest"


def encode_cursor(value: datetime | None, pk: int) -> str:
    """A keyset position; a thread with no value (no answer due) is written "-".pk."""
    if value is None:
        return f"-.{pk}"
    micros = int(value.timestamp() * 1_000_000)
    return f"{micros}.{pk}"


def decode_cursor(cursor: str) -> tuple[datetime | None, int] | None:
    """The (instant or None, id) a cursor names, or None for one that names nothing valid."""
    try:
        micros, pk = cursor.split(".")
        if micros == "-":
            return None, int(pk)
        return datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


@dataclass(frozen=True)
class InboxPage:
    threads: list[Thread]
    view: str
    sort: str
    next_cursor: str
    counts: dict[str, int]  # threads in each view, under the page's other filters
    first: int  # the position of the page's first thread in the view (1 for the first page)
    previews: dict[int, str]  # thread id → its last buyer message, as the seller reads it
    unread: set[int]
    new: set[int]


# A request the seller's side has never answered and the reader has never opened: what an
# agent must find at a glance, whatever the sort (on threads `with_own_read`).
NEW_REQUEST = Q(status=Thread.Status.OPEN, seller_activity_at__isnull=True, own_read__isnull=True)


def _in_view(threads: ThreadQuerySet, view: str, user: User) -> ThreadQuerySet:
    if view == "awaiting":
        return threads.awaiting_seller()
    if view == "new":
        return threads.with_own_read(user).filter(NEW_REQUEST)
    if view == "open":
        return threads.filter(status=Thread.Status.OPEN)
    if view == "closed":
        return threads.filter(status=Thread.Status.CLOSED)
    if view == "escalated":
        return threads.escalated()
    return threads


def _view_counts(threads: ThreadQuerySet, user: User) -> dict[str, int]:
    """Every view's number of threads, in one query (an index-only scan of the seller's
    threads, `thread_seller_counts`, joined with the reader's read states)."""
    return threads.with_own_read(user).aggregate(
        awaiting=Count(
            "id", filter=Q(status=Thread.Status.OPEN, awaiting_reply_since__isnull=False)
        ),
        new=Count("id", filter=NEW_REQUEST),
        open=Count("id", filter=Q(status=Thread.Status.OPEN)),
        escalated=Count("id", filter=Q(escalated_at__isnull=False)),
        closed=Count("id", filter=Q(status=Thread.Status.CLOSED)),
        all=Count("id"),
    )


def _ordered(threads: QuerySet[Thread], sort: str) -> QuerySet[Thread]:
    if sort == "due":
        return threads.order_by(F("due_at").asc(nulls_last=True), "id")
    if sort == "oldest":
        return threads.order_by("last_activity_at", "id")
    return threads.order_by("-last_activity_at", "-id")


def _after(threads: QuerySet[Thread], sort: str, cursor: str) -> QuerySet[Thread]:
    """The threads after the keyset position `cursor` in `sort` order."""
    position = decode_cursor(cursor)
    if position is None:
        return threads
    at, pk = position
    if sort == "due":
        if at is None:  # among the threads with nothing due, at the end
            return threads.filter(due_at__isnull=True, id__gt=pk)
        return threads.filter(Q(due_at__gt=at) | Q(due_at=at, id__gt=pk) | Q(due_at__isnull=True))
    if at is None:
        return threads
    if sort == "oldest":
        return threads.filter(Q(last_activity_at__gt=at) | Q(last_activity_at=at, id__gt=pk))
    return threads.filter(Q(last_activity_at__lt=at) | Q(last_activity_at=at, id__lt=pk))


def inbox_threads(
    user: User, sellers: Sequence[Seller], data: dict[str, Any]
) -> tuple[ThreadQuerySet, QuerySet[Thread], str, str]:
    """The sellers' threads under the inbox's filters and search: (every view's threads,
    the chosen view's in its order, view, sort). Cursors are applied by `inbox_page`."""
    view = data.get("view") or "awaiting"
    sort = data.get("sort") or default_sort(view)
    threads = Thread.objects.filter(seller__in=sellers)
    if data.get("topic"):
        threads = threads.filter(topic=data["topic"])
    if data.get("market"):
        threads = threads.filter(market=data["market"])
    if data.get("assigned") == "me":
        threads = threads.filter(assignee=user)
    elif data.get("assigned") == "nobody":
        threads = threads.filter(assignee__isnull=True)
    if data.get("q"):
        sql, params = seller_search_sql(data["q"], [seller.pk for seller in sellers])
        threads = threads.filter(among("helpdesk_thread", sql, params))
    return threads, _ordered(_in_view(threads, view, user), sort), view, sort


def inbox_page(
    user: User, sellers: Sequence[Seller], data: dict[str, Any], *, size: int
) -> InboxPage:
    """One keyset page of the inbox with every view's count, the threads' previews and
    unread and new marks: a constant number of queries whatever its size."""
    every, threads, view, sort = inbox_threads(user, sellers, data)
    if data.get("cursor"):
        threads = _after(threads, sort, data["cursor"])
    rows = list(
        threads.select_related("order", "buyer", "market", "assignee", "seller")[: size + 1]
    )
    next_cursor = ""
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = encode_cursor(
            last.due_at if sort == "due" else last.last_activity_at, last.pk
        )
    unread, new = read_marks(rows, user, side_field="buyer_activity_at")
    previews = last_buyer_messages(rows)
    for row in rows:
        row.preview = previews.get(row.pk, "")  # type: ignore[attr-defined]
    return InboxPage(
        threads=rows,
        view=view,
        sort=sort,
        next_cursor=next_cursor,
        counts=_view_counts(every, user),
        first=data.get("start") or 1,
        previews=previews,
        unread=unread,
        new=new,
    )


def last_buyer_messages(threads: Sequence[Thread]) -> dict[int, str]:
    """Each thread's last buyer message as the seller reads it (masked while masked; held
    ones the seller cannot see are skipped), cut to PREVIEW_CHARS. One query."""
    if not threads:
        return {}
    latest = (
        Message.objects.for_role(Role.SELLER)
        .filter(thread__in=[t.pk for t in threads], author_role=Role.BUYER, kind=Message.Kind.TEXT)
        .select_related("review")
        .order_by("thread_id", "-created_at", "-id")
        .distinct("thread_id")
    )
    return {
        message.thread_id: Truncator(" ".join(text_for(message, Role.SELLER).split())).chars(
            PREVIEW_CHARS
        )
        for message in latest
    }


def read_marks(
    threads: Iterable[Thread], user: User, *, side_field: str
) -> tuple[set[int], set[int]]:
    """(unread, new): ids of the threads with activity from the other side since `user`
    last read them, and of the open ones the seller's side has never answered that `user`
    has never opened. One query for the whole page."""
    threads = list(threads)
    read = dict(
        ReadState.objects.filter(user=user, thread__in=[t.pk for t in threads]).values_list(
            "thread_id", "last_read_at"
        )
    )
    unread, new = set(), set()
    for thread in threads:
        activity = getattr(thread, side_field)
        if activity and (thread.pk not in read or read[thread.pk] < activity):
            unread.add(thread.pk)
        if thread.is_open and thread.seller_activity_at is None and thread.pk not in read:
            new.add(thread.pk)
    return unread, new


def unread_ids(threads: Iterable[Thread], user: User, *, side_field: str) -> set[int]:
    """Ids of the threads with activity from the other side since `user` last read them:
    one query for the whole page."""
    return read_marks(threads, user, side_field=side_field)[0]


def buyer_threads(user: User) -> QuerySet[Thread]:
    """The buyer's requests, most recent activity first."""
    return Thread.objects.filter(buyer=user).select_related("order", "seller", "market")


def timeline(thread: Thread, role: str, *, after: int = 0) -> list[Message]:
    """The thread's entries a reader in `role` may see, prepared for that reader (masked
    details hidden, the writer's own moderation status shown)."""
    entries = list(
        Message.objects.for_role(role)
        .filter(thread=thread, id__gt=after)
        .select_related("author", "review", "rating")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    return list(present(entries, role))
