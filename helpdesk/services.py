"""Every write of the helpdesk. Atomic; the thread row is locked while its index fields
change; notifications are written to the outbox in the same transaction and sent after
commit; posting with the same idempotency key twice returns the first message.

The rules these services enforce live elsewhere, one home each: who may do what and when
(helpdesk.rules), the status-update kinds (helpdesk.status_updates), the attachment policy
(helpdesk.attachment_policy), the moderation policy (helpdesk.moderation), the response clocks
(sla.clocks) and their judgement (sla.judgement), who hears of what (outbox.services), the
sanction ladder (sla.sanctions)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import staff_with_perm
from accounts.models import Seller, SellerMember, User
from helpdesk.absences import new_request_cover
from helpdesk.history import chain_link, thread_head
from helpdesk.models import (
    SELLER_ONLY_EVENTS,
    Attachment,
    Escalation,
    Message,
    MessageReview,
    ReadState,
    ReplyState,
    Role,
    SavedReply,
    Thread,
    Topic,
)
from helpdesk.moderation import Screening, screen, text_for
from helpdesk.rules import (
    answer_to_rate,
    close_refusal,
    escalation_refusal,
    posting_refusal,
    proactive_update_refusal,
    reopen_refusal,
)
from helpdesk.saved_replies import default_replies, seller_language
from helpdesk.status_updates import FIELD_LABELS, InvalidUpdate, normalise
from helpdesk.uploads import Upload
from orders.models import Order, OrderLine
from orders.services import shipment_add
from outbox.models import Notification
from outbox.services import SellerNotice, notify, notify_once, notify_seller_team
from sla import clocks
from sla.calendar import response_deadline
from sla.models import AnswerRating, ClockExemption
from sla.sanctions import strikes_apply

T = TypeVar("T")


class HelpdeskError(Exception):
    """A rule of the platform refused the action; the message (translated) is shown to the
    person."""


class TooFast(HelpdeskError):
    """The writer passed a posting limit (helpdesk.rules.posting_refusal): try again soon."""


def _check_pace(author: User, thread_id: int | None, now: datetime) -> None:
    refusal = posting_refusal(author, thread_id, now)
    if refusal:
        raise TooFast(refusal)


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


def _locked(thread: Thread | int) -> Thread:
    """The thread's row, locked until the transaction ends (with its order and market)."""
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("order", "seller", "market")
        .get(pk=thread if isinstance(thread, int) else thread.pk)
    )


def _existing_message(thread: Thread, author: User | None, key: uuid.UUID | None) -> Message | None:
    if key is None:
        return None
    return Message.objects.filter(thread=thread, author=author, idempotency_key=key).first()


# The thread's index -----------------------------------------------------------------------

REPLY_STATES = {
    "answered": ReplyState.ANSWERED,
    "exempt": ReplyState.NO_REPLY_NEEDED,
    "solved": ReplyState.SOLVED,
    "platform": ReplyState.PLATFORM,
    "": ReplyState.NONE,
}


def reply_state_of(state: clocks.ClockState) -> str:
    """Where the buyer's wait stands, from the thread's clocks (the inbox field)."""
    if state.running:
        return ReplyState.IN_REVIEW if state.pending else ReplyState.AWAITING
    return REPLY_STATES[state.last_outcome]


def _sync_clock_fields(thread: Thread, *, also: Sequence[str] = ()) -> None:
    """Copy the thread's clock (sla.clocks) onto its inbox fields: since when the buyer
    waits, the deadline, and where the wait stands. Saves them (with the fields in `also`)
    when anything changed."""
    state = clocks.clock_state(thread.pk)
    new = (state.awaiting_since, state.due_at, reply_state_of(state))
    fields = list(also)
    if (thread.awaiting_reply_since, thread.due_at, thread.reply_state) != new:
        thread.awaiting_reply_since, thread.due_at, thread.reply_state = new
        fields += ["awaiting_reply_since", "due_at", "reply_state"]
    if fields:
        thread.save(update_fields=fields)


def _advance_thread(thread: Thread, message: Message, *, at: datetime | None = None) -> None:
    """Start or stop the response clock and move the thread's activity fields. `at`
    (default: when the message was sent) is when the other side got it."""
    now = at or message.created_at
    if message.kind == Message.Kind.INTERNAL_NOTE:
        return
    thread.last_activity_at = now
    fields = ["last_activity_at"]
    if message.author_role == Role.BUYER:
        thread.buyer_activity_at = now
        fields.append("buyer_activity_at")
        # While the platform holds an escalated case, the seller owes no deadline.
        if message.kind == Message.Kind.TEXT and thread.platform_since is None:
            clocks.clock_open(thread=thread, message_id=message.pk, at=now)
    elif message.author_role == Role.SELLER:
        if message.data.get("event") not in SELLER_ONLY_EVENTS:
            thread.seller_activity_at = now
            fields.append("seller_activity_at")
        if message.kind in (Message.Kind.TEXT, Message.Kind.STATUS_UPDATE):
            clocks.clock_answer(
                thread_id=thread.pk, message_id=message.pk, sent_at=message.created_at
            )
    _sync_clock_fields(thread, also=fields)


# Posting ----------------------------------------------------------------------------------


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
    What a person writes to the other side is screened first (helpdesk.moderation): findings
    are stored as the message's review, and a held message reaches nobody."""
    now = now or timezone.now()
    body = body.strip()
    screening = _screening(thread, role=role, kind=kind, body=body, data=data, uploads=uploads)
    stored: list[int] = []

    checksums = [hashlib.sha256(upload.content).hexdigest() for upload in uploads]

    def create() -> Message:
        message = Message(
            thread=thread,
            author=author,
            author_role=role,
            author_name=author.name if author is not None else "",
            kind=kind,
            body=body,
            data=data or {},
            created_at=now,
            idempotency_key=key,
        )
        # The thread row is locked: its chain's head cannot move under us.
        message.chain_hash = chain_link(message, thread_head(thread.pk), checksums)
        message.save(force_insert=True)
        for upload, checksum in zip(uploads, checksums, strict=True):
            attachment = Attachment(
                message=message,
                original_name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=checksum,
                created_at=now,
            )
            attachment.file.save(upload.name, ContentFile(upload.content), save=False)
            attachment.save()
            stored.append(attachment.pk)
        if screening:
            _review_create(thread, message, screening, stored)
        return message

    message, created = _once(create, lambda: _existing_message(thread, author, key))
    if not created:  # the duplicate of an earlier post: nothing more to do
        return message
    if screening.action == MessageReview.Action.HOLD:
        _hold(thread, message)
        return message
    _advance_thread(thread, message)
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
    """Scan every text one side writes to the other: a message (and its files), a status
    update's note, an event's text (the buyer's escalation reason). Internal notes are for
    the seller's team only and are not screened."""
    language = thread.market.language
    if kind == Message.Kind.TEXT:
        return screen(role=role, text=body, files=uploads, language=language)
    if kind == Message.Kind.STATUS_UPDATE and (data or {}).get("note"):
        return screen(role=role, text=(data or {})["note"], source="note", language=language)
    if kind == Message.Kind.EVENT and body:
        return screen(role=role, text=body, language=language)
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
        due_at=response_deadline(
            message.created_at, thread.market_id, hours=settings.MODERATION_REVIEW_HOURS
        ),
    )


def _hold(thread: Thread, message: Message) -> None:
    """A held message changes nothing the other side sees. A held seller answer makes the
    clock pending (never late, the sweep skips it) until an administrator decides."""
    if message.author_role == Role.SELLER and message.kind in (
        Message.Kind.TEXT,
        Message.Kind.STATUS_UPDATE,
    ):
        clocks.clock_hold_answer(thread_id=thread.pk, message_id=message.pk)
        _sync_clock_fields(thread)


def _notify(thread: Thread, message: Message) -> None:
    """Outbox rows for the other side of a public text, a status update or a reopening; each
    with the text as its reader may read it (masked details stay masked)."""
    event = message.data.get("event") if message.kind == Message.Kind.EVENT else None
    waiting_again = event == "reopened" or (
        event == "answer_rated" and not message.data.get("answered")
    )
    if message.kind not in (Message.Kind.TEXT, Message.Kind.STATUS_UPDATE) and not (
        waiting_again and message.author_role == Role.BUYER
    ):
        return
    kind = (
        Notification.Kind.STATUS_UPDATE
        if message.kind == Message.Kind.STATUS_UPDATE
        else Notification.Kind.MESSAGE
    )
    # Everyone but the writer: the platform writes to both sides.
    readers = [role for role in (Role.BUYER, Role.SELLER) if role != message.author_role]
    _tell(thread, message, kind, readers=readers)


def _tell(thread: Thread, message: Message, kind: str, *, readers: Collection[str]) -> None:
    """Outbox rows for the buyer and/or the seller's team, each with the text as that side
    may read it (masked details stay masked)."""
    if Role.SELLER in readers:
        notify_seller_team(
            kind=kind,
            notices=[
                SellerNotice(
                    thread_id=thread.pk,
                    message_id=message.pk,
                    payload={"text": text_for(message, Role.SELLER)},
                )
            ],
        )
    if Role.BUYER in readers:
        notify(
            kind=kind,
            recipients=[thread.buyer],
            thread_id=thread.pk,
            message_id=message.pk,
            payload={"text": text_for(message, Role.BUYER)},
        )


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
        raise HelpdeskError(_("Only the buyer of an order can open a request about it."))
    if topic not in Topic.values or topic == Topic.ORDER_UPDATES:
        raise HelpdeskError(_("Choose what the request is about."))
    if not body.strip():
        raise HelpdeskError(_("A request needs a message."))
    now = at or timezone.now()
    if open_key is not None:
        already = Thread.objects.filter(buyer=buyer, open_key=open_key).first()
        if already is not None:  # the same form sent twice
            return already
    _check_pace(buyer, None, now)
    # Unassigned, unless a team member's absence runs: then to the stand-in. The deadline is
    # the same either way.
    cover = new_request_cover(order.seller, now=now)
    assignee = cover.stand_in if cover is not None else None

    def create() -> Thread:
        return Thread.objects.create(
            order=order,
            seller_id=order.seller_id,
            buyer=buyer,
            market_id=order.market_id,
            topic=topic,
            assignee=assignee,
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
    if cover is not None:
        # The team reads why the request went to the stand-in (the buyer does not).
        _event(
            thread,
            by=None,
            role=Role.SYSTEM,
            event="assigned",
            at=now,
            assignee_id=cover.stand_in_id,
            assignee_name=cover.stand_in.name,
            absent_id=cover.absent_id,
            absent_name=cover.absent.name,
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
        raise HelpdeskError(_("A message cannot be empty."))
    if not thread.is_open:
        raise HelpdeskError(_("This conversation is closed; reopen it to write."))
    if role == Role.SELLER and thread.topic == Topic.ORDER_UPDATES:
        raise HelpdeskError(_("Order updates carry status updates only."))
    _check_pace(author, thread.pk, at or timezone.now())
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
        raise HelpdeskError(_("A note cannot be empty."))
    _check_pace(author, thread.pk, at or timezone.now())
    return _append(
        thread,
        author=author,
        role=Role.SELLER,
        kind=Message.Kind.INTERNAL_NOTE,
        body=body,
        key=idempotency_key,
        now=at,
    )


def order_updates_thread(order: Order, *, at: datetime | None = None) -> Thread:
    """The order's "order updates" thread, opened by the seller's first proactive update."""

    def existing() -> Thread | None:
        return Thread.objects.filter(order=order, topic=Topic.ORDER_UPDATES).first()

    def create() -> Thread:
        now = at or timezone.now()
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
    """A structured status update by the seller: an answer in a buyer's request, or
    (unprompted, within helpdesk.rules' limits) in the order's "order updates" thread. A
    "shipped" update records the shipment."""
    if not SellerMember.objects.filter(user=author, seller_id=order.seller_id).exists():
        raise HelpdeskError(_("Only the seller's team posts status updates."))
    try:
        data = normalise(update)
    except InvalidUpdate as error:
        field = str(error)
        raise HelpdeskError(
            _("This update is incomplete: %(field)s is missing.")
            % {"field": FIELD_LABELS.get(field, field)}
        ) from error
    if thread is None:
        thread = order_updates_thread(order, at=at)
    elif thread.order_id != order.pk:
        raise HelpdeskError(_("That conversation is about another order."))
    thread = _locked(thread)
    # Dated once the lock is held, like every entry: what was posted while this waited
    # comes first, in time too (the activity fields and the clock it answers).
    now = at or timezone.now()
    existing = _existing_message(thread, author, idempotency_key)
    if existing:
        return existing
    _check_pace(author, thread.pk, now)
    if thread.topic == Topic.ORDER_UPDATES:
        refusal = proactive_update_refusal(order, data["type"], now)
        if refusal:
            raise HelpdeskError(refusal)
        if not thread.is_open:
            _reopen(thread, by=author, role=Role.SELLER, at=now)
    elif not thread.is_open:
        raise HelpdeskError(_("This conversation is closed; reopen it to write."))
    message = _append(
        thread,
        author=author,
        role=Role.SELLER,
        kind=Message.Kind.STATUS_UPDATE,
        data=data,
        key=idempotency_key,
        now=now,
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
    thread: Thread,
    *,
    by: User | None,
    role: str,
    event: str,
    body: str = "",
    at: datetime | None = None,
    **details: Any,
) -> Message:
    return _append(
        thread,
        author=by,
        role=role,
        kind=Message.Kind.EVENT,
        body=body,
        data=dict(sorted({"event": event, **details}.items())),
        now=at,
    )


@transaction.atomic
def thread_close(*, thread: Thread, by: User, role: str) -> Thread:
    """Close a conversation. The buyer closing it means "solved": nothing is awaited any more.
    The seller closing it changes nothing about an answer it owes. Closing twice is a no-op."""
    thread = _locked(thread)
    if not thread.is_open:
        return thread
    refusal = close_refusal(thread, role)
    if refusal:
        raise HelpdeskError(refusal)
    now = timezone.now()
    thread.status = Thread.Status.CLOSED
    thread.closed_at = now
    thread.closed_by_role = role
    thread.save(update_fields=["status", "closed_at", "closed_by_role"])
    if role == Role.BUYER:
        clocks.clock_solved(thread_id=thread.pk, at=now)
        _sync_clock_fields(thread)
    _event(thread, by=by, role=role, event="closed", at=now)
    return thread


def _reopen(thread: Thread, *, by: User, role: str, at: datetime) -> Message:
    thread.status = Thread.Status.OPEN
    thread.closed_at = None
    thread.closed_by_role = ""
    thread.save(update_fields=["status", "closed_at", "closed_by_role"])
    event = _event(thread, by=by, role=role, event="reopened", at=at)
    if role == Role.BUYER:
        # The buyer is waiting again: a new 24-business-hour deadline from the reopening
        # (unless a clock still runs, whose deadline is earlier).
        clocks.clock_open(thread=thread, message_id=event.pk, at=at)
        _sync_clock_fields(thread)
    return event


@transaction.atomic
def answer_rate(*, thread: Thread, buyer: User, reply_id: int, answered: bool) -> AnswerRating:
    """The buyer says whether the seller's latest reply answered the question
    (helpdesk.rules.answer_to_rate). "No" keeps the request waiting for the seller: a new
    24-business-hour deadline from now (unless the platform handles the case), and the
    seller's team is told. Both verdicts are in the timeline. A second click on the same
    reply returns the first verdict."""
    thread = _locked(thread)
    earlier = AnswerRating.objects.filter(reply_id=reply_id, thread=thread).first()
    if earlier is not None:
        return earlier
    latest = list(
        Message.objects.for_role(Role.BUYER)
        .filter(thread=thread, kind__in=[Message.Kind.TEXT, Message.Kind.STATUS_UPDATE])
        .exclude(author_role=Role.PLATFORM)
        .select_related("rating")
        .order_by("-created_at", "-id")[:1]
    )
    reply = answer_to_rate(thread, Role.BUYER, latest)
    if reply is None or reply.pk != reply_id:
        raise HelpdeskError(_("This reply can no longer be rated: the conversation has moved on."))
    now = timezone.now()
    rating = AnswerRating.objects.create(
        thread=thread,
        reply=reply,
        seller_id=thread.seller_id,
        market_id=thread.market_id,
        answered=answered,
        rated_at=now,
    )
    event = _event(
        thread,
        by=buyer,
        role=Role.BUYER,
        event="answer_rated",
        at=now,
        answered=answered,
        reply_id=reply.pk,
    )
    if not answered and thread.platform_since is None:
        clocks.clock_open(thread=thread, message_id=event.pk, at=now)
        _sync_clock_fields(thread)
    return rating


@transaction.atomic
def thread_reopen(*, thread: Thread, by: User, role: str) -> Thread:
    """Reopen a closed conversation (helpdesk.rules.reopen_refusal). A buyer's reopening is
    back in the seller's queue with a new deadline counted from the reopening."""
    thread = _locked(thread)
    if thread.is_open:
        return thread
    now = timezone.now()
    refusal = reopen_refusal(thread, role, now)
    if refusal:
        raise HelpdeskError(refusal)
    _reopen(thread, by=by, role=role, at=now)
    return thread


@transaction.atomic
def thread_escalate(*, thread: Thread, buyer: User, reason: str) -> Thread:
    """The buyer asks the platform to step in (missed deadline, or disputed closing). The
    reason is screened like every text sent to the other side: contact details in it are
    hidden from the seller."""
    thread = _locked(thread)
    if thread.buyer_id != buyer.pk:
        raise HelpdeskError(_("Only the buyer can escalate a request."))
    now = timezone.now()
    refusal = escalation_refusal(thread, now)
    if refusal:
        raise HelpdeskError(refusal)
    thread.escalated_at = now
    thread.save(update_fields=["escalated_at"])
    message = _event(thread, by=buyer, role=Role.BUYER, event="escalated", body=reason, at=now)
    Escalation.objects.create(
        thread=thread,
        market_id=thread.market_id,
        seller_id=thread.seller_id,
        raised_at=now,
        reason=message,
    )
    # Platform staff read the reason as written.
    notify(
        kind=Notification.Kind.ESCALATION,
        recipients=staff_with_perm("helpdesk.change_messagereview"),  # the moderators
        thread_id=thread.pk,
        message_id=message.pk,
        payload={"text": message.body},
    )
    return thread


# The platform's handling of escalations --------------------------------------------------


def _escalation(thread: Thread) -> Escalation:
    """The thread's escalation, locked (the thread's lock is held)."""
    escalation = Escalation.objects.select_for_update().filter(thread=thread).first()
    if escalation is None:
        raise HelpdeskError(_("This request has not been escalated."))
    return escalation


def _platform_responded(escalation: Escalation, at: datetime) -> list[str]:
    if escalation.first_response_at is None:
        escalation.first_response_at = at
        return ["first_response_at"]
    return []


@transaction.atomic
def escalation_take_over(*, thread: Thread, by: User) -> Escalation:
    """A platform moderator takes the escalated case over. The seller's running clock stops
    being the measure (sla.clocks.clock_take_over: late only if its deadline had already
    passed), no new clock opens while the platform holds the case, and a request the seller
    had closed is open again so that both sides can write. Taking over twice is a no-op."""
    thread = _locked(thread)
    escalation = _escalation(thread)
    if escalation.is_resolved:
        raise HelpdeskError(_("The platform has already decided on this request."))
    if escalation.taken_at is not None:
        if escalation.taken_by_id == by.pk:
            return escalation
        raise HelpdeskError(
            _("%(name)s has already taken this case over.")
            % {"name": escalation.taken_by.name if escalation.taken_by else ""}
        )
    now = timezone.now()
    escalation.taken_at = now
    escalation.taken_by = by
    escalation.save(update_fields=["taken_at", "taken_by", *_platform_responded(escalation, now)])
    clocks.clock_take_over(thread_id=thread.pk, at=now)
    thread.platform_since = now
    also = ["platform_since"]
    if not thread.is_open:
        thread.status = Thread.Status.OPEN
        thread.closed_at = None
        thread.closed_by_role = ""
        also += ["status", "closed_at", "closed_by_role"]
    _sync_clock_fields(thread, also=also)
    message = _event(thread, by=by, role=Role.PLATFORM, event="taken_over", at=now)
    # Both sides hear of it; the e-mail is rendered in each reader's language when sent.
    _tell(thread, message, Notification.Kind.ESCALATION_TAKEN, readers={Role.BUYER, Role.SELLER})
    return escalation


@transaction.atomic
def platform_message_post(
    *,
    thread: Thread,
    author: User,
    body: str,
    uploads: Sequence[Upload] = (),
    idempotency_key: uuid.UUID | None = None,
) -> Message:
    """The platform writes in an escalated request, to both sides (marked as the platform,
    screened like every message: settings.MODERATION_POLICY["platform"])."""
    thread = _locked(thread)
    existing = _existing_message(thread, author, idempotency_key)
    if existing:
        return existing
    escalation = _escalation(thread)
    if not body.strip():
        raise HelpdeskError(_("A message cannot be empty."))
    now = timezone.now()
    message = _append(
        thread,
        author=author,
        role=Role.PLATFORM,
        kind=Message.Kind.TEXT,
        body=body,
        uploads=uploads,
        key=idempotency_key,
        now=now,
    )
    fields = _platform_responded(escalation, now)
    if fields:
        escalation.save(update_fields=fields)
    return message


@transaction.atomic
def escalation_resolve(*, thread: Thread, by: User, outcome: str, note: str = "") -> Escalation:
    """The platform decides the escalated case: the outcome is recorded, written in the
    conversation (each side reads it in its own language) with the moderator's note, and
    the request is closed for good. A clock still running stops being the measure, as at a
    take-over."""
    if outcome not in Escalation.Outcome.values:
        raise HelpdeskError(_("Choose the outcome of the case."))
    thread = _locked(thread)
    escalation = _escalation(thread)
    if escalation.is_resolved:
        raise HelpdeskError(_("The platform has already decided on this request."))
    now = timezone.now()
    escalation.resolved_at = now
    escalation.resolved_by = by
    escalation.outcome = outcome
    escalation.save(
        update_fields=[
            "resolved_at",
            "resolved_by",
            "outcome",
            *_platform_responded(escalation, now),
        ]
    )
    clocks.clock_take_over(thread_id=thread.pk, at=now)
    thread.platform_since = None
    thread.status = Thread.Status.CLOSED
    thread.closed_at = now
    thread.closed_by_role = Role.PLATFORM
    _sync_clock_fields(thread, also=["platform_since", "status", "closed_at", "closed_by_role"])
    message = _event(
        thread, by=by, role=Role.PLATFORM, event="decided", outcome=outcome, body=note, at=now
    )
    _tell(thread, message, Notification.Kind.ESCALATION_DECIDED, readers={Role.BUYER, Role.SELLER})
    return escalation


@transaction.atomic
def thread_no_reply_needed(*, thread: Thread, by: User) -> Thread:
    """The seller marks the awaited buyer message "no reply needed" (a thank-you). The
    exemption is recorded, counted apart in statistics and revocable by administrators."""
    thread = _locked(thread)
    if not SellerMember.objects.filter(user=by, seller_id=thread.seller_id).exists():
        raise HelpdeskError(_("Only the seller's team can do that."))
    exemption = clocks.clock_exempt(thread_id=thread.pk, by=by)
    if exemption is None:
        raise HelpdeskError(_("No buyer message is waiting for a reply."))
    _sync_clock_fields(thread)
    _event(
        thread, by=by, role=Role.SELLER, event="exempted", message_id=exemption.clock.opened_by_id
    )
    return thread


@transaction.atomic
def thread_exemption_revoke(*, exemption: ClockExemption, by: User) -> Thread:
    """A platform administrator revokes a "no reply needed": the clock runs again from its
    original message and deadline, and the thread is back in the seller's queue."""
    thread = _locked(exemption.clock.thread_id)
    clocks.clock_exemption_revoke(exemption=exemption, by=by)
    _sync_clock_fields(thread)
    return thread


@transaction.atomic
def thread_assign(*, thread: Thread, by: User, assignee: User | None) -> Thread:
    """Give the thread to a member of the seller's team (or to nobody)."""
    thread = _locked(thread)
    if (
        assignee is not None
        and not SellerMember.objects.filter(user=assignee, seller_id=thread.seller_id).exists()
    ):
        raise HelpdeskError(_("Conversations can only be assigned to the seller's team."))
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


@transaction.atomic
def threads_bulk(
    *, threads: Sequence[Thread], by: User, action: str, assignee: User | None = None
) -> tuple[int, list[str]]:
    """One inbox action on several conversations of the seller's side: "read", "assign"
    (to `assignee`, or to nobody) or "close". Rows are locked in id order (two agents acting
    on overlapping selections never deadlock). Returns how many changed and the reasons
    for those that could not be (a conversation the platform has taken over cannot be
    closed by the seller)."""
    done, refused = 0, []
    for thread in sorted(threads, key=lambda t: t.pk):
        if action == "read":
            thread_mark_read(thread=thread, user=by)
            done += 1
            continue
        try:
            with transaction.atomic():
                if action == "assign":
                    thread_assign(thread=thread, by=by, assignee=assignee)
                elif action == "close":
                    thread_close(thread=thread, by=by, role=Role.SELLER)
                else:
                    raise ValueError(action)
        except HelpdeskError as error:
            refused.append(str(error))
        else:
            done += 1
    return done, refused


def thread_mark_read(*, thread: Thread, user: User, at: datetime | None = None) -> None:
    """Remember that `user` has read `thread` up to now."""
    ReadState.objects.update_or_create(
        thread=thread, user=user, defaults={"last_read_at": at or timezone.now()}
    )


@transaction.atomic
def saved_reply_create(*, seller_id: int, author: User, title: str, body: str) -> SavedReply:
    """A reusable text for the seller's team, placed after its others."""
    last = SavedReply.objects.filter(seller_id=seller_id).aggregate(last=Max("position"))["last"]
    return SavedReply.objects.create(
        seller_id=seller_id,
        created_by=author,
        title=title.strip(),
        body=body.strip(),
        position=0 if last is None else last + 1,
    )


def saved_reply_update(*, reply: SavedReply, title: str, body: str) -> SavedReply:
    """Change a saved reply's title and text (messages sent with it are untouched)."""
    reply.title = title.strip()
    reply.body = body.strip()
    reply.save(update_fields=["title", "body"])
    return reply


@transaction.atomic
def saved_reply_move(*, reply: SavedReply, up: bool) -> None:
    """Swap a saved reply with its neighbour above (`up`) or below; at either end, nothing
    moves. The team's replies are locked and numbered 0, 1, 2… again, so ties and gaps (two
    additions at once, a reply added in the admin) settle into one order."""
    replies = list(
        SavedReply.objects.select_for_update()
        .filter(seller_id=reply.seller_id)
        .order_by("position", "id")
    )
    index = next((i for i, saved in enumerate(replies) if saved.pk == reply.pk), None)
    if index is None:  # deleted meanwhile
        return
    other = index - 1 if up else index + 1
    if 0 <= other < len(replies):
        replies[index], replies[other] = replies[other], replies[index]
    changed = []
    for position, saved in enumerate(replies):
        if saved.position != position:
            saved.position = position
            changed.append(saved)
    SavedReply.objects.bulk_update(changed, ["position"])


def saved_reply_delete(*, reply: SavedReply) -> None:
    """Remove a saved reply (messages sent with it are untouched)."""
    reply.delete()


@transaction.atomic
def saved_reply_create_defaults(*, seller: Seller, author: User | None = None) -> list[SavedReply]:
    """A new seller's first saved replies (`helpdesk.saved_replies.DEFAULTS`) in its market's
    language; none when it already has some, so calling it again changes nothing. The
    seller's row is locked so that two calls at once cannot both find none."""
    list(Seller.objects.select_for_update().filter(pk=seller.pk).values_list("pk"))
    if SavedReply.objects.filter(seller_id=seller.pk).exists():
        return []
    return SavedReply.objects.bulk_create(
        SavedReply(seller_id=seller.pk, created_by=author, title=title, body=body, position=i)
        for i, (title, body) in enumerate(default_replies(seller_language(seller.country)))
    )


# Moderation decisions --------------------------------------------------------------------

DECISIONS: dict[str, tuple[str, ...]] = {
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
    the clock at its original send time: sla.clocks.clock_answer)."""
    _advance_thread(thread, message, at=at)
    _notify(thread, message)


def _next_held(thread: Thread, message: Message) -> Message | None:
    """The oldest other seller answer of the thread still held for review."""
    return (
        Message.objects.filter(
            thread=thread,
            author_role=Role.SELLER,
            kind__in=[Message.Kind.TEXT, Message.Kind.STATUS_UPDATE],
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
    review = MessageReview.objects.select_for_update().select_related("message").get(pk=review.pk)
    if not review.is_pending:
        raise HelpdeskError(_("This message has already been reviewed."))
    if decision not in DECISIONS[review.action]:
        raise HelpdeskError(_("That decision does not apply to this message."))
    if decision == MessageReview.State.REJECTED and not reason.strip():
        raise HelpdeskError(_("Say why: the writer is shown the reason."))
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
                held = _next_held(thread, message)
                clocks.clock_release_answer(
                    thread_id=thread.pk,
                    message_id=message.pk,
                    sent_at=message.created_at,
                    approved=False,
                    next_held_id=held.pk if held else None,
                )
                _sync_clock_fields(thread)
            # The writer learns at once that the message was not delivered, and why (a
            # seller's deadline runs again).
            if message.author is not None and message.author.is_active:
                notify_once(
                    kind=Notification.Kind.NOT_DELIVERED,
                    recipient=message.author,
                    thread_id=thread.pk,
                    message_id=message.pk,
                )
    if decision == MessageReview.State.VIOLATION and review.author_role == Role.SELLER:
        strikes_apply(
            thread.seller,
            strikes=MessageReview.objects.strikes(thread.seller_id, now),
            now=now,
        )
    return review
