"""Sending the outbox: one e-mail per pending notification, or one hourly digest per
recipient. Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so two workers never send
the same row; a failed send rolls back and the row stays pending for the retry job.

Every e-mail is rendered in its recipient's language and market time zone, and says only
what its row (and its payload, written with it) says: masked details stay masked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from outbox.models import Notification

HEADERS = {
    # No reply by e-mail: the conversation stays on the platform.
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "All",
}
SANCTION_KINDS = {
    Notification.Kind.SANCTION_APPLIED,
    Notification.Kind.SANCTION_EXTENDED,
    Notification.Kind.SANCTION_LIFTED,
    Notification.Kind.APPEAL_DECIDED,
}


def platform_url(path: str) -> str:
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{settings.PLATFORM_DOMAIN}{path}"


def _pending() -> QuerySet[Notification]:
    return (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(
            "recipient__market",
            "thread__order",
            "thread__seller",
            "thread__buyer",
            "message__author",
            "message__review",
            "clock",
            "sanction__seller",
        )
        .filter(sent_at__isnull=True)
    )


def _render(template: str, recipient: User, context: dict[str, Any]) -> tuple[str, str]:
    tz = recipient.market.tzinfo if recipient.market else timezone.get_default_timezone()
    language = recipient.reading_language() or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(tz):
        text = render_to_string(template, {"recipient": recipient, **context})
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def _stale(notification: Notification) -> bool:
    """A warning or breach notice whose clock closed since it was written: nothing to remind
    anyone of."""
    clock = notification.clock
    return clock is not None and clock.closed_at is not None


def _email(notification: Notification) -> tuple[str, str]:
    if notification.kind in SANCTION_KINDS:
        return _render(
            "outbox/email/sanction.txt",
            notification.recipient,
            {
                "n": notification,
                "sanction": notification.sanction,
                "url": platform_url(reverse("sla:performance")),
            },
        )
    thread = notification.thread
    assert thread is not None  # every other kind is about a thread
    return _render(
        "outbox/email/notification.txt",
        notification.recipient,
        {
            "n": notification,
            "thread": thread,
            "message": notification.message,
            "text": notification.payload.get("text", ""),
            "url": platform_url(reverse("helpdesk:thread", args=[thread.pk])),
        },
    )


def notification_send(notification_id: int) -> bool:
    """Send one immediate notification; False if it was already sent or is being sent."""
    with transaction.atomic():
        notification = _pending().filter(pk=notification_id, digest=False).first()
        if notification is None:
            return False
        if not _stale(notification):
            subject, body = _email(notification)
            EmailMessage(subject, body, to=[notification.recipient.email], headers=HEADERS).send()
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
        return not _stale(notification)


def notifications_send_pending(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Retry immediate notifications whose task never ran (broker down, worker crash)."""
    ids = list(
        Notification.objects.filter(
            sent_at__isnull=True, digest=False, created_at__lte=timezone.now() - older_than
        ).values_list("pk", flat=True)[:500]
    )
    return sum(notification_send(pk) for pk in ids)


def notification_digests_send() -> int:
    """One summary e-mail per recipient with pending digest notifications."""
    recipients = (
        Notification.objects.filter(sent_at__isnull=True, digest=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipients):
        with transaction.atomic():
            rows = list(_pending().filter(recipient_id=recipient_id, digest=True).order_by("id"))
            if not rows:
                continue
            fresh = [row for row in rows if not _stale(row)]
            if fresh:
                recipient = rows[0].recipient
                subject, body = _render(
                    "outbox/email/digest.txt",
                    recipient,
                    {
                        "rows": [
                            (
                                row,
                                platform_url(reverse("helpdesk:thread", args=[row.thread_id])),
                            )
                            for row in fresh
                        ],
                        "inbox_url": platform_url(reverse("helpdesk:inbox")),
                    },
                )
                EmailMessage(subject, body, to=[recipient.email], headers=HEADERS).send()
                sent += 1
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                sent_at=timezone.now()
            )
    return sent
