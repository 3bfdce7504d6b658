"""The administrators' daily summary: missed deadlines by seller (sla.performance), the
moderation backlog and what is past its review target, the escalations and the platform's own
response time to them, appeals waiting for a decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.access import staff_with_perm
from helpdesk.models import Escalation, MessageReview
from outbox.sending import platform_url
from sla.models import DailyReport, SanctionAppeal
from sla.performance import breaches_by_seller, exemptions_count, overdue_count

PAST_TARGET_LISTED = 20


@dataclass(frozen=True)
class EscalationFigures:
    waiting: int  # nobody at the platform has acted yet
    taken: int  # taken over, not decided
    oldest_waiting: datetime | None
    answered: int  # first platform response in the period
    median_response: timedelta | None  # from the buyer's escalation to the first response
    slowest_response: timedelta | None
    decided: int


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def escalation_figures(since: datetime, now: datetime) -> EscalationFigures:
    """The escalation queue now, and how fast the platform answered in [since, now)."""
    open_ = Escalation.objects.unresolved()
    waiting = open_.filter(first_response_at__isnull=True)
    responses = sorted(
        first - raised
        for raised, first in Escalation.objects.filter(
            first_response_at__gte=since, first_response_at__lt=now
        ).values_list("raised_at", "first_response_at")
        if first is not None
    )
    return EscalationFigures(
        waiting=waiting.count(),
        taken=open_.filter(taken_at__isnull=False).count(),
        oldest_waiting=waiting.order_by("raised_at").values_list("raised_at", flat=True).first(),
        answered=len(responses),
        median_response=_median(responses),
        slowest_response=max(responses) if responses else None,
        decided=Escalation.objects.filter(resolved_at__gte=since, resolved_at__lt=now).count(),
    )


def daily_summary_send(now: datetime | None = None) -> bool:
    """Yesterday's missed deadlines and exemptions, today's moderation backlog, to every
    platform administrator in their language, once per day however many workers run it."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            DailyReport.objects.create(day=now.date(), sent_at=now)
    except IntegrityError:
        return False
    since = now - timedelta(days=1)
    by_seller = breaches_by_seller(since, now)
    pending = MessageReview.objects.pending()
    oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
    past_target = list(
        MessageReview.objects.past_target(now)
        .select_related("seller", "market")
        .order_by("created_at", "id")[:PAST_TARGET_LISTED]
    )
    context = {
        "by_seller": by_seller,
        "total": sum(count for _, count in by_seller),
        "exemptions": exemptions_count(since, now),
        "overdue": overdue_count(now),
        "day": since.date(),
        "backlog": pending.count(),
        "oldest": oldest,
        "past_target": [
            (review, platform_url(reverse("admin:helpdesk_messagereview_change", args=[review.pk])))
            for review in past_target
        ],
        "past_target_count": MessageReview.objects.past_target(now).count(),
        "appeals": SanctionAppeal.objects.filter(state=SanctionAppeal.State.PENDING).count(),
        "queue_url": platform_url(reverse("admin:helpdesk_messagereview_changelist")),
        "escalations": escalation_figures(since, now),
        "escalations_url": platform_url(reverse("admin:helpdesk_escalation_changelist")),
        "now": now,
    }
    moderators = staff_with_perm("helpdesk.change_messagereview").select_related("market")
    for admin in moderators:
        with translation.override(admin.reading_language() or settings.LANGUAGE_CODE):
            text = render_to_string("helpdesk/email/daily_summary.txt", context)
        subject, _, body = text.strip().partition("\n")
        EmailMessage(subject.strip(), body.strip() + "\n", to=[admin.email]).send()
    return True
