"""Every write of the helpdesk. Atomic; the thread row is locked while its index fields
change; notifications are written to the outbox in the same transaction and sent after
commit; posting with the same idempotency key twice returns the first message."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import SellerMember, User
from helpdesk.models import (
    Attachment,
    Message,
    MessageReview,
    Notification,
    ReadState,
    Role,
    SavedReply,
    Thread,
    Topic,
)
from helpdesk.reviews import Screening, file_text, screen
from orders.models import Order, OrderLine
from orders.services import shipment_add
from sla.services import (
    clock_answer,
    clock_exempt,
    clock_hold_answer,
    clock_open,
    clock_release_answer,
    clock_solved,
    thread_sync,
)

T = TypeVar("T")


class HelpdeskError(Exception):
    """A rule of the platform refused the action; the message is shown to the person."""


@dataclass(frozen=True)
class Upload:
    """A file that passed the content checks (helpdesk.uploads), ready to store."""

    name: str
    content_type: str
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.content)

    @cached_property
    def text(self) -> str:
        """A PDF's text layer, for the scanner: extracted once, however often the draft is
        screened (the pre-send check in the view, then the posting service)."""
        return file_text(self.content_type, self.content)


# Events only the seller's side sees in the timeline.
SELLER_ONLY_EVENTS = ("assigned", "exempted")

# Status updates: the fields each kind requires (validated by forms.StatusUpdateForm).
STATUS_UPDATE_FIELDS: dict[str, tuple[str, ...]] = {
    "return_received": (),
    "repair_started": (),
    "repair_finished": (),
    "shipped": ("carrier", "tracking_number", "estimated_delivery"),
    "refund_issued": ("amount", "currency"),
}


def _once(create: Callable[[], T], existing: Callable[[], T | None]) -> tuple[T, bool]:
    """Create under a unique constraint; a concurrent duplicate gets the first row.
    Returns (row, created)."""
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        found = existing()
        if found is None:
            raise
        return found, False


def _locked(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("order", "seller", "market")
        .get(pk=thread.pk)
    )


def _existing_message(thread: Thread, author: User | None, key: uuid.UUID | None) -> Message | None:
    if key is None:
        return None
    return Message.objects.filter(thread=thread, author=author, idempotency_key=key).first()


def _append(
    thread: Thread,
    *,
    author: User | None,
    role: str,
    kind: str,
    body: str = "",
    data: dict[str, Any] | None = None,
    uploads: Sequence[Upload] = (),
    key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Message:
    """Add one entry to a locked thread's timeline and keep the thread's index in step.
    What the buyer and the seller write to each other is screened first (helpdesk.reviews):
    findings are stored as the message's review, and a held message reaches nobody."""
    now = now or timezone.now()
    body = body.strip()
    screening = _screening(thread, role=role, kind=kind, body=body, data=data, uploads=uploads)

    def create() -> Message:
        message = Message.objects.create(
            thread=thread,
            author=author,
            author_role=role,
            kind=kind,
            body=body,
            data=data or {},
            created_at=now,
            idempotency_key=key,
        )
        for upload in uploads:
            attachment = Attachment(
                message=message,
                original_name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=hashlib.sha256(upload.content).hexdigest(),
                created_at=now,
            )
            attachment.file.save(upload.name, ContentFile(upload.content), save=False)
            attachment.save()
            stored.append(attachment.pk)
        if screening:
            _review_create(thread, message, screening, stored)
        return message

    stored: list[int] = []
    message, created = _once(create, lambda: _existing_message(thread, author, key))
    if not created:  # the duplicate of an earlier post: nothing more to do
        return message

    if screening.action == MessageReview.Action.HOLD:
        _hold(thread, message)
        return message
    fields = _advance_thread(thread, message)
    if fields:
        thread.save(update_fields=fields)
    thread_sync(thread)
    _notify(thread, message)
    return message


def _screening(
    thread: Thread,
    *,
    role: str,
    kind: str,
    body: str,
    data: dict[str, Any] | None,
    uploads: Sequence[Upload],
) -> Screening:
    """Scan what one side writes to the other: a text (and its files) or a status update's
    note. Internal notes and events are not screened."""
    language = thread.market.language
    if kind == Message.Kind.TEXT:
        return screen(role=role, text=body, files=uploads, language=language)
    if kind == Message.Kind.STATUS_UPDATE and (data or {}).get("note"):
        return screen(role=role, text=data["note"], source="note", language=language)
    return Screening()


def _review_create(
    thread: Thread, message: Message, screening: Screening, attachment_ids: list[int]
) -> MessageReview:
    findings = [
        {**f, "attachment": attachment_ids[f["attachment"]]} if "attachment" in f else f
        for f in screening.findings
    ]
    return MessageReview.objects.create(
        message=message,
        seller_id=thread.seller_id,
        market_id=thread.market_id,
        author_role=message.author_role,
        action=screening.action,
        kinds=screening.kinds,
        findings=findings,
        masked_text=screening.masked_text,
        created_at=message.created_at,
    )


def _hold(thread: Thread, message: Message) -> None:
    """A held message changes nothing the other side sees. A held seller answer pauses the
    clock (the sweep skips it) until an administrator decides."""
    if message.author_role == Role.SELLER:
        clock_hold_answer(thread=thread, message=message)


def _advance_thread(thread: Thread, message: Message, *, at: datetime | None = None) -> list[str]:
    """Start or stop the response clock and move the thread's activity fields; returns
    the names of the activity fields changed (the clock fields are saved by thread_sync).
    `at` (default: when the message was sent) is when the other side got it."""
    now = at or message.created_at
    if message.kind == Message.Kind.INTERNAL_NOTE:
        return []
    thread.last_activity_at = now
    fields = ["last_activity_at"]
    if message.author_role == Role.BUYER:
        thread.buyer_activity_at = now
        fields.append("buyer_activity_at")
        if message.kind == Message.Kind.TEXT:
            clock_open(thread=thread, message=message, at=now)
    elif message.author_role == Role.SELLER:
        if message.data.get("event") not in SELLER_ONLY_EVENTS:
            thread.seller_activity_at = now
            fields.append("seller_activity_at")
        if message.kind in (Message.Kind.TEXT, Message.Kind.STATUS_UPDATE):
            clock_answer(thread=thread, message=message)
    return fields


def _seller_recipients(thread: Thread) -> list[tuple[User, bool]]:
    """Who on the seller's side hears of a buyer message, and whether in the hourly digest:
    the assignee if there is one, else the whole team."""
    members = SellerMember.objects.filter(
        seller=thread.seller, user__is_active=True
    ).select_related("user")
    if thread.assignee_id:
        members = members.filter(user_id=thread.assignee_id)
    return [(m.user, m.notification_mode == SellerMember.Notify.HOURLY) for m in members]


def _notify(thread: Thread, message: Message) -> None:
    """Outbox rows for the other side of a public text or status update."""
    if message.kind not in (Message.Kind.TEXT, Message.Kind.STATUS_UPDATE):
        return
    kind = (
        Notification.Kind.STATUS_UPDATE
        if message.kind == Message.Kind.STATUS_UPDATE
        else Notification.Kind.MESSAGE
    )
    if message.author_role == Role.BUYER:
        recipients = _seller_recipients(thread)
    else:
        recipients = [(thread.buyer, False)]
    _outbox(thread, message, kind, recipients)


def _outbox(
    thread: Thread, message: Message | None, kind: str, recipients: Iterable[tuple[User, bool]]
) -> None:
    # A new message's recipients are distinct, so no row can conflict (and only without
    # ignore_conflicts does PostgreSQL return the new ids).
    rows = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=kind, thread=thread, message=message, digest=digest)
            for user, digest in dict(recipients).items()
        ]
    )
    queue_notifications([row.pk for row in rows if not row.digest])


def _outbox_once(thread: Thread, message: Message, kind: str, user: User) -> None:
    """One outbox row about `message` for `user` (who was not notified of it before)."""
    row, created = Notification.objects.get_or_create(
        recipient=user, message=message, defaults={"kind": kind, "thread": thread}
    )
    if created:
        queue_notifications([row.pk])


def queue_notifications(ids: list[int]) -> None:
    """Send these outbox rows after commit, in tasks of a hundred."""
    if not ids:
        return
    from helpdesk.tasks import send_notifications

    def queue() -> None:
        # Nothing left to send (e.g. demo data marked sent): no task.
        if Notification.objects.filter(pk__in=ids, sent_at__isnull=True).exists():
            for start in range(0, len(ids), 100):
                send_notifications.delay(ids[start : start + 100])

    transaction.on_commit(queue, robust=True)


@transaction.atomic
def thread_open(
    *,
    order: Order,
    buyer: User,
    topic: str,
    body: str,
    lines: Iterable[OrderLine] = (),
    uploads: Sequence[Upload] = (),
    open_key: uuid.UUID | None = None,
    at: datetime | None = None,
) -> Thread:
    """A buyer's new request about one of their orders, with its first message.
    `at` (default now) dates it, for imports and demo data."""
    if order.buyer_id != buyer.pk:
        raise HelpdeskError("Only the buyer of an order can open a request about it.")
    if topic not in Topic.values or topic == Topic.ORDER_UPDATES:
        raise HelpdeskError(f"Not a request topic: {topic}")
    if not body.strip():
        raise HelpdeskError("A request needs a message.")
    now = at or timezone.now()

    def create() -> Thread:
        return Thread.objects.create(
            order=order,
            seller_id=order.seller_id,
            buyer=buyer,
            market_id=order.market_id,
            topic=topic,
            open_key=open_key,
            created_at=now,
            last_activity_at=now,
        )

    thread, created = _once(
        create,
        lambda: Thread.objects.filter(buyer=buyer, open_key=open_key).first() if open_key else None,
    )
    if not created:
        return thread
    line_ids = [line.pk for line in lines if line.order_id == order.pk]
    thread.lines.set(line_ids)
    thread = _locked(thread)
    _append(
        thread,
        author=buyer,
        role=Role.BUYER,
        kind=Message.Kind.TEXT,
        body=body,
        uploads=uploads,
        now=now,
    )
    ReadState.objects.update_or_create(thread=thread, user=buyer, defaults={"last_read_at": now})
    return thread


@transaction.atomic
def message_post(
    *,
    thread: Thread,
    author: User,
    role: str,
    body: str,
    uploads: Sequence[Upload] = (),
    idempotency_key: uuid.UUID | None = None,
    at: datetime | None = None,
) -> Message:
    """A reply by the buyer or by a member of the seller's team."""
    thread = _locked(thread)
    existing = _existing_message(thread, author, idempotency_key)
    if existing:
        return existing
    if not body.strip():
        raise HelpdeskError("A message cannot be empty.")
    if not thread.is_open:
        raise HelpdeskError("This conversation is closed; reopen it to write.")
    if role == Role.SELLER and thread.topic == Topic.ORDER_UPDATES:
        raise HelpdeskError("Order updates carry status updates only.")
    message = _append(
        thread,
        author=author,
        role=role,
        kind=Message.Kind.TEXT,
        body=body,
        uploads=uploads,
        key=idempotency_key,
        now=at,
    )
    thread_mark_read(thread=thread, user=author, at=message.created_at)
    return message


@transaction.atomic
def note_post(
    *,
    thread: Thread,
    author: User,
    body: str,
    idempotency_key: uuid.UUID | None = None,
    at: datetime | None = None,
) -> Message:
    """An internal note: seen by the seller's team and platform staff, never by the buyer."""
    thread = _locked(thread)
    if not body.strip():
        raise HelpdeskError("A note cannot be empty.")
    return _append(
        thread,
        author=author,
        role=Role.SELLER,
        kind=Message.Kind.INTERNAL_NOTE,
        body=body,
        key=idempotency_key,
        now=at,
    )


def _status_data(update: dict[str, Any]) -> dict[str, Any]:
    """Normalise a status update to JSON-safe, deterministic data."""
    kind = update["type"]
    if kind not in STATUS_UPDATE_FIELDS:
        raise HelpdeskError(f"Unknown status update: {kind}")
    data: dict[str, Any] = {"type": kind}
    for name in STATUS_UPDATE_FIELDS[kind]:
        value = update.get(name)
        if value in (None, ""):
            raise HelpdeskError(f"A '{kind}' update needs {name}.")
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        data[name] = value
    if update.get("note"):
        data["note"] = str(update["note"]).strip()
    return dict(sorted(data.items()))


def order_updates_thread(order: Order) -> Thread:
    """The order's "order updates" thread, opened by the seller's first proactive update."""

    def existing() -> Thread | None:
        return Thread.objects.filter(order=order, topic=Topic.ORDER_UPDATES).first()

    def create() -> Thread:
        now = timezone.now()
        return Thread.objects.create(
            order=order,
            seller_id=order.seller_id,
            buyer_id=order.buyer_id,
            market_id=order.market_id,
            topic=Topic.ORDER_UPDATES,
            created_at=now,
            last_activity_at=now,
        )

    return existing() or _once(create, existing)[0]


@transaction.atomic
def status_update_post(
    *,
    order: Order,
    author: User,
    update: dict[str, Any],
    thread: Thread | None = None,
    idempotency_key: uuid.UUID | None = None,
    at: datetime | None = None,
) -> Message:
    """A structured status update by the seller, in a thread of the order or (proactively)
    in the order's "order updates" thread. A "shipped" update records the shipment."""
    if not SellerMember.objects.filter(user=author, seller_id=order.seller_id).exists():
        raise HelpdeskError("Only the seller's team posts status updates.")
    data = _status_data(update)
    if thread is None:
        thread = order_updates_thread(order)
    elif thread.order_id != order.pk:
        raise HelpdeskError("That thread is about another order.")
    thread = _locked(thread)
    existing = _existing_message(thread, author, idempotency_key)
    if existing:
        return existing
    if not thread.is_open:
        if thread.topic != Topic.ORDER_UPDATES:
            raise HelpdeskError("This conversation is closed; reopen it to write.")
        _reopen(thread, by=author, role=Role.SELLER)
    message = _append(
        thread,
        author=author,
        role=Role.SELLER,
        kind=Message.Kind.STATUS_UPDATE,
        data=data,
        key=idempotency_key,
        now=at,
    )
    if data["type"] == "shipped":
        shipment_add(
            order=order,
            carrier=data["carrier"],
            tracking_number=data["tracking_number"],
            shipped_at=message.created_at,
            estimated_delivery=date.fromisoformat(data["estimated_delivery"]),
        )
    thread_mark_read(thread=thread, user=author, at=message.created_at)
    return message


def _event(
    thread: Thread, *, by: User | None, role: str, event: str, body: str = "", **details: Any
) -> Message:
    return _append(
        thread,
        author=by,
        role=role,
        kind=Message.Kind.EVENT,
        body=body,
        data=dict(sorted({"event": event, **details}.items())),
    )


@transaction.atomic
def thread_close(*, thread: Thread, by: User, role: str) -> Thread:
    """Close a conversation. The buyer closing it means "solved": nothing is awaited any more.
    Closing twice is a no-op."""
    thread = _locked(thread)
    if not thread.is_open:
        return thread
    now = timezone.now()
    thread.status = Thread.Status.CLOSED
    thread.closed_at = now
    thread.closed_by_role = role
    thread.save(update_fields=["status", "closed_at", "closed_by_role"])
    if role == Role.BUYER:
        clock_solved(thread=thread, at=now)
        thread_sync(thread)
    _event(thread, by=by, role=role, event="closed")
    return thread


def _reopen(thread: Thread, *, by: User, role: str) -> None:
    thread.status = Thread.Status.OPEN
    thread.closed_at = None
    thread.closed_by_role = ""
    thread.save(update_fields=["status", "closed_at", "closed_by_role"])
    _event(thread, by=by, role=role, event="reopened")


@transaction.atomic
def thread_reopen(*, thread: Thread, by: User, role: str) -> Thread:
    """Reopen a closed conversation: the seller at any time, the buyer within 30 days."""
    thread = _locked(thread)
    if thread.is_open:
        return thread
    if role == Role.BUYER and not thread.can_buyer_reopen():
        raise HelpdeskError("This request was closed more than 30 days ago.")
    _reopen(thread, by=by, role=role)
    return thread


@transaction.atomic
def thread_escalate(*, thread: Thread, buyer: User, reason: str) -> Thread:
    """The buyer asks the platform to step in (missed deadline, or disputed closing)."""
    thread = _locked(thread)
    if thread.buyer_id != buyer.pk:
        raise HelpdeskError("Only the buyer can escalate a request.")
    if not thread.can_buyer_escalate():
        raise HelpdeskError(
            "You can ask the platform to step in once the seller has missed the answer "
            "deadline or has closed a request you disagree with."
        )
    thread.escalated_at = timezone.now()
    thread.save(update_fields=["escalated_at"])
    message = _event(thread, by=buyer, role=Role.BUYER, event="escalated", body=reason)
    staff = User.objects.filter(is_staff=True, is_active=True)
    _outbox(thread, message, Notification.Kind.ESCALATION, [(user, False) for user in staff])
    return thread


@transaction.atomic
def thread_no_reply_needed(*, thread: Thread, by: User) -> Thread:
    """The seller marks the awaited buyer message "no reply needed" (a thank-you). The
    exemption is recorded, counted apart in statistics and revocable by administrators."""
    thread = _locked(thread)
    if not SellerMember.objects.filter(user=by, seller_id=thread.seller_id).exists():
        raise HelpdeskError("Only the seller's team can do that.")
    exemption = clock_exempt(thread=thread, by=by)
    if exemption is None:
        raise HelpdeskError("No buyer message is waiting for a reply.")
    thread_sync(thread)
    _event(
        thread, by=by, role=Role.SELLER, event="exempted", message_id=exemption.clock.opened_by_id
    )
    return thread


@transaction.atomic
def thread_assign(*, thread: Thread, by: User, assignee: User | None) -> Thread:
    """Give the thread to a member of the seller's team (or to nobody)."""
    thread = _locked(thread)
    if (
        assignee is not None
        and not SellerMember.objects.filter(user=assignee, seller_id=thread.seller_id).exists()
    ):
        raise HelpdeskError("Threads can only be assigned to the seller's team.")
    if thread.assignee_id == (assignee.pk if assignee else None):
        return thread
    thread.assignee = assignee
    thread.save(update_fields=["assignee"])
    _event(
        thread,
        by=by,
        role=Role.SELLER,
        event="assigned",
        assignee_id=assignee.pk if assignee else None,
        assignee_name=assignee.name if assignee else "",
    )
    return thread


def thread_mark_read(*, thread: Thread, user: User, at: datetime | None = None) -> None:
    """Remember that `user` has read `thread` up to now."""
    ReadState.objects.update_or_create(
        thread=thread, user=user, defaults={"last_read_at": at or timezone.now()}
    )


@transaction.atomic
def saved_reply_create(*, seller_id: int, author: User, title: str, body: str) -> SavedReply:
    return SavedReply.objects.create(
        seller_id=seller_id, created_by=author, title=title.strip(), body=body.strip()
    )


def saved_reply_delete(*, reply: SavedReply) -> None:
    reply.delete()


# Moderation decisions --------------------------------------------------------------------

DECISIONS = {
    MessageReview.Action.HOLD: (
        MessageReview.State.APPROVED,
        MessageReview.State.REJECTED,
        MessageReview.State.VIOLATION,
    ),
    MessageReview.Action.MASK: (MessageReview.State.APPROVED, MessageReview.State.VIOLATION),
    MessageReview.Action.FLAG: (MessageReview.State.APPROVED, MessageReview.State.VIOLATION),
}


def _deliver(thread: Thread, message: Message, *, at: datetime) -> None:
    """An approved held message reaches the other side now (a seller answer still closes
    the clock at its original send time: clock_answer)."""
    fields = _advance_thread(thread, message, at=at)
    if fields:
        thread.save(update_fields=fields)
    thread_sync(thread)
    _notify(thread, message)


def _next_held(thread: Thread, message: Message) -> Message | None:
    """The oldest other seller answer of the thread still held for review."""
    return (
        Message.objects.filter(
            thread=thread,
            author_role=Role.SELLER,
            review__action=MessageReview.Action.HOLD,
            review__state=MessageReview.State.PENDING,
        )
        .exclude(pk=message.pk)
        .order_by("created_at", "id")
        .first()
    )


@transaction.atomic
def review_decide(
    *, review: MessageReview, decision: str, by: User, reason: str = ""
) -> MessageReview:
    """A platform administrator decides on a held, masked or flagged message, once.

    - approved: a held message is delivered now (a seller answer closes the clock at its
      original send time); a masked one is shown to the other side as written;
    - rejected (held messages only): never delivered; the writer sees `reason`; a seller's
      clock runs again;
    - violation: like rejected for a held message, kept masked otherwise, and a strike
      against the seller when the seller wrote it (sla.sanctions.strikes_apply).
    """
    from sla.sanctions import strikes_apply

    review = MessageReview.objects.select_for_update().select_related("message").get(pk=review.pk)
    if not review.is_pending:
        raise HelpdeskError("This message has already been reviewed.")
    if decision not in DECISIONS[review.action]:
        raise HelpdeskError(f"A {review.action} message cannot be {decision}.")
    if decision == MessageReview.State.REJECTED and not reason.strip():
        raise HelpdeskError("Say why: the writer is shown the reason.")
    message = review.message
    thread = _locked(message.thread)
    now = timezone.now()
    review.state = decision
    review.reason = reason.strip()
    review.decided_at = now
    review.decided_by = by
    review.save(update_fields=["state", "reason", "decided_at", "decided_by"])
    if review.action == MessageReview.Action.HOLD:
        if decision == MessageReview.State.APPROVED:
            _deliver(thread, message, at=now)
        else:
            if message.author_role == Role.SELLER:
                clock_release_answer(
                    message=message, approved=False, next_held=_next_held(thread, message)
                )
                thread_sync(thread)
            # The writer learns at once that the message was not delivered, and why (a
            # seller's deadline runs again).
            if message.author is not None and message.author.is_active:
                _outbox_once(thread, message, Notification.Kind.NOT_DELIVERED, message.author)
    if decision == MessageReview.State.VIOLATION and review.author_role == Role.SELLER:
        strikes_apply(thread.seller, now=now)
    return review
