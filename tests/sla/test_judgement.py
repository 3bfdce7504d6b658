"""One judgement of lateness (sla.judgement), asked by every reader."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from helpdesk.models import ReplyState, Role
from helpdesk.rules import escalation_refusal
from helpdesk.services import message_post
from sla.judgement import (
    LATE_SQL,
    ON_TIME_Q,
    ON_TIME_SQL,
    PENDING_Q,
    PENDING_SQL,
    Verdict,
    late_q,
    verdict,
)
from sla.models import ResponseClock, Sanction
from sla.performance import open_by_due, seller_stats, sellers_nightly
from sla.sweep import sla_sweep

pytestmark = pytest.mark.django_db

PHONE_REPLY = "Bonjour, appelez-moi au 06 12 34 56 78 pour le retour."


def test_the_rule_in_python():
    now = timezone.now()
    due = now + timedelta(hours=1)
    assert verdict(due_at=due, now=now) == Verdict.RUNNING
    assert verdict(due_at=due, now=due) == Verdict.LATE
    assert verdict(due_at=due, now=due + timedelta(days=9), pending=True) == Verdict.PENDING
    assert verdict(due_at=due, now=now, closed_at=due, outcome="answered") == Verdict.ON_TIME
    late_answer = due + timedelta(seconds=1)
    assert verdict(due_at=due, now=now, closed_at=late_answer, outcome="answered") == Verdict.LATE
    for outcome in ("exempt", "solved"):
        assert (
            verdict(due_at=due, now=now, closed_at=late_answer, outcome=outcome)
            == Verdict.NOT_JUDGED
        )
    # Taken over by the platform: late when the deadline had passed with nothing held.
    assert verdict(due_at=due, now=now, closed_at=due, outcome="platform") == Verdict.NOT_JUDGED
    assert verdict(due_at=due, now=now, closed_at=late_answer, outcome="platform") == Verdict.LATE
    assert (
        verdict(due_at=due, now=now, closed_at=late_answer, outcome="platform", pending=True)
        == Verdict.NOT_JUDGED
    )


def test_python_sql_and_orm_forms_of_the_rule_agree_on_every_kind_of_clock(world):
    """Every combination of open/closed, outcome, pending and deadline, judged three ways."""
    base = ResponseClock.objects.get(thread=world.thread)
    held = message_post(
        thread=world.other_thread, author=world.other_seller_agent, role=Role.SELLER, body="x"
    )
    now = timezone.now()
    cases = []
    for due_offset in (-2, 2):  # deadline passed or ahead
        due = now + timedelta(hours=due_offset)
        cases.append({"closed_at": None, "outcome": "", "pending_answer": None, "due_at": due})
        cases.append({"closed_at": None, "outcome": "", "pending_answer": held, "due_at": due})
        for close_offset in (-3, -1, 1):
            closed = due + timedelta(hours=close_offset)
            for outcome in ("answered", "exempt", "solved", "platform"):
                cases.append(
                    {"closed_at": closed, "outcome": outcome, "pending_answer": None, "due_at": due}
                )
            # Taken over by the platform while an answer was held: never late.
            cases.append(
                {"closed_at": closed, "outcome": "platform", "pending_answer": held, "due_at": due}
            )
    ResponseClock.objects.all().delete()
    clocks = []
    for i, case in enumerate(cases):
        clocks.append(
            ResponseClock.objects.create(
                thread=world.thread if case["closed_at"] or i == 0 else world.other_thread,
                seller=base.seller,
                market=base.market,
                opened_by=base.opened_by,
                opened_at=case["due_at"] - timedelta(days=2),
                warn_at=case["due_at"] - timedelta(hours=4),
                **case,
            )
        )
        if case["closed_at"] is None:  # one open clock per thread: judge it, then close it
            _check_agreement(clocks[-1], now)
            ResponseClock.objects.filter(pk=clocks[-1].pk).update(closed_at=now, outcome="solved")
    for clock in clocks:
        if clock.closed_at is not None:
            _check_agreement(clock, now)


def _check_agreement(clock, now):
    python = clock.verdict(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {ON_TIME_SQL}, {LATE_SQL}, {PENDING_SQL} FROM sla_responseclock "
            "WHERE id = %(id)s",
            {"id": clock.pk, "now": now},
        )
        on_time, late, pending = cursor.fetchone()
    in_set = lambda q: ResponseClock.objects.filter(q, pk=clock.pk).exists()  # noqa: E731
    assert (on_time, late, pending) == (
        python == Verdict.ON_TIME,
        python == Verdict.LATE,
        python == Verdict.PENDING,
    ), python
    assert (in_set(ON_TIME_Q), in_set(late_q(now)), in_set(PENDING_Q)) == (on_time, late, pending)


def test_a_held_reply_whose_deadline_passes_in_review_is_not_late_anywhere(world, client, settings):
    """Issue 10 (2). Failed before: the statistics counted it late, `is_overdue`, the pages
    and the escalation button treated it as overdue."""
    settings.SLA_MIN_SAMPLE = 1
    clock = ResponseClock.objects.get(thread=world.thread)
    with time_machine.travel(clock.opened_at + timedelta(hours=1), tick=False):
        message_post(
            thread=world.thread, author=world.seller_agent, role=Role.SELLER, body=PHONE_REPLY
        )
    later = clock.due_at + timedelta(hours=5)
    sla_sweep(now=later)
    clock.refresh_from_db()
    assert clock.breached_at is None
    assert clock.verdict(later) == Verdict.PENDING
    stats = seller_stats(world.order.seller, days=30, now=later)[None]
    assert (stats.judged, stats.late) == (0, 0)
    assert dict(open_by_due(world.order.seller, later))["in review"] == 1
    sellers_nightly(later)
    assert not Sanction.objects.filter(seller=world.order.seller).exists()
    world.thread.refresh_from_db()
    assert world.thread.reply_state == ReplyState.IN_REVIEW
    with time_machine.travel(later, tick=False):
        assert not world.thread.is_overdue()
        assert escalation_refusal(world.thread) is not None
        client.force_login(world.seller_agent)
        inbox = client.get(reverse("helpdesk:inbox")).content.decode()
        assert "overdue" not in inbox
        assert "Reply in review" in inbox
        page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
        assert "The deadline is paused" in page
        client.force_login(world.buyer)
        page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
        assert "The seller has answered. The platform is checking the answer" in page
        assert "Ask the platform to step in" not in page
        requests = client.get(reverse("helpdesk:my_requests")).content.decode()
        assert "Answer being checked" in requests


def test_running_clocks_are_put_in_their_time_left_bucket_at_each_edge(world):
    """The Performance page's "open by time left", counted in the database (issue 16): a
    deadline exactly now is "< 4 h", exactly 4 h away is "4–8 h"; past is overdue."""
    clock = ResponseClock.objects.get(thread=world.thread)
    due = clock.due_at
    buckets = {
        due + timedelta(seconds=1): "overdue",
        due: "< 4 h",
        due - timedelta(hours=4) + timedelta(seconds=1): "< 4 h",
        due - timedelta(hours=4): "4–8 h",
        due - timedelta(hours=8): "8–24 h",
        due - timedelta(hours=24): "later",
    }
    for now, label in buckets.items():
        counts = dict(open_by_due(world.order.seller, now))
        assert counts[label] == 1, (now - due, counts)
        assert sum(counts.values()) == 1
