"""The notification outbox: a row per person to tell, written in the same transaction as
what it tells, sent by a Celery task after commit, marked sent once. A crashed worker loses
nothing and sends nothing twice.

Both the helpdesk and the SLA jobs write here (outbox.services); neither imports the other.
The rows point at what they are about by foreign keys named by string, so this app imports
neither of them either.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", _("New message")
        STATUS_UPDATE = "status_update", _("Status update")
        ESCALATION = "escalation", _("Escalation")
        ESCALATION_TAKEN = "escalation_taken", _("Escalation taken over by the platform")
        ESCALATION_DECIDED = "escalation_decided", _("The platform's decision")
        DUE_SOON = "due_soon", _("Answer due soon")
        BREACH = "breach", _("Answer deadline missed")
        NOT_DELIVERED = "not_delivered", _("Message not delivered")
        SANCTION_APPLIED = "sanction_applied", _("Sanction applied")
        SANCTION_EXTENDED = "sanction_extended", _("Sanction extended")
        SANCTION_LIFTED = "sanction_lifted", _("Sanction lifted")
        APPEAL_DECIDED = "appeal_decided", _("Appeal decided")

    recipient = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    thread = models.ForeignKey(
        "helpdesk.Thread",
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.ForeignKey(
        "helpdesk.Message",
        verbose_name=_("message"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    clock = models.ForeignKey(
        "sla.ResponseClock",
        verbose_name=_("answer deadline"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sanction = models.ForeignKey(
        "sla.Sanction",
        verbose_name=_("sanction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the e-mail says that the rows it points at do not: the text as the recipient may
    # read it (masked details stay masked), captured when the notification is written.
    payload = models.JSONField(_("content"), default=dict, blank=True)
    # Sent in the recipient's hourly digest instead of at once.
    digest = models.BooleanField(_("in the hourly digest"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["digest", "id"],
                name="notification_pending",
                condition=Q(sent_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "message"],
                name="notification_once_per_message",
                condition=Q(message__isnull=False),
            ),
            # One warning and one breach notice per clock and person, however often the
            # sweep runs.
            models.UniqueConstraint(
                fields=["recipient", "clock", "kind"],
                name="notification_once_per_clock",
                condition=Q(clock__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
