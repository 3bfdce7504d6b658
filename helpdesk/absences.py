"""Who answers while a member of a seller's team is away (issue 15): the one home of the
rule "is an absence running now", and of what follows from it.

- An absence runs on its days, first and last included, as the seller's market counts them:
  `Seller.country` is the code of the seller's market, whose time zone orders.markets
  gives. The absences are accounts' (model, services), but accounts sits below orders and
  cannot know a market's time zone, so the rule lives here, where its callers are.
- While an absence runs, a new request goes to its stand-in (`new_request_cover`); the
  absent member's conversations stay theirs, and the team's pages name the stand-in beside them
  (`note_assignee_absences`, `absence_covering`); the buyer reads who answers.
- Nothing here moves a deadline: the response clock does not pause for the holidays of the
  seller's staff (PRODUCT.md, rule 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Seller, SellerAbsence, SellerMember, User
from helpdesk.models import Thread
from orders.markets import BY_CODE


def seller_today(seller: Seller, now: datetime | None = None) -> date:
    """The calendar day it is at `now` (default: now) in `seller`'s market (the platform's
    default market for a seller whose country is not one of the markets)."""
    market = BY_CODE.get(seller.country) or BY_CODE[settings.DEFAULT_MARKET]
    return timezone.localdate(now or timezone.now(), ZoneInfo(market.time_zone))


def _on_seller_days(sellers: Iterable[Seller], now: datetime | None, *, started: bool) -> Q:
    """Absences of `sellers` not ended on each seller's own market's day at `now`, and
    begun by then if `started`."""
    moment = now or timezone.now()
    days: dict[date, list[int]] = {}
    for seller in sellers:
        days.setdefault(seller_today(seller, moment), []).append(seller.pk)
    found = Q(pk__in=[])  # no seller: nothing
    for day, seller_ids in days.items():
        on_day = Q(seller_id__in=seller_ids, last_day__gte=day)
        found |= on_day & Q(first_day__lte=day) if started else on_day
    return found


def running_absences(
    sellers: Iterable[Seller], *, now: datetime | None = None
) -> QuerySet[SellerAbsence]:
    """The absences of `sellers`' teams that run at `now` (default: now): today, in each
    seller's market, is one of their days. The one rule; every page and service asks it."""
    return SellerAbsence.objects.filter(_on_seller_days(sellers, now, started=True))


def current_and_upcoming(
    sellers: Iterable[Seller], *, now: datetime | None = None
) -> QuerySet[SellerAbsence]:
    """The absences of `sellers`' teams that have not ended at `now`: the running ones and
    those to come, soonest first. Ended ones are history, neither listed nor cancelled."""
    return SellerAbsence.objects.filter(_on_seller_days(sellers, now, started=False)).order_by(
        "first_day", "created_at", "pk"
    )


def new_request_assignee(seller: Seller, *, now: datetime | None = None) -> User | None:
    """Who gets a request opened at `now`: the stand-in of `new_request_cover`, or nobody."""
    cover = new_request_cover(seller, now=now)
    return cover.stand_in if cover is not None else None


def new_request_cover(seller: Seller, *, now: datetime | None = None) -> SellerAbsence | None:
    """The absence whose stand-in gets a request opened at `now`. Requests wait unassigned,
    unless an absence of the team runs: then they go to its stand-in; with several, to the
    stand-in of the earliest recorded whose stand-in is still an active member and not away
    too. None when none qualifies."""
    absences = list(
        running_absences([seller], now=now)
        .select_related("stand_in", "absent")
        .order_by("created_at", "pk")
    )
    if not absences:
        return None
    away = {absence.absent_id for absence in absences}
    team = set(
        SellerMember.objects.filter(
            seller=seller, user__in=[absence.stand_in_id for absence in absences]
        ).values_list("user_id", flat=True)
    )
    for absence in absences:
        stand_in = absence.stand_in
        if stand_in.pk in team and stand_in.pk not in away and stand_in.is_active:
            return absence
    return None


def note_assignee_absences(threads: Sequence[Thread], *, now: datetime | None = None) -> None:
    """Set `assignee_absence` on each of `threads` (their sellers loaded): the running
    absence of its assignee, whose stand-in answers meanwhile, or None. One query for a
    whole page, none when no thread is assigned."""
    assigned = [thread for thread in threads if thread.assignee_id]
    found: dict[tuple[int, int], SellerAbsence] = {}
    if assigned:
        absences = (
            running_absences({thread.seller for thread in assigned}, now=now)
            .filter(absent__in={thread.assignee_id for thread in assigned})
            .select_related("stand_in")
            .order_by("created_at", "pk")
        )
        for absence in absences:
            found.setdefault((absence.seller_id, absence.absent_id), absence)
    for thread in threads:
        key = (thread.seller_id, thread.assignee_id or 0)
        thread.assignee_absence = found.get(key)  # type: ignore[attr-defined]


def absence_covering(thread: Thread, *, now: datetime | None = None) -> SellerAbsence | None:
    """The running absence that decides who answers `thread` (its seller loaded): its
    assignee's own (the stand-in answers), else one its assignee stands in for (the
    assignee answers, as for a request given to them while the absence runs). None for an
    unassigned thread, or when no absence concerns its assignee."""
    if thread.assignee_id is None:
        return None
    absences = (
        running_absences([thread.seller], now=now)
        .filter(Q(absent=thread.assignee_id) | Q(stand_in=thread.assignee_id))
        .select_related("stand_in")
        .order_by("created_at", "pk")
    )
    concerned = list(absences)
    own = [absence for absence in concerned if absence.absent_id == thread.assignee_id]
    return next(iter(own or concerned), None)
