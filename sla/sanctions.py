"""Sanctions: the automatic ladders, the administrators' decisions, appeals, and the seller's
status kept in step with the sanctions in force.

Two ladders decide automatically, each on figures it is given (it imports nothing of the
helpdesk):

- answer times (`policy_apply`, nightly, settings.SLA_POLICY): with enough judged answers
  for a rate (SLA_MIN_SAMPLE), a rate below `restriction_below` restricts selling for
  `restriction_days`, below `warning_below` warns; with fewer, `late_restriction_at` late
  answers in the window restrict and `late_warning_at` warn. An automatic answer-time
  sanction is not repeated while one as severe is in force (a warning: within the window);
- messaging violations (`strikes_apply`, at each confirmed violation, MODERATION_STRIKES):
  each strike records its rung, a warning, a restriction from `restriction_at` strikes in the
  window, a suspension from `suspension_at`, whatever else is in force: the ladder climbs.

Overlapping sanctions are separate records, each with its own period; the seller's status is
the most severe one in force (suspended > restricted > active; a warning changes nothing), so
ending or lifting one leaves the others. Every change goes through these functions, which
tell the seller's owners by e-mail (applied, extended, lifted, appeal decided).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Seller, SellerMember, User
from outbox.models import Notification
from outbox.services import notify
from sla.formats import format_percent
from sla.models import Sanction, SanctionAppeal

# Kinds in order of severity.
SEVERITY: dict[str, int] = {
    Sanction.Kind.WARNING: 1,
    Sanction.Kind.RESTRICTION: 2,
    Sanction.Kind.SUSPENSION: 3,
}


class SanctionError(Exception):
    """A rule refused the change; the message (translated) is shown to the person."""


def active_sanctions(seller: Seller, now: datetime | None = None) -> QuerySet[Sanction]:
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


def _owners(seller_id: int) -> list[User]:
    """Who hears of a sanction: the seller's active owners (every active member when it has
    no owner)."""
    members = list(
        SellerMember.objects.filter(seller_id=seller_id, user__is_active=True).select_related(
            "user"
        )
    )
    owners = [m.user for m in members if m.role == SellerMember.Role.OWNER]
    return owners or [m.user for m in members]


def _tell(sanction: Sanction, kind: str, *, also: User | None = None) -> None:
    people = _owners(sanction.seller_id)
    if also is not None and also.is_active:
        people.append(also)
    notify(kind=kind, recipients=people, sanction_id=sanction.pk)


@transaction.atomic
def sanction_apply(
    *,
    seller: Seller,
    kind: str,
    cause: str = Sanction.Cause.MANUAL,
    figures: dict[str, Any] | None = None,
    reason: str = "",
    by: User | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    automatic: bool = False,
) -> Sanction:
    """Record a sanction, update the seller's status and tell its owners."""
    if cause == Sanction.Cause.MANUAL and not reason.strip():
        raise SanctionError(_("Say why: the seller is shown the reason."))
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    sanction = Sanction.objects.create(
        seller=seller,
        kind=kind,
        cause=cause,
        figures=figures or {},
        reason=reason.strip(),
        starts_at=starts_at or timezone.now(),
        ends_at=ends_at,
        automatic=automatic,
        decided_by=by,
    )
    seller_status_refresh(seller)
    _tell(sanction, Notification.Kind.SANCTION_APPLIED)
    return sanction


def extension_refusal(
    sanction: Sanction, until: datetime | None, now: datetime | None = None
) -> str | None:
    """Why the sanction's end may not move to `until` (None: allowed, or no change).
    Shortening is refused: a sanction ends early only by being lifted, which is recorded
    with who and when."""
    now = now or timezone.now()
    if sanction.lifted_at is not None:
        return _("This sanction has been lifted; apply a new one instead.")
    if sanction.ends_at is not None and sanction.ends_at <= now:
        return _("This sanction has ended; apply a new one instead.")
    if until == sanction.ends_at:
        return None
    if sanction.ends_at is None or (until is not None and until < sanction.ends_at):
        return _("A sanction can only be extended. To end it early, lift it: that is recorded.")
    return None


@transaction.atomic
def sanction_extend(
    *, sanction: Sanction, until: datetime | None, by: User, now: datetime | None = None
) -> Sanction:
    """Move a sanction's end later (None: until lifted); see extension_refusal."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    refusal = extension_refusal(sanction, until, now)
    if refusal:
        raise SanctionError(refusal)
    if until == sanction.ends_at:
        return sanction
    sanction.ends_at = until
    if sanction.decided_by_id is None:
        sanction.decided_by = by
    sanction.save(update_fields=["ends_at", "decided_by"])
    seller_status_refresh(sanction.seller)
    _tell(sanction, Notification.Kind.SANCTION_EXTENDED)
    return sanction


@transaction.atomic
def sanction_lift(*, sanction: Sanction, by: User) -> Sanction:
    """End a sanction now, recording who lifted it; lifting twice changes nothing."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.lifted_at is None:
        sanction.lifted_at = timezone.now()
        sanction.lifted_by = by
        sanction.save(update_fields=["lifted_at", "lifted_by"])
        _tell(sanction, Notification.Kind.SANCTION_LIFTED)
    seller_status_refresh(sanction.seller)
    return sanction


# Appeals --------------------------------------------------------------------------------


def appeal_refusal(sanction: Sanction, now: datetime | None = None) -> str | None:
    """Why the seller may not appeal this sanction, or None: once per sanction, while it is
    in force."""
    if hasattr(sanction, "appeal"):
        return _("This sanction has already been appealed.")
    if not sanction.in_force(now or timezone.now()):
        return _("Only a sanction in force can be appealed.")
    return None


@transaction.atomic
def sanction_appeal(*, sanction: Sanction, by: User, text: str) -> SanctionAppeal:
    """The seller's one appeal against a sanction, for an administrator to decide."""
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if not SellerMember.objects.filter(user=by, seller_id=sanction.seller_id).exists():
        raise SanctionError(_("Only the seller's team can appeal its sanctions."))
    if not text.strip():
        raise SanctionError(_("Say why the sanction should be lifted."))
    refusal = appeal_refusal(sanction)
    if refusal:
        raise SanctionError(refusal)
    return SanctionAppeal.objects.create(sanction=sanction, text=text.strip(), submitted_by=by)


@transaction.atomic
def appeal_decide(
    *, appeal: SanctionAppeal, granted: bool, by: User, reason: str
) -> SanctionAppeal:
    """An administrator decides an appeal once, with a reason the seller is shown. Granted:
    the sanction is lifted. The seller's owners and the appeal's writer are told."""
    appeal = SanctionAppeal.objects.select_for_update().get(pk=appeal.pk)
    if not appeal.is_pending:
        raise SanctionError(_("This appeal has already been decided."))
    if not reason.strip():
        raise SanctionError(_("Say why: the seller is shown the reason."))
    appeal.state = SanctionAppeal.State.GRANTED if granted else SanctionAppeal.State.DENIED
    appeal.decision_reason = reason.strip()
    appeal.decided_by = by
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["state", "decision_reason", "decided_by", "decided_at"])
    sanction = appeal.sanction
    if granted and sanction.lifted_at is None:
        sanction.lifted_at = appeal.decided_at
        sanction.lifted_by = by
        sanction.save(update_fields=["lifted_at", "lifted_by"])
        seller_status_refresh(sanction.seller)
    _tell(sanction, Notification.Kind.APPEAL_DECIDED, also=appeal.submitted_by)
    return appeal


# The automatic ladders ------------------------------------------------------------------

ANSWER_TIME_CAUSES = (Sanction.Cause.LATE_RATE, Sanction.Cause.LATE_COUNT)


def _answer_time_sanction_in_force(seller: Seller, kind: str, now: datetime) -> bool:
    """An automatic answer-time sanction at least as severe as `kind` is in force (or, for a
    warning, one was given within the policy's window)."""
    policy = settings.SLA_POLICY
    mine = Sanction.objects.filter(seller=seller, cause__in=ANSWER_TIME_CAUSES)
    if kind == Sanction.Kind.WARNING:
        recent = mine.filter(starts_at__gte=now - timedelta(days=policy["window_days"]))
        if recent.exists():
            return True
    severe = [k for k, rank in SEVERITY.items() if rank >= SEVERITY[kind]]
    return (
        active_sanctions(seller, now).filter(cause__in=ANSWER_TIME_CAUSES, kind__in=severe).exists()
    )


def policy_apply(
    seller: Seller, *, judged: int, late: int, now: datetime | None = None
) -> Sanction | None:
    """The answer-time ladder on the last SLA_POLICY["window_days"] days' judged answers
    (on time + late) and late ones (see the module's docstring)."""
    policy = settings.SLA_POLICY
    now = now or timezone.now()
    window = policy["window_days"]
    kind: str | None = None
    if judged >= settings.SLA_MIN_SAMPLE:
        rate = (judged - late) / judged
        cause = Sanction.Cause.LATE_RATE
        figures: dict[str, Any] = {"rate": rate, "judged": judged, "late": late, "days": window}
        if rate < policy["restriction_below"]:
            kind, figures["threshold"] = Sanction.Kind.RESTRICTION, policy["restriction_below"]
        elif rate < policy["warning_below"]:
            kind, figures["threshold"] = Sanction.Kind.WARNING, policy["warning_below"]
    else:
        cause = Sanction.Cause.LATE_COUNT
        figures = {"judged": judged, "late": late, "days": window}
        if late >= policy["late_restriction_at"]:
            kind, figures["threshold"] = Sanction.Kind.RESTRICTION, policy["late_restriction_at"]
        elif late >= policy["late_warning_at"]:
            kind, figures["threshold"] = Sanction.Kind.WARNING, policy["late_warning_at"]
    if kind is None or _answer_time_sanction_in_force(seller, kind, now):
        return None
    days = policy["restriction_days"] if kind == Sanction.Kind.RESTRICTION else window
    return sanction_apply(
        seller=seller,
        kind=kind,
        cause=cause,
        figures={**figures, "on": now.date().isoformat()},
        automatic=True,
        starts_at=now,
        ends_at=now + timedelta(days=days),
    )


def strikes_apply(seller: Seller, *, strikes: int, now: datetime | None = None) -> Sanction:
    """A confirmed messaging violation: record the rung the seller's `strikes` (confirmed
    violations within the strike window, this one included) reach."""
    policy = settings.MODERATION_STRIKES
    now = now or timezone.now()
    if strikes >= policy["suspension_at"]:
        kind, days = Sanction.Kind.SUSPENSION, policy["suspension_days"]
    elif strikes >= policy["restriction_at"]:
        kind, days = Sanction.Kind.RESTRICTION, policy["restriction_days"]
    else:
        kind, days = Sanction.Kind.WARNING, policy["window_days"]
    return sanction_apply(
        seller=seller,
        kind=kind,
        cause=Sanction.Cause.STRIKES,
        figures={
            "strikes": strikes,
            "days": policy["window_days"],
            "restriction_at": policy["restriction_at"],
            "suspension_at": policy["suspension_at"],
            "on": now.date().isoformat(),
        },
        automatic=True,
        starts_at=now,
        ends_at=now + timedelta(days=days),
    )


# Reading a sanction ---------------------------------------------------------------------


def sanction_reason(sanction: Sanction) -> str:
    """Why the sanction was applied, in the active language, from its stored figures."""
    f = sanction.figures
    if sanction.cause == Sanction.Cause.LATE_RATE:
        return _(
            "%(rate)s of the %(judged)d buyer messages judged over the %(days)d days to "
            "%(on)s were answered within 24 business hours; the platform expects at least "
            "%(threshold)s."
        ) % {
            "rate": format_percent(f["rate"]),
            "judged": f["judged"],
            "days": f["days"],
            "on": _date(f["on"]),
            "threshold": format_percent(f["threshold"]),
        }
    if sanction.cause == Sanction.Cause.LATE_COUNT:
        return _(
            "%(late)d of the %(judged)d buyer messages judged over the %(days)d days to "
            "%(on)s were answered late (or not at all); %(threshold)d late answers lead to "
            "this sanction."
        ) % {
            "late": f["late"],
            "judged": f["judged"],
            "days": f["days"],
            "on": _date(f["on"]),
            "threshold": f["threshold"],
        }
    if sanction.cause == Sanction.Cause.STRIKES:
        return _(
            "%(strikes)d confirmed breaches of the messaging rules in the %(days)d days to "
            "%(on)s (contact details, links, payment outside the platform or advertising in "
            "messages to buyers). A restriction follows at %(restriction_at)d, a suspension "
            "at %(suspension_at)d."
        ) % {
            "strikes": f["strikes"],
            "days": f["days"],
            "on": _date(f["on"]),
            "restriction_at": f["restriction_at"],
            "suspension_at": f["suspension_at"],
        }
    return sanction.reason


def _date(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "DATE_FORMAT")
