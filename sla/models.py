from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sla.judgement import Verdict, verdict


class Heartbeat(models.Model):
    """The last run of a periodic job, so operators (and tests) can see beat and worker work."""

    name = models.CharField(_("job"), max_length=64, primary_key=True)
    last_run_at = models.DateTimeField(_("last run at"))
    runs = models.PositiveBigIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_run_at:%Y-%m-%d %H:%M:%S}"


class ResponseClock(models.Model):
    """The seller's duty to answer one buyer message: opened by the first unanswered buyer
    message of a thread, closed by the seller's next reply or status update.

    It stores everything the sweep needs (due_at, warn_at) so the sweep is one set-wise
    UPDATE, and everything statistics need (response_seconds in business time)."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        EXEMPT = "exempt", _("No reply needed")
        SOLVED = "solved", _("Solved by the buyer")
        # An escalated case the platform took over (judged late only if already past due).
        PLATFORM = "platform", _("Taken over by the platform")

    thread = models.ForeignKey(
        "helpdesk.Thread",
        verbose_name=_("thread"),
        on_delete=models.PROTECT,
        related_name="clocks",
    )
    # Copies of the thread's, for statistics without joins.
    seller = models.ForeignKey(
        "accounts.Seller", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="+"
    )
    market = models.ForeignKey(
        "orders.Market", verbose_name=_("market"), on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        "helpdesk.Message",
        verbose_name=_("buyer message"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("due at"))
    # When 20 of the 24 business hours have run: the "due soon" warning.
    warn_at = models.DateTimeField(_("warn at"))
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    breached_at = models.DateTimeField(_("breached at"), null=True, blank=True)
    # A seller reply held by moderation: the sweep waits for the decision.
    pending_answer = models.ForeignKey(
        "helpdesk.Message",
        verbose_name=_("answer in review"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    closed_by = models.ForeignKey(
        "helpdesk.Message",
        verbose_name=_("answer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    response_seconds = models.PositiveIntegerField(
        _("response time (business seconds)"), null=True, blank=True
    )
    # How the deadline was computed, stored when the clock opened as data
    # (sla.calendar.deadline_steps), put into words when read (sla.explanations): the record
    # does not change when the holidays package does, nor depend on anyone's language.
    explanation = models.JSONField(_("how the deadline was computed"), default=list, blank=True)

    class Meta:
        verbose_name = _("response clock")
        verbose_name_plural = _("response clocks")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(
                fields=["due_at", "id"],
                name="clock_sweep_due",
                condition=models.Q(
                    closed_at__isnull=True, breached_at__isnull=True, pending_answer__isnull=True
                ),
            ),
            models.Index(
                fields=["warn_at", "id"],
                name="clock_sweep_warn",
                condition=models.Q(
                    closed_at__isnull=True,
                    breached_at__isnull=True,
                    warned_at__isnull=True,
                    pending_answer__isnull=True,
                ),
            ),
            # The seller's statistics and charts, read from the index alone.
            models.Index(
                fields=["seller", "opened_at"],
                include=["outcome", "closed_at", "due_at", "pending_answer", "response_seconds"],
                name="clock_seller_figures",
            ),
            # The seller's running clocks by time left (sla.performance.open_by_due).
            models.Index(
                fields=["seller"],
                include=["due_at", "pending_answer"],
                condition=models.Q(closed_at__isnull=True),
                name="clock_seller_open",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(closed_at__isnull=True),
                name="clock_one_open_per_thread",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True, outcome="")
                | models.Q(
                    closed_at__isnull=False,
                    outcome__in=["answered", "exempt", "solved", "platform"],
                ),
                name="clock_outcome_when_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(warn_at__lte=models.F("due_at")), name="clock_warn_before_due"
            ),
        ]

    def __str__(self) -> str:
        return f"clock #{self.pk} of thread {self.thread_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def verdict(self, now: datetime) -> Verdict:
        """On time, late, pending, running or not judged (sla.judgement)."""
        return verdict(
            due_at=self.due_at,
            now=now,
            closed_at=self.closed_at,
            outcome=self.outcome,
            pending=self.pending_answer_id is not None,
        )

    @property
    def on_time(self) -> bool | None:
        """For an answered clock: answered by the deadline (None otherwise)."""
        if self.outcome != self.Outcome.ANSWERED or self.closed_at is None:
            return None
        return self.verdict(self.closed_at) == Verdict.ON_TIME


class ClockExemption(models.Model):
    """A seller's "no reply needed" on a buyer message (a thank-you): who and when, and,
    if a platform administrator disagreed, who revoked it and when."""

    clock = models.ForeignKey(
        ResponseClock,
        verbose_name=_("answer deadline"),
        on_delete=models.PROTECT,
        related_name="exemptions",
    )
    exempted_by = models.ForeignKey(
        "accounts.User", verbose_name=_("marked by"), on_delete=models.PROTECT, related_name="+"
    )
    exempted_at = models.DateTimeField(_("marked at"))
    revoked_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("no-reply exemption")
        verbose_name_plural = _("no-reply exemptions")
        ordering = ["-exempted_at"]

    def __str__(self) -> str:
        return f"exemption of clock {self.clock_id}"


class Sanction(models.Model):
    """A decision against a seller: a warning, a restriction of selling rights, or a
    suspension. The history is kept; lifting ends a sanction, it never deletes it.

    Why it was applied is stored as data (`cause` and `figures`), rendered in the reader's
    language (sla.sanctions.sanction_reason); an administrator's own sanction keeps the
    text they typed in `reason`."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        RESTRICTION = "restriction", _("Restriction of selling rights")
        SUSPENSION = "suspension", _("Temporary suspension")

    class Cause(models.TextChoices):
        LATE_RATE = "late_rate", _("Too few answers on time")
        LATE_COUNT = "late_count", _("Too many late answers")
        STRIKES = "strikes", _("Confirmed messaging violations")
        MANUAL = "manual", _("Decided by an administrator")

    seller = models.ForeignKey(
        "accounts.Seller",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    kind = models.CharField(_("sanction"), max_length=12, choices=Kind.choices)
    cause = models.CharField(_("cause"), max_length=12, choices=Cause.choices, default=Cause.MANUAL)
    # The figures behind an automatic sanction, as they were when it was decided.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    reason = models.TextField(
        _("reason (shown to the seller)"),
        blank=True,
        help_text=_("Required for a sanction you decide; automatic ones explain their figures."),
    )
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: until lifted.")
    )
    automatic = models.BooleanField(_("automatic"), default=False)
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("lifted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["seller", "-starts_at"], name="sanction_seller_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="sanction_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(automatic=True) | models.Q(decided_by__isnull=False),
                name="sanction_manual_has_decider",
            ),
            models.CheckConstraint(
                condition=~models.Q(cause="manual") | ~models.Q(reason=""),
                name="sanction_manual_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.seller}"

    def in_force(self, now: datetime) -> bool:
        return (
            self.lifted_at is None
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )


class SanctionAppeal(models.Model):
    """A seller's one appeal against a sanction, and the administrator's decision."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        GRANTED = "granted", _("Granted: sanction lifted")
        DENIED = "denied", _("Not granted")

    sanction = models.OneToOneField(
        Sanction, verbose_name=_("sanction"), on_delete=models.PROTECT, related_name="appeal"
    )
    text = models.TextField(_("the seller's appeal"), max_length=2000)
    submitted_by = models.ForeignKey(
        "accounts.User", verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    state = models.CharField(
        _("decision"), max_length=8, choices=State.choices, default=State.PENDING
    )
    decision_reason = models.TextField(_("reason (shown to the seller)"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanction appeal")
        verbose_name_plural = _("sanction appeals")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="pending", decided_at__isnull=True)
                | (
                    models.Q(state__in=["granted", "denied"], decided_at__isnull=False)
                    & ~models.Q(decision_reason="")
                ),
                name="appeal_decided_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"appeal of sanction {self.sanction_id}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class DailyReport(models.Model):
    """Which day's summary went to administrators: claimed by one worker, sent once."""

    day = models.DateField(_("day"), primary_key=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("daily summary")
        verbose_name_plural = _("daily summaries")

    def __str__(self) -> str:
        return str(self.day)


class AnswerRating(models.Model):
    """The buyer's one-click verdict on a seller's reply: did it answer the question? "No"
    keeps the request waiting for the seller with a new deadline (helpdesk.services.
    answer_rate); the rate of "no" is a seller's figure (the platform's rule forbids vague
    answers and ignored questions). One verdict per reply; the timeline records it too."""

    thread = models.ForeignKey(
        "helpdesk.Thread",
        verbose_name=_("conversation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply = models.OneToOneField(
        "helpdesk.Message", verbose_name=_("reply"), on_delete=models.PROTECT, related_name="rating"
    )
    seller = models.ForeignKey(
        "accounts.Seller", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="+"
    )
    market = models.ForeignKey(
        "orders.Market", verbose_name=_("market"), on_delete=models.PROTECT, related_name="+"
    )
    answered = models.BooleanField(_("answered the question"))
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("answer rating")
        verbose_name_plural = _("answer ratings")
        ordering = ["-rated_at", "-id"]
        indexes = [
            models.Index(fields=["seller", "rated_at"], name="rating_seller_recent"),
        ]

    def __str__(self) -> str:
        return f"{'answered' if self.answered else 'not answered'} · reply #{self.reply_id}"
