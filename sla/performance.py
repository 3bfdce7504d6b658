"""Seller performance from response clocks: on-time rate, response times, breaches,
exemptions; the service score; the nightly job and the administrators' daily summary.

A clock is judged once it is answered or overdue: on time when answered by its deadline,
late when answered after it or still unanswered past it. Exempted, solved and
not-yet-due clocks are not judged. A rate needs SLA_MIN_SAMPLE judged clocks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Seller, User
from sla.models import DailyReport, ResponseClock
from sla.sanctions import policy_apply, seller_status_refresh

WINDOWS = (7, 30, 90)


@dataclass(frozen=True)
class Stats:
    market: str | None  # None: all markets
    days: int
    judged: int
    on_time: int
    late: int
    exemptions: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def on_time_rate(self) -> float | None:
        if self.judged < settings.SLA_MIN_SAMPLE:
            return None
        return self.on_time / self.judged

    @property
    def enough(self) -> bool:
        return self.judged >= settings.SLA_MIN_SAMPLE


# The judging rule, in SQL: used by every statistic below.
ON_TIME = "outcome = 'answered' AND closed_at <= due_at"
LATE = "(outcome = 'answered' AND closed_at > due_at) OR (closed_at IS NULL AND due_at <= %(now)s)"
MEDIAN = (
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) "
    "FILTER (WHERE outcome = 'answered')"
)

# Constant SQL fragments only; every value is a query parameter.
_STATS_SQL = f"""
SELECT market_id,
       count(*) FILTER (WHERE {ON_TIME}) AS on_time,
       count(*) FILTER (WHERE {LATE}) AS late,
       count(*) FILTER (WHERE outcome = 'exempt') AS exemptions,
       {MEDIAN} AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY response_seconds)
           FILTER (WHERE outcome = 'answered') AS p90
FROM sla_responseclock
WHERE seller_id = %(seller)s AND opened_at >= %(since)s AND opened_at < %(now)s
GROUP BY ROLLUP (market_id)
"""  # noqa: S608


def seller_stats(
    seller: Seller, *, days: int, now: datetime | None = None
) -> dict[str | None, Stats]:
    """Per market (and None for all markets together) over the last `days` days."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _STATS_SQL, {"seller": seller.pk, "since": now - timedelta(days=days), "now": now}
        )
        rows = cursor.fetchall()
    result = {}
    for market, on_time, late, exemptions, median, p90 in rows:
        result[market] = Stats(
            market=market,
            days=days,
            judged=on_time + late,
            on_time=on_time,
            late=late,
            exemptions=exemptions,
            median_hours=median / 3600 if median is not None else None,
            p90_hours=p90 / 3600 if p90 is not None else None,
        )
    result.setdefault(None, Stats(None, days, 0, 0, 0, 0, None, None))
    return result


@dataclass(frozen=True)
class Week:
    start: datetime
    judged: int
    on_time: int
    median_hours: float | None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.judged if self.judged else None


def weekly(seller: Seller, *, weeks: int = 12, now: datetime | None = None) -> list[Week]:
    """The last `weeks` ISO weeks (UTC), oldest first, including empty ones."""
    now = now or timezone.now()
    this_week = (now - timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    first = this_week - timedelta(weeks=weeks - 1)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT date_trunc('week', opened_at AT TIME ZONE 'UTC') AS week,
                   count(*) FILTER (WHERE {ON_TIME}),
                   count(*) FILTER (WHERE {LATE}),
                   {MEDIAN}
            FROM sla_responseclock
            WHERE seller_id = %(seller)s AND opened_at >= %(first)s
            GROUP BY 1
            """,  # noqa: S608
            {"seller": seller.pk, "first": first, "now": now},
        )
        rows = {
            week.date(): (on_time, late, median)
            for week, on_time, late, median in cursor.fetchall()
        }
    result = []
    for i in range(weeks):
        start = first + timedelta(weeks=i)
        on_time, late, median = rows.get(start.date(), (0, 0, None))
        result.append(
            Week(start, on_time + late, on_time, median / 3600 if median is not None else None)
        )
    return result


DUE_BUCKETS = (
    (_("overdue"), None, 0),
    ("< 4 h", 0, 4),
    ("4–8 h", 4, 8),
    ("8–24 h", 8, 24),
    (_("later"), 24, None),
)


def open_by_due(seller: Seller, now: datetime | None = None) -> list[tuple[str, int]]:
    """Open clocks by time left (real hours): overdue, within 4 h, 4–8 h, 8–24 h, later."""
    now = now or timezone.now()
    counts = [0] * len(DUE_BUCKETS)
    dues = ResponseClock.objects.filter(seller=seller, closed_at__isnull=True).values_list(
        "due_at", flat=True
    )
    for due in dues:
        hours = (due - now).total_seconds() / 3600
        for i, (_label, low, high) in enumerate(DUE_BUCKETS):
            if (low is None or hours >= low) and (high is None or hours < high):
                counts[i] += 1
                break
    return [(str(label), n) for (label, _low, _high), n in zip(DUE_BUCKETS, counts, strict=True)]


def service_score(stats30: Stats, stats90: Stats) -> tuple[int | None, int | None]:
    """(score 0–100, typical response hours) from the last 30 days, or the last 90 when 30
    days hold too few judged clocks; (None, None) for sellers without enough history.

    score = 100 × (0.7 × on-time rate + 0.3 × speed), speed = max(0, 1 − median / 24 h)."""
    stats = stats30 if stats30.enough else stats90
    if not stats.enough:
        return None, None
    median = stats.median_hours if stats.median_hours is not None else 24.0
    speed = max(0.0, 1.0 - median / 24.0)
    score = round(100 * (0.7 * stats.on_time_rate + 0.3 * speed))
    return max(0, min(100, score)), max(1, math.ceil(median))


def sellers_nightly(now: datetime | None = None) -> int:
    """Recompute every seller's score, apply the automatic policy, end expired sanctions.
    Idempotent: running it twice on one day changes nothing more."""
    now = now or timezone.now()
    count = 0
    for seller in Seller.objects.all().iterator():
        with transaction.atomic():
            seller = Seller.objects.select_for_update().get(pk=seller.pk)
            stats30 = seller_stats(seller, days=30, now=now)[None]
            stats90 = seller_stats(seller, days=90, now=now)[None]
            score, hours = service_score(stats30, stats90)
            seller.service_score, seller.typical_response_hours = score, hours
            seller.score_updated_at = now
            seller.save(
                update_fields=["service_score", "typical_response_hours", "score_updated_at"]
            )
            window = seller_stats(seller, days=settings.SLA_POLICY["window_days"], now=now)[None]
            policy_apply(seller, window.on_time_rate, window.judged, now)
            seller_status_refresh(seller, now)
        count += 1
    return count


def daily_summary_send(now: datetime | None = None) -> bool:
    """Yesterday's breaches and exemptions by seller, to every platform administrator,
    once per day however many workers run the job."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            DailyReport.objects.create(day=now.date(), sent_at=now)
    except IntegrityError:
        return False
    since = now - timedelta(days=1)
    breaches = (
        ResponseClock.objects.filter(breached_at__gte=since, breached_at__lt=now)
        .values_list("seller__company_name")
        .order_by("seller__company_name")
    )
    by_seller: dict[str, int] = {}
    for (name,) in breaches:
        by_seller[name] = by_seller.get(name, 0) + 1
    exemptions = ResponseClock.objects.filter(
        outcome=ResponseClock.Outcome.EXEMPT, closed_at__gte=since, closed_at__lt=now
    ).count()
    overdue = ResponseClock.objects.filter(closed_at__isnull=True, due_at__lte=now).count()
    for admin in User.objects.filter(is_staff=True, is_active=True):
        with translation.override(admin.preferred_language):
            text = render_to_string(
                "sla/email/daily_summary.txt",
                {
                    "by_seller": sorted(by_seller.items()),
                    "total": sum(by_seller.values()),
                    "exemptions": exemptions,
                    "overdue": overdue,
                    "day": since.date(),
                },
            )
        subject, _, body = text.strip().partition("\n")
        EmailMessage(subject.strip(), body.strip() + "\n", to=[admin.email]).send()
    return True
