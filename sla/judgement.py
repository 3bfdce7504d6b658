"""Whether a response clock is on time, late or pending: decided here, once.

Every reader asks this module: the thread page and the inbox (through `Thread.is_overdue`),
the buyer's escalation, the sweep, the statistics, the score and the sanction policy. The
rule exists in two forms, Python for one clock and SQL for millions, and a test holds them
to the same answer on every kind of clock (tests/sla/test_judgement.py).

The rule (PRODUCT.md, "The response deadline, exactly"):

- answered by the deadline: on time; answered after it: late;
- open with an answer held for review: pending, never late. Approval closes the clock at
  the answer's original send time (and judges that time); rejection lets it run again;
- open past the deadline with no answer held: late; open before it: running (not judged);
- "no reply needed" and "solved by the buyer": not judged;
- taken over by the platform (an escalation): late if the deadline had passed with no answer
  held when the platform took the case, not judged otherwise.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Verdict(StrEnum):
    RUNNING = "running"
    PENDING = "pending"
    LATE = "late"
    ON_TIME = "on_time"
    NOT_JUDGED = "not_judged"


VERDICT_LABELS = {
    Verdict.RUNNING: _("running"),
    Verdict.PENDING: _("answer in review"),
    Verdict.LATE: _("late"),
    Verdict.ON_TIME: _("on time"),
    Verdict.NOT_JUDGED: _("not judged"),
}

ANSWERED = "answered"  # ResponseClock.Outcome.ANSWERED (kept here: this module is pure)
PLATFORM = "platform"  # ResponseClock.Outcome.PLATFORM


def verdict(
    *,
    due_at: datetime,
    now: datetime,
    closed_at: datetime | None = None,
    outcome: str = "",
    pending: bool = False,
) -> Verdict:
    """The judgement of one clock at `now`."""
    if closed_at is not None:
        if outcome == PLATFORM:
            late = closed_at > due_at and not pending
            return Verdict.LATE if late else Verdict.NOT_JUDGED
        if outcome != ANSWERED:
            return Verdict.NOT_JUDGED
        return Verdict.ON_TIME if closed_at <= due_at else Verdict.LATE
    if pending:
        return Verdict.PENDING
    if due_at <= now:
        return Verdict.LATE
    return Verdict.RUNNING


def is_late(*, due_at: datetime | None, pending: bool, now: datetime) -> bool:
    """An open clock (or a thread's running deadline) is late now."""
    return due_at is not None and verdict(due_at=due_at, pending=pending, now=now) == Verdict.LATE


# The same rule in SQL, over the columns of sla_responseclock. Constant fragments; the only
# parameter is %(now)s.
ON_TIME_SQL = "(outcome = 'answered' AND closed_at <= due_at)"
LATE_SQL = (
    "((outcome = 'answered' AND closed_at > due_at)"
    " OR (outcome = 'platform' AND closed_at > due_at AND pending_answer_id IS NULL)"
    " OR (closed_at IS NULL AND pending_answer_id IS NULL AND due_at <= %(now)s))"
)
PENDING_SQL = "(closed_at IS NULL AND pending_answer_id IS NOT NULL)"
# The clocks the sweep may warn about or mark as breached: open, with no answer held.
SWEEPABLE_SQL = "closed_at IS NULL AND pending_answer_id IS NULL"

# And as ORM conditions, for querysets of ResponseClock.
ON_TIME_Q = Q(outcome=ANSWERED, closed_at__lte=F("due_at"))
PENDING_Q = Q(closed_at__isnull=True, pending_answer__isnull=False)


def late_q(now: datetime) -> Q:
    return (
        Q(outcome=ANSWERED, closed_at__gt=F("due_at"))
        | Q(outcome=PLATFORM, closed_at__gt=F("due_at"), pending_answer__isnull=True)
        | Q(closed_at__isnull=True, pending_answer__isnull=True, due_at__lte=now)
    )
