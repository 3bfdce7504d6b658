"""Conversations between a buyer and a seller about one order.

Messages are facts: a row of `Message` (and of `Attachment`) never changes and is never
deleted; a PostgreSQL trigger enforces it for every database user (migration 0002). What
changes about a conversation (status, assignment, what is awaited, who read what) lives on
`Thread` and `ReadState`, next to the messages, never in them.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Seller, SellerMember, User
from helpdesk import attachment_policy
from orders.models import Market, Order, OrderLine
from sla.judgement import is_late

# Events only the seller's side sees in the timeline (and that are no news for the buyer).
SELLER_ONLY_EVENTS = ("assigned", "exempted")


class Topic(models.TextChoices):
    DELIVERY = "delivery", _("Delivery")
    RETURN = "return", _("Return")
    WITHDRAWAL = "withdrawal", _("Withdrawal (14-day right of withdrawal)")
    COMPLAINT = "complaint", _("Complaint or defect")
    WARRANTY = "warranty", _("Warranty or repair")
    INVOICE = "invoice", _("Invoice")
    CANCELLATION = "cancellation", _("Cancellation")
    OTHER = "other", _("Other question")
    # Opened by the seller's first proactive status update on an order; never by a buyer.
    ORDER_UPDATES = "order_updates", _("Order updates")


BUYER_TOPICS = [(value, label) for value, label in Topic.choices if value != Topic.ORDER_UPDATES]


class Role(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")
    PLATFORM = "platform", _("Platform")
    SYSTEM = "system", _("System")


class ReplyState(models.TextChoices):
    """Where the buyer's wait stands, copied from the thread's response clocks (sla.clocks)
    by the service that changes them: one source for every label on every page, so nothing
    is called "answered" unless the seller answered."""

    NONE = "none", _("Nothing awaited")
    AWAITING = "awaiting", _("Awaiting the seller's answer")
    IN_REVIEW = "in_review", _("Answer being checked by the platform")
    ANSWERED = "answered", _("Answered")
    NO_REPLY_NEEDED = "no_reply_needed", _("No reply needed")
    SOLVED = "solved", _("Solved by the buyer")
    # The platform took the escalated case over: the seller's clock is no longer the measure.
    PLATFORM = "platform", _("Handled by the platform")


# The states in which a clock runs (the thread is in the seller's queue).
WAITING_STATES = (ReplyState.AWAITING, ReplyState.IN_REVIEW)


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible_to(self, user: User) -> ThreadQuerySet:
        """Threads `user` may open in the site: their own requests as a buyer, and every
        thread of each seller they work for. Platform staff work in the admin."""
        if not user.is_authenticated:
            return self.none()
        seller_ids = SellerMember.objects.filter(user=user).values("seller_id")
        return self.filter(Q(buyer=user) | Q(seller_id__in=seller_ids))

    def awaiting_seller(self) -> ThreadQuerySet:
        return self.filter(status=Thread.Status.OPEN, awaiting_reply_since__isnull=False)

    def with_own_read(self, user: User) -> ThreadQuerySet:
        """Each thread joined with `user`'s read state of it as `own_read` (at most one row:
        readstate_unique), for counting over many threads with one hash join rather than
        a look-up per thread."""
        return self.annotate(
            own_read=FilteredRelation("read_states", condition=Q(read_states__user=user))
        )

    def badge_counts(self, sellers, user: User) -> dict[str, int]:
        """The navigation badge, in one query: the open threads of these sellers awaiting
        their reply, and those with buyer activity `user` has not read (the tab's title)."""
        unread = Q(buyer_activity_at__isnull=False) & (
            Q(own_read__isnull=True) | Q(own_read__last_read_at__lt=F("buyer_activity_at"))
        )
        threads = self.filter(seller__in=sellers, status=Thread.Status.OPEN)
        return threads.with_own_read(user).aggregate(
            awaiting=models.Count("id", filter=Q(awaiting_reply_since__isnull=False)),
            unread=models.Count("id", filter=unread),
        )

    def escalated(self) -> ThreadQuerySet:
        return self.filter(escalated_at__isnull=False)


class Thread(models.Model):
    """One conversation about one order. Its row is the inbox's index: every field the inbox
    sorts or filters by is kept here, updated in the same transaction as the message."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="threads"
    )
    # Copies of the order's, so the inbox filters without joins.
    seller = models.ForeignKey(
        Seller, verbose_name=_("seller"), on_delete=models.PROTECT, related_name="threads"
    )
    buyer = models.ForeignKey(
        User, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="threads"
    )
    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    lines = models.ManyToManyField(
        OrderLine, verbose_name=_("items concerned"), blank=True, related_name="threads"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    assignee = models.ForeignKey(
        User,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_threads",
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)
    # The running clock: since when the buyer waits (first unanswered message, or the
    # reopening), its deadline, and where the wait stands.
    awaiting_reply_since = models.DateTimeField(_("awaiting reply since"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due at"), null=True, blank=True)
    reply_state = models.CharField(
        _("answer"), max_length=16, choices=ReplyState.choices, default=ReplyState.NONE
    )
    # Last activity visible to both sides, and per side (for unread markers).
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    buyer_activity_at = models.DateTimeField(
        _("buyer's last activity"), null=True, blank=True, editable=False
    )
    seller_activity_at = models.DateTimeField(
        _("seller's last activity"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by_role = models.CharField(
        _("closed by"), max_length=8, choices=Role.choices, blank=True
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # While the platform holds an escalated case (Escalation.taken_at until resolved_at).
    platform_since = models.DateTimeField(_("handled by the platform since"), null=True, blank=True)
    # A double-submitted "contact the seller" form opens one thread.
    open_key = models.UUIDField(_("opening key"), null=True, blank=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_activity_at", "-id"]
        permissions = [
            (
                "handle_escalation",
                _("Can take over escalations, write as the platform and decide them"),
            ),
        ]
        indexes = [
            # "Awaiting our reply", due first (keyset on due_at, id).
            models.Index(
                fields=["seller", "due_at", "id"],
                name="thread_inbox_due",
                condition=Q(status="open", awaiting_reply_since__isnull=False),
            ),
            # Every other inbox view, most recent activity first (keyset on it, id).
            models.Index(
                fields=["seller", "status", "-last_activity_at", "-id"], name="thread_inbox_recent"
            ),
            models.Index(fields=["buyer", "-last_activity_at", "-id"], name="thread_buyer_recent"),
            # The inbox's view counts and the navigation badge, read from the index alone.
            models.Index(
                fields=["seller", "status"],
                include=[
                    "id",
                    "awaiting_reply_since",
                    "seller_activity_at",
                    "buyer_activity_at",
                    "escalated_at",
                ],
                name="thread_seller_counts",
            ),
            models.Index(fields=["order", "topic"], name="thread_order_topic"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(topic="order_updates"),
                name="thread_one_order_updates_per_order",
            ),
            models.UniqueConstraint(
                fields=["buyer", "open_key"],
                name="thread_open_once",
                condition=Q(open_key__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="thread_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | Q(status="open"),
                name="thread_closed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(awaiting_reply_since__isnull=True) | Q(due_at__isnull=False),
                name="thread_awaiting_has_deadline",
            ),
            models.CheckConstraint(
                condition=Q(awaiting_reply_since__isnull=False, reply_state__in=WAITING_STATES)
                | Q(
                    awaiting_reply_since__isnull=True,
                    reply_state__in=[
                        ReplyState.NONE,
                        ReplyState.ANSWERED,
                        ReplyState.NO_REPLY_NEEDED,
                        ReplyState.SOLVED,
                        ReplyState.PLATFORM,
                    ],
                ),
                name="thread_reply_state_matches_clock",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.order.number} · {self.get_topic_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def answer_in_review(self) -> bool:
        return self.reply_state == ReplyState.IN_REVIEW

    def is_overdue(self, now: datetime | None = None) -> bool:
        """The running deadline has passed with no answer held for review (sla.judgement)."""
        return is_late(due_at=self.due_at, pending=self.answer_in_review, now=now or timezone.now())


class MessageQuerySet(models.QuerySet["Message"]):
    def for_role(self, role: str) -> MessageQuerySet:
        """What a reader in `role` may see: buyers never see internal notes, nor the seller
        team's own events (assignment, "no reply needed"); a message held by moderation
        reaches only its author's side until an administrator approves it."""
        messages = self.exclude(
            Q(review__action=MessageReview.Action.HOLD)
            & ~Q(review__state=MessageReview.State.APPROVED)
            & ~Q(author_role=role)
        )
        if role == Role.BUYER:
            return messages.exclude(kind=Message.Kind.INTERNAL_NOTE).exclude(
                kind=Message.Kind.EVENT, data__event__in=SELLER_ONLY_EVENTS
            )
        return messages


class Message(models.Model):
    """An immutable entry of a thread's timeline: a text, a status update, an internal note
    or an event (closed, reopened, assigned, escalated).

    The table also holds `search_language` and `search_vector`, kept by the database for the
    staff search (migration 0014, helpdesk/search.py) and deliberately not fields here."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Message")
        STATUS_UPDATE = "status_update", _("Status update")
        INTERNAL_NOTE = "internal_note", _("Internal note")
        EVENT = "event", _("Event")

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(
        User,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    author_role = models.CharField(_("author role"), max_length=8, choices=Role.choices)
    # The author's name as it was when they wrote: renaming a user later changes nothing here.
    author_name = models.CharField(_("author's name"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(_("text"), blank=True)
    # Structured content: a status update's fields or an event's details. Stored with sorted
    # keys and ISO strings, so the rendering of a message is deterministic.
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    idempotency_key = models.UUIDField(_("sending key"), null=True, blank=True, editable=False)
    # SHA-256 of this message chained to the previous one of its thread (helpdesk.history).
    chain_hash = models.CharField(_("chain hash"), max_length=64, editable=False, default="")

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["thread", "created_at", "id"]
        indexes = [
            models.Index(fields=["thread", "id"], name="message_thread_timeline"),
            # How much a person wrote lately (the posting limits).
            models.Index(fields=["author", "created_at"], name="message_author_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "author", "idempotency_key"],
                name="message_post_once",
                condition=Q(idempotency_key__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["text", "status_update", "internal_note", "event"]),
                name="message_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(author_role__in=["buyer", "seller", "platform", "system"]),
                name="message_role_valid",
            ),
            # Only the seller's team writes internal notes and status updates.
            models.CheckConstraint(
                condition=~Q(kind__in=["internal_note", "status_update"]) | Q(author_role="seller"),
                name="message_seller_only_kinds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} in thread {self.thread_id}"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.INTERNAL_NOTE


class MessageReviewQuerySet(models.QuerySet["MessageReview"]):
    def pending(self) -> MessageReviewQuerySet:
        return self.filter(state=MessageReview.State.PENDING)

    def past_target(self, now: datetime) -> MessageReviewQuerySet:
        """Pending reviews whose decision is overdue (MODERATION_REVIEW_HOURS)."""
        return self.pending().filter(due_at__lte=now)

    def strikes(self, seller_id: int, now: datetime) -> int:
        """The seller's strikes: violations by its team confirmed within the strike window
        (settings.MODERATION_STRIKES["window_days"])."""
        since = now - timedelta(days=settings.MODERATION_STRIKES["window_days"])
        return self.filter(
            seller_id=seller_id,
            author_role=Role.SELLER,
            state=MessageReview.State.VIOLATION,
            decided_at__gt=since,
        ).count()


class MessageReview(models.Model):
    """What the scanner found in one message, what the policy did about it, and what a
    platform administrator decided. It lives beside the immutable message: only the decision
    changes, once.

    - hold: not delivered to the other side until approved (the seller's SLA clock waits);
    - mask: delivered with the findings hidden from the other side, original kept here;
    - flag: delivered as written, for an administrator to look at.
    """

    class Action(models.TextChoices):
        HOLD = "hold", _("Held")
        MASK = "mask", _("Masked")
        FLAG = "flag", _("Flagged")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        VIOLATION = "violation", _("Violation confirmed")

    message = models.OneToOneField(
        Message, verbose_name=_("message"), on_delete=models.PROTECT, related_name="review"
    )
    # Copies of the thread's, so the queue filters without joins.
    seller = models.ForeignKey(
        Seller, verbose_name=_("seller"), on_delete=models.PROTECT, related_name="+"
    )
    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="+"
    )
    author_role = models.CharField(_("written by"), max_length=8, choices=Role.choices)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    kinds = ArrayField(models.CharField(max_length=12), verbose_name=_("found"))
    # [{kind, start, end, excerpt, source ("body" | "note" | "file_name" | "file_text"),
    #   attachment (id, for file sources)}], offsets into the scanned text.
    findings = models.JSONField(_("findings"), default=list)
    # The text as the other side reads it while masked (the message body or status note).
    masked_text = models.TextField(_("masked text"), blank=True)
    state = models.CharField(
        _("decision"), max_length=10, choices=State.choices, default=State.PENDING
    )
    reason = models.TextField(_("reason (shown to the writer)"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # The review's own target: MODERATION_REVIEW_HOURS business hours of the market.
    due_at = models.DateTimeField(_("to decide by"))

    objects = MessageReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("message review")
        verbose_name_plural = _("messages in moderation")
        # The queue: what has waited longest first.
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at", "id"],
                name="review_pending_oldest",
                condition=Q(state="pending"),
            ),
            models.Index(fields=["seller", "state", "decided_at"], name="review_seller_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["hold", "mask", "flag"]), name="review_action_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "approved", "rejected", "violation"]),
                name="review_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="pending") | Q(decided_at__isnull=False),
                name="review_decided_has_time",
            ),
            # Only a held message can be rejected (the others were delivered already).
            models.CheckConstraint(
                condition=~Q(state="rejected") | Q(action="hold"),
                name="review_reject_only_held",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} message #{self.message_id}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    def is_past_target(self, now: datetime | None = None) -> bool:
        return self.is_pending and self.due_at <= (now or timezone.now())

    @property
    def withholds(self) -> bool:
        """The other side does not get the message (held and not approved)."""
        return self.action == self.Action.HOLD and self.state != self.State.APPROVED

    @property
    def masks(self) -> bool:
        """The other side reads the masked text (masked and not cleared by an approval)."""
        return self.action == self.Action.MASK and self.state != self.State.APPROVED

    def masked_attachment_ids(self) -> set[int]:
        """Files in which something was found: withheld from the other side while masked."""
        if not self.masks:
            return set()
        return {f["attachment"] for f in self.findings if f.get("attachment")}


class EscalationQuerySet(models.QuerySet["Escalation"]):
    def unresolved(self) -> EscalationQuerySet:
        return self.filter(resolved_at__isnull=True)


class Escalation(models.Model):
    """The buyer asked the platform to step in, and what the platform did about it: who took
    the case over and when, its first answer (the platform's own response time) and the
    outcome both sides were told. One per thread."""

    class Outcome(models.TextChoices):
        REFUND_BY_SELLER = "refund_by_seller", _("Refund by the seller")
        RETURN_ACCEPTED = "return_accepted", _("Return accepted")
        REPAIR_OR_REPLACEMENT = "repair", _("Repair or replacement by the seller")
        CLAIM_REJECTED = "claim_rejected", _("Buyer's claim rejected")
        SETTLED = "settled", _("Settled between buyer and seller")
        REFERRED = "referred", _("Referred elsewhere")

    thread = models.OneToOneField(
        Thread, verbose_name=_("thread"), on_delete=models.PROTECT, related_name="escalation"
    )
    # Copies of the thread's, for the queue's filters without joins.
    market = models.ForeignKey(
        "orders.Market", verbose_name=_("market"), on_delete=models.PROTECT, related_name="+"
    )
    seller = models.ForeignKey(
        "accounts.Seller", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("escalated at"))
    reason = models.ForeignKey(
        "Message", verbose_name=_("buyer's request"), on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(_("taken over at"), null=True, blank=True)
    taken_by = models.ForeignKey(
        User,
        verbose_name=_("taken over by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The platform's first action (take-over, message or decision): its response time.
    first_response_at = models.DateTimeField(_("first platform response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)

    objects = EscalationQuerySet.as_manager()

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["raised_at", "id"]
        indexes = [
            models.Index(
                fields=["raised_at", "id"],
                name="escalation_queue",
                condition=Q(resolved_at__isnull=True),
            ),
            models.Index(fields=["resolved_at"], name="escalation_resolved"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, outcome="")
                | Q(
                    resolved_at__isnull=False,
                    outcome__in=[
                        "refund_by_seller",
                        "return_accepted",
                        "repair",
                        "claim_rejected",
                        "settled",
                        "referred",
                    ],
                ),
                name="escalation_outcome_when_resolved",
            ),
            models.CheckConstraint(
                condition=Q(taken_at__isnull=True) | Q(taken_by__isnull=False),
                name="escalation_taken_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.thread_id} @ {self.raised_at:%Y-%m-%d %H:%M}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the buyer's file name is kept only as data, never as a path.
    now = timezone.now()
    return f"attachments/{now:%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    """A file sent with a message: content-checked, stored under a random name, served only
    through the thread's access check. Immutable like its message."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=attachment_policy.CONTENT_TYPES),
                name="attachment_type_allowed",
            ),
            models.CheckConstraint(
                condition=Q(size__lte=attachment_policy.MAX_BYTES), name="attachment_size_limit"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return attachment_policy.BY_CONTENT_TYPE[self.content_type].extension

    @property
    def is_image(self) -> bool:
        return attachment_policy.BY_CONTENT_TYPE[self.content_type].is_image


class ReadState(models.Model):
    """How far one person has read one thread."""

    thread = models.ForeignKey(
        Thread,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="read_states",
    )
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    last_read_at = models.DateTimeField(_("last read at"))

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="readstate_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} at {self.last_read_at}"


class SavedReply(models.Model):
    """A seller's reusable text, inserted into the editor and sent by a person (never
    automatically)."""

    seller = models.ForeignKey(
        Seller, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="saved_replies"
    )
    title = models.CharField(_("title"), max_length=80)
    body = models.TextField(_("text"), max_length=5000)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The team's order (owners move them up and down); ties, if any, by creation.
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class HistoryCheck(models.Model):
    """One run of `verify_history` (nightly, or by hand): how much was read and the first
    broken link of each thread whose chain does not hold (none: the record is intact)."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    threads = models.PositiveIntegerField(_("threads checked"))
    messages = models.PositiveIntegerField(_("messages checked"))
    broken = models.JSONField(_("broken links"), default=list, blank=True)

    class Meta:
        verbose_name = _("history check")
        verbose_name_plural = _("history checks")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} · {len(self.broken)} broken"

    @property
    def intact(self) -> bool:
        return not self.broken

    @property
    def seconds(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()
