"""Seller performance from response clocks: on-time rate, response times, late answers,
exemptions; the service score; the nightly job; what the administrators' summary reads.

Whether a clock is on time, late or pending is sla.judgement's rule, used here in its SQL
form. A rate needs SLA_MIN_SAMPLE judged clocks. Each figure is computed by one function
here and formatted by sla.formats, so every page shows the same number."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Seller
from sla.formats import percent_points
from sla.judgement import LATE_SQL, ON_TIME_SQL, PENDING_Q, late_q
from sla.models import AnswerRating, ClockExemption, ResponseClock
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
        return self.judged >= int(settings.SLA_MIN_SAMPLE)


MEDIAN = (
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) "
    "FILTER (WHERE outcome = 'answered')"
)

# Constant SQL fragments only; every value is a query parameter. Every figure of a period
# (tiles, table, charts, score, policy) is read by these aggregates and built by _stats.
_AGGREGATES = f"""
       count(*) FILTER (WHERE {ON_TIME_SQL}) AS on_time,
       count(*) FILTER (WHERE {LATE_SQL}) AS late,
       count(*) FILTER (WHERE outcome = 'exempt') AS exemptions,
       {MEDIAN} AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY response_seconds)
           FILTER (WHERE outcome = 'answered') AS p90"""

_STATS_SQL = f"""
SELECT market_id, {_AGGREGATES}
FROM sla_responseclock
WHERE seller_id = %(seller)s AND opened_at >= %(since)s AND opened_at < %(now)s
GROUP BY ROLLUP (market_id)
"""  # noqa: S608

# One row per period end, in the order given; a LEFT JOIN so an empty period still has a row.
_PERIODS_SQL = f"""
SELECT {_AGGREGATES}
FROM unnest(%(ends)s::timestamptz[]) WITH ORDINALITY AS period(period_end, position)
LEFT JOIN sla_responseclock
       ON seller_id = %(seller)s
      AND opened_at >= period_end - make_interval(days => %(days)s) AND opened_at < period_end
GROUP BY position
ORDER BY position
"""  # noqa: S608


def _stats(
    market: str | None,
    days: int,
    on_time: int,
    late: int,
    exemptions: int,
    median: float | None,
    p90: float | None,
) -> Stats:
    return Stats(
        market=market,
        days=days,
        judged=on_time + late,
        on_time=on_time,
        late=late,
        exemptions=exemptions,
        median_hours=median / 3600 if median is not None else None,
        p90_hours=p90 / 3600 if p90 is not None else None,
    )


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
    result = {row[0]: _stats(row[0], days, *row[1:]) for row in rows}
    result.setdefault(None, Stats(None, days, 0, 0, 0, 0, None, None))
    return result


def period_stats(
    seller: Seller, *, days: int, ends: Sequence[datetime], now: datetime
) -> list[Stats]:
    """All markets together over the `days` days before each of `ends` (in that order), each
    clock judged at `now`: one query for a whole chart. With `ends=[now]` it is the same
    period as `seller_stats(seller, days=days, now=now)[None]`, and the same numbers."""
    with connection.cursor() as cursor:
        cursor.execute(
            _PERIODS_SQL,
            {"seller": seller.pk, "ends": list(ends), "days": days, "now": now},
        )
        return [_stats(None, days, *row) for row in cursor.fetchall()]


DUE_BUCKETS = (
    (_("overdue"), None, 0),
    (_("< 4 h"), 0, 4),
    (_("4–8 h"), 4, 8),
    (_("8–24 h"), 8, 24),
    (_("later"), 24, None),
)


def open_by_due(seller: Seller, now: datetime | None = None) -> list[tuple[str, int]]:
    """Open clocks by time left (real hours): overdue, within 4 h, 4–8 h, 8–24 h, later,
    and those whose answer is being checked (pending: never overdue)."""
    now = now or timezone.now()

    def running(low: int | None, high: int | None) -> Q:
        window = ~PENDING_Q
        if low is not None:
            window &= Q(due_at__gte=now + timedelta(hours=low))
        if high is not None:
            window &= Q(due_at__lt=now + timedelta(hours=high))
        return window

    # One query, counted in the database: an index-only scan of clock_seller_open (due_at,
    # never null, is counted: it is in the index, the id is not).
    counts = ResponseClock.objects.filter(seller=seller, closed_at__isnull=True).aggregate(
        **{
            f"b{i}": Count("due_at", filter=running(low, high))
            for i, (_l, low, high) in enumerate(DUE_BUCKETS)
        },
        in_review=Count("due_at", filter=PENDING_Q),
    )
    buckets = [(str(label), counts[f"b{i}"]) for i, (label, _low, _high) in enumerate(DUE_BUCKETS)]
    return [*buckets, (str(_("in review")), counts["in_review"])]


@dataclass(frozen=True)
class Headline:
    """The figures a seller is known by: the same on the public page, the Performance page's
    tiles, the nightly score and the search ranking. From the last 30 days, or the last 90
    when 30 days hold fewer than SLA_MIN_SAMPLE judged answers."""

    stats: Stats

    @property
    def score(self) -> int | None:
        """The service score, 0–100: the on-time rate in whole points (rounded down).
        Punctuality decides; the median answer time only breaks ties (Seller.objects.ranked)."""
        rate = self.stats.on_time_rate
        return None if rate is None else percent_points(rate)

    @property
    def typical_hours(self) -> int | None:
        """ "Usually answers within N hours": the median, rounded up, at least 1."""
        if self.score is None or self.stats.median_hours is None:
            return None
        return max(1, math.ceil(round(self.stats.median_hours, 6)))


def headline(seller: Seller, now: datetime | None = None) -> Headline:
    now = now or timezone.now()
    stats = period_stats(seller, days=30, ends=[now], now=now)[0]
    if not stats.enough:
        stats = period_stats(seller, days=90, ends=[now], now=now)[0]
    return Headline(stats=stats)


TREND_WEEKS = 12


@dataclass(frozen=True)
class TrendPoint:
    """One point of the Performance page's charts: the headline's figures for the period
    ending at `until` (the headline's length of period, 30 or 90 days)."""

    until: datetime
    stats: Stats


@dataclass(frozen=True)
class Ratings:
    """How buyers rated the seller's replies ("did this answer your question?") over the
    last `days` days: the platform's rule forbids vague answers and ignored questions."""

    days: int
    rated: int
    not_answered: int

    @property
    def not_answered_rate(self) -> float | None:
        return self.not_answered / self.rated if self.rated else None


def answer_ratings(seller_id: int, *, days: int, now: datetime | None = None) -> Ratings:
    """The seller's replies rated by buyers in the last `days` days. One query."""
    now = now or timezone.now()
    counts = AnswerRating.objects.filter(
        seller_id=seller_id, rated_at__gt=now - timedelta(days=days), rated_at__lte=now
    ).aggregate(rated=Count("id"), not_answered=Count("id", filter=Q(answered=False)))
    return Ratings(days=days, rated=counts["rated"], not_answered=counts["not_answered"])


@dataclass(frozen=True)
class Dashboard:
    """What the Performance page's tiles and charts show, read once so they cannot disagree:
    the charts' latest point *is* the tiles' `headline.stats` (same period, same function,
    formatted by the same sla.formats functions), and the open messages' bars add up to the
    "waiting for you now" tile."""

    headline: Headline
    trend: list[TrendPoint]  # oldest first; the last ends now and holds headline.stats
    due: list[tuple[str, int]]
    ratings: Ratings

    @property
    def open_count(self) -> int:
        return sum(count for _label, count in self.due)


def dashboard(seller: Seller, now: datetime | None = None) -> Dashboard:
    """The headline figures now and as they stood at the same time of day 1…11 weeks ago
    (each clock judged now, as the tiles judge it), and the open clocks by time left."""
    now = now or timezone.now()
    figures = headline(seller, now)
    ends = [now - timedelta(weeks=k) for k in range(TREND_WEEKS - 1, 0, -1)]
    earlier = period_stats(seller, days=figures.stats.days, ends=ends, now=now)
    trend = [TrendPoint(end, stats) for end, stats in zip(ends, earlier, strict=True)]
    return Dashboard(
        headline=figures,
        trend=[*trend, TrendPoint(now, figures.stats)],
        due=open_by_due(seller, now),
        ratings=answer_ratings(seller.pk, days=figures.stats.days, now=now),
    )


def late_clocks(
    seller: Seller, *, days: int, now: datetime | None = None
) -> QuerySet[ResponseClock]:
    """The clocks judged late among those opened in the last `days` days: the answers behind
    the rate, for the seller to look at (newest first)."""
    now = now or timezone.now()
    return (
        ResponseClock.objects.filter(
            seller=seller, opened_at__gte=now - timedelta(days=days), opened_at__lt=now
        )
        .filter(late_q(now))
        .select_related("thread__order", "market")
        .order_by("-opened_at", "-id")
    )


def sellers_nightly(now: datetime | None = None) -> int:
    """Recompute every seller's score, apply the answer-time ladder, end expired sanctions.
    Idempotent: running it twice on one day changes nothing more."""
    now = now or timezone.now()
    count = 0
    for seller in Seller.objects.all().iterator():
        with transaction.atomic():
            seller = Seller.objects.select_for_update().get(pk=seller.pk)
            figures = headline(seller, now)
            seller.service_score, seller.typical_response_hours = (
                figures.score,
                figures.typical_hours,
            )
            seller.score_updated_at = now
            seller.save(
                update_fields=["service_score", "typical_response_hours", "score_updated_at"]
            )
            window = seller_stats(seller, days=settings.SLA_POLICY["window_days"], now=now)[None]
            policy_apply(seller, judged=window.judged, late=window.late, now=now)
            seller_status_refresh(seller, now)
        count += 1
    return count


# What the administrators' daily summary reads (helpdesk.summary) -------------------------


def breaches_by_seller(since: datetime, until: datetime) -> list[tuple[str, int]]:
    """Deadlines missed in [since, until), per seller name."""
    rows = (
        ResponseClock.objects.filter(breached_at__gte=since, breached_at__lt=until)
        .values_list("seller__company_name")
        .order_by("seller__company_name")
    )
    by_seller: dict[str, int] = {}
    for (name,) in rows:
        by_seller[name] = by_seller.get(name, 0) + 1
    return sorted(by_seller.items())


def exemptions_count(since: datetime, until: datetime) -> int:
    return ClockExemption.objects.filter(exempted_at__gte=since, exempted_at__lt=until).count()


def overdue_count(now: datetime) -> int:
    """Buyer messages late right now (open past the deadline, no answer held)."""
    return ResponseClock.objects.filter(closed_at__isnull=True).filter(late_q(now)).count()
