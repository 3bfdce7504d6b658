"""Sanctions: applied, extended and lifted through these services (the admin calls them),
and the seller's status kept in step with the sanctions in force."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Seller
from sla.models import Sanction


def active_sanctions(seller: Seller, now: datetime | None = None):
    now = now or timezone.now()
    return Sanction.objects.filter(
        seller=seller, lifted_at__isnull=True, starts_at__lte=now
    ).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


def seller_status_refresh(seller: Seller, now: datetime | None = None) -> str:
    """The seller's status from the sanctions in force: the most severe wins; a warning
    changes nothing."""
    kinds = set(active_sanctions(seller, now).values_list("kind", flat=True))
    if Sanction.Kind.SUSPENSION in kinds:
        status = Seller.Status.SUSPENDED
    elif Sanction.Kind.RESTRICTION in kinds:
        status = Seller.Status.RESTRICTED
    else:
        status = Seller.Status.ACTIVE
    if seller.status != status:
        seller.status = status
        seller.save(update_fields=["status"])
    return status


@transaction.atomic
def sanction_apply(
    *,
    seller: Seller,
    kind: str,
    reason: str,
    by=None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    automatic: bool = False,
) -> Sanction:
    """Record a sanction and update the seller's status."""
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    sanction = Sanction.objects.create(
        seller=seller,
        kind=kind,
        reason=reason.strip(),
        starts_at=starts_at or timezone.now(),
        ends_at=ends_at,
        automatic=automatic,
        decided_by=by,
    )
    seller_status_refresh(seller)
    return sanction


@transaction.atomic
def sanction_extend(*, sanction: Sanction, until: datetime | None, by) -> Sanction:
    """Move a sanction's end (None: until lifted)."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    sanction.ends_at = until
    if sanction.decided_by_id is None:
        sanction.decided_by = by
    sanction.save(update_fields=["ends_at", "decided_by"])
    seller_status_refresh(sanction.seller)
    return sanction


@transaction.atomic
def sanction_lift(*, sanction: Sanction, by) -> Sanction:
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.lifted_at is None:
        sanction.lifted_at = timezone.now()
        sanction.lifted_by = by
        sanction.save(update_fields=["lifted_at", "lifted_by"])
    seller_status_refresh(sanction.seller)
    return sanction


def policy_apply(
    seller: Seller, on_time_rate: float | None, judged: int, now: datetime | None = None
) -> Sanction | None:
    """The automatic policy (thresholds in settings.SLA_POLICY), judged on the last
    window_days with at least SLA_MIN_SAMPLE clocks: below restriction_below, a restriction
    for restriction_days; below warning_below, a warning. Never twice while one is in force
    (or, for warnings, within the window)."""
    policy = settings.SLA_POLICY
    if on_time_rate is None or judged < settings.SLA_MIN_SAMPLE:
        return None
    now = now or timezone.now()
    percent = f"{on_time_rate:.0%}"
    window = policy["window_days"]
    if on_time_rate < policy["restriction_below"]:
        if (
            active_sanctions(seller, now)
            .filter(kind__in=[Sanction.Kind.RESTRICTION, Sanction.Kind.SUSPENSION])
            .exists()
        ):
            return None
        return sanction_apply(
            seller=seller,
            kind=Sanction.Kind.RESTRICTION,
            automatic=True,
            starts_at=now,
            ends_at=now + timedelta(days=policy["restriction_days"]),
            reason=f"Only {percent} of buyer messages were answered within 24 business hours "
            f"over the last {window} days ({judged} messages); the minimum is "
            f"{policy['restriction_below']:.0%}.",
        )
    if on_time_rate < policy["warning_below"]:
        recent = Sanction.objects.filter(
            seller=seller, kind=Sanction.Kind.WARNING, starts_at__gte=now - timedelta(days=window)
        )
        if recent.exists():
            return None
        return sanction_apply(
            seller=seller,
            kind=Sanction.Kind.WARNING,
            automatic=True,
            starts_at=now,
            ends_at=now + timedelta(days=window),
            reason=f"{percent} of buyer messages were answered within 24 business hours over "
            f"the last {window} days ({judged} messages); the platform expects at least "
            f"{policy['warning_below']:.0%}.",
        )
    return None


def strikes(seller: Seller, now: datetime | None = None) -> int:
    """Confirmed moderation violations by the seller's team within the strike window."""
    from helpdesk.models import MessageReview

    now = now or timezone.now()
    window = settings.MODERATION_STRIKES["window_days"]
    return MessageReview.objects.strikes(now - timedelta(days=window)).filter(seller=seller).count()


def strikes_apply(seller: Seller, now: datetime | None = None) -> Sanction | None:
    """A confirmed violation is a strike (settings.MODERATION_STRIKES): a warning each time,
    a restriction at restriction_at strikes within the window, a suspension at
    suspension_at; never a restriction or suspension while one as severe is in force."""
    policy = settings.MODERATION_STRIKES
    now = now or timezone.now()
    count = strikes(seller, now)
    window = policy["window_days"]
    in_force = set(active_sanctions(seller, now).values_list("kind", flat=True))
    if count >= policy["suspension_at"]:
        if Sanction.Kind.SUSPENSION in in_force:
            return None
        kind, days = Sanction.Kind.SUSPENSION, policy["suspension_days"]
    elif count >= policy["restriction_at"]:
        if in_force & {Sanction.Kind.RESTRICTION, Sanction.Kind.SUSPENSION}:
            return None
        kind, days = Sanction.Kind.RESTRICTION, policy["restriction_days"]
    else:
        kind, days = Sanction.Kind.WARNING, window
    return sanction_apply(
        seller=seller,
        kind=kind,
        automatic=True,
        starts_at=now,
        ends_at=now + timedelta(days=days),
        reason=f"{count} confirmed breach(es) of the messaging rules in the last {window} days "
        f"(contact details, links, payment outside the platform or advertising in messages "
        f"to buyers). A restriction follows at {policy['restriction_at']}, a suspension at "
        f"{policy['suspension_at']}.",
    )
