"""Response clocks through a real week, the sweep, exemptions and held answers."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection

from helpdesk.models import Message, Role
from helpdesk.services import (
    message_post,
    note_post,
    status_update_post,
    thread_close,
    thread_exemption_revoke,
    thread_no_reply_needed,
    thread_open,
)
from outbox.models import Notification
from outbox.sending import notifications_send_pending
from sla.calendar import response_deadline
from sla.clocks import clock_hold_answer, clock_release_answer
from sla.models import ClockExemption, ResponseClock
from sla.sweep import sla_sweep
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db

PARIS = "Europe/Paris"
# Friday 3 April 2026, 10:00 in Paris; Easter Monday (6 April) is a public holiday in France.
FRIDAY = datetime(2026, 4, 3, 8, 0, tzinfo=UTC)


def at(day, hour, minute=0):
    """An instant given in Paris time in April 2026 (CEST, UTC+2)."""
    return datetime(2026, 4, day, hour - 2, minute, tzinfo=UTC)


@pytest.fixture
def team():
    seller = SellerFactory()
    agents = [SellerMemberFactory(seller=seller).user for _ in range(2)]
    buyer = UserFactory()
    return seller, agents, buyer


def open_thread(team, when, body="Where is my parcel?"):
    seller, _, buyer = team
    order = make_order(buyer=buyer, seller=seller)
    with time_machine.travel(when, tick=False):
        return thread_open(order=order, buyer=buyer, topic="delivery", body=body)


def test_a_week_friday_message_weekend_easter_monday_warning_breach_notices(team):
    _seller, agents, _buyer = team
    thread = open_thread(team, FRIDAY)
    clock = ResponseClock.objects.get(thread=thread)
    # 14 h run on Friday (10:00–24:00); weekend and Easter Monday stop the clock; 10 h on
    # Tuesday: due Tuesday 10:00. The warning at 20 h: Tuesday 06:00.
    assert clock.due_at == at(7, 10) == response_deadline(FRIDAY, "FR")
    assert clock.warn_at == at(7, 6)
    assert (thread.awaiting_reply_since, thread.due_at) == (FRIDAY, clock.due_at)
    notifications_send_pending(older_than=timedelta(0))  # "new message" e-mails
    mail.outbox.clear()

    # Over the weekend and the holiday nothing happens, however often the sweep runs.
    for moment in (at(3, 23, 59), at(4, 12), at(5, 12), at(6, 23, 59), at(7, 5, 59)):
        assert sla_sweep(now=moment).warned == sla_sweep(now=moment).breached == 0

    # Tuesday 06:00: one "due soon" warning per agent, once.
    result = sla_sweep(now=at(7, 6))
    assert (result.warned, result.breached, result.notices) == (1, 0, 2)
    assert sla_sweep(now=at(7, 7)).notices == 0
    with time_machine.travel(at(7, 7)):
        notifications_send_pending(older_than=timedelta(0))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in agents)
    assert "answer due soon" in mail.outbox[0].subject

    # Tuesday 10:00: the deadline passes; one breach notice per agent, once.
    mail.outbox.clear()
    assert sla_sweep(now=at(7, 9, 59)).breached == 0
    result = sla_sweep(now=at(7, 10))
    assert (result.warned, result.breached, result.notices) == (0, 1, 2)
    assert sla_sweep(now=at(7, 11)).breached == 0
    clock.refresh_from_db()
    assert clock.breached_at == at(7, 10)
    with time_machine.travel(at(7, 10, 1)):
        notifications_send_pending(older_than=timedelta(0))
    assert len(mail.outbox) == 2
    assert "deadline has passed" in mail.outbox[0].subject

    # The late answer closes the clock; its response time counts business hours only.
    with time_machine.travel(at(7, 12), tick=False):
        message_post(thread=thread, author=agents[0], role=Role.SELLER, body="Sorry!")
    clock.refresh_from_db()
    assert clock.outcome == ResponseClock.Outcome.ANSWERED
    assert clock.response_seconds == 26 * 3600  # 14 h Friday + 12 h Tuesday
    assert clock.on_time is False
    thread.refresh_from_db()
    assert thread.due_at is None


def test_a_later_buyer_message_does_not_restart_the_clock(team):
    thread = open_thread(team, FRIDAY)
    with time_machine.travel(at(7, 9)):
        message_post(thread=thread, author=team[2], role=Role.BUYER, body="Hello??")
    assert ResponseClock.objects.filter(thread=thread).count() == 1
    assert ResponseClock.objects.get(thread=thread).due_at == at(7, 10)


def test_notes_events_and_platform_messages_do_not_close_the_clock(team):
    _seller, agents, _buyer = team
    thread = open_thread(team, FRIDAY)
    note_post(thread=thread, author=agents[0], body="Looking into it")
    thread_close(thread=thread, by=agents[0], role=Role.SELLER)
    assert ResponseClock.objects.get(thread=thread).is_open


def test_a_status_update_answers(team):
    thread = open_thread(team, FRIDAY)
    with time_machine.travel(at(3, 11), tick=False):
        status_update_post(
            order=thread.order, author=team[1][0], thread=thread, update={"type": "return_received"}
        )
    clock = ResponseClock.objects.get(thread=thread)
    assert clock.on_time is True
    assert clock.response_seconds == 3600


def test_the_next_buyer_message_after_an_answer_opens_a_new_clock(team):
    thread = open_thread(team, FRIDAY)
    message_post(thread=thread, author=team[1][0], role=Role.SELLER, body="Answer")
    message_post(thread=thread, author=team[2], role=Role.BUYER, body="Follow-up")
    assert ResponseClock.objects.filter(thread=thread).count() == 2
    assert ResponseClock.objects.filter(thread=thread, closed_at__isnull=True).count() == 1


def test_no_reply_needed_is_recorded_and_revocable(team):
    _seller, agents, _buyer = team
    thread = open_thread(team, FRIDAY, body="Thank you, all good!")
    with time_machine.travel(at(3, 12)):
        thread_no_reply_needed(thread=thread, by=agents[0])
    clock = ResponseClock.objects.get(thread=thread)
    assert clock.outcome == ResponseClock.Outcome.EXEMPT
    exemption = ClockExemption.objects.get(clock=clock)
    assert exemption.exempted_by == agents[0]
    thread.refresh_from_db()
    assert thread.due_at is None
    event = thread.messages.get(kind=Message.Kind.EVENT)
    assert not Message.objects.for_role(Role.BUYER).filter(pk=event.pk).exists()

    admin = UserFactory(is_staff=True)
    thread_exemption_revoke(exemption=exemption, by=admin)
    clock.refresh_from_db()
    thread.refresh_from_db()
    assert clock.is_open
    assert thread.due_at == clock.due_at
    assert sla_sweep(now=at(7, 10)).breached == 1  # the original deadline stands


def test_a_held_answer_closes_the_clock_at_its_original_time_once_approved(team):
    _seller, agents, _buyer = team
    thread = open_thread(team, FRIDAY)
    # The seller answers on Tuesday 09:00 (on time); moderation holds the reply.
    reply = Message.objects.create(
        thread=thread,
        author=agents[0],
        author_role=Role.SELLER,
        kind=Message.Kind.TEXT,
        body="Held",
        created_at=at(7, 9),
    )
    clock_hold_answer(thread_id=thread.pk, message_id=reply.pk)
    # The sweep waits while the reply is held, even past the deadline.
    assert sla_sweep(now=at(7, 15)).breached == 0
    # Approved on Tuesday afternoon.
    clock_release_answer(
        thread_id=thread.pk, message_id=reply.pk, sent_at=reply.created_at, approved=True
    )
    clock = ResponseClock.objects.get(thread=thread)
    assert clock.closed_at == at(7, 9)
    assert clock.on_time is True
    assert clock.breached_at is None


def test_a_rejected_held_answer_lets_the_clock_run_again(team):
    thread = open_thread(team, FRIDAY)
    reply = Message.objects.create(
        thread=thread,
        author=team[1][0],
        author_role=Role.SELLER,
        kind=Message.Kind.TEXT,
        body="Call me",
        created_at=at(7, 9),
    )
    clock_hold_answer(thread_id=thread.pk, message_id=reply.pk)
    clock_release_answer(
        thread_id=thread.pk, message_id=reply.pk, sent_at=reply.created_at, approved=False
    )
    assert sla_sweep(now=at(7, 15)).breached == 1


def test_the_buyer_marking_solved_closes_the_clock_unjudged(team):
    thread = open_thread(team, FRIDAY)
    thread_close(thread=thread, by=team[2], role=Role.BUYER)
    clock = ResponseClock.objects.get(thread=thread)
    assert clock.outcome == ResponseClock.Outcome.SOLVED
    assert clock.on_time is None


def test_breach_notices_go_to_the_assignee_only(team):
    from helpdesk.services import thread_assign

    _seller, agents, _buyer = team
    thread = open_thread(team, FRIDAY)
    thread_assign(thread=thread, by=agents[0], assignee=agents[1])
    sla_sweep(now=at(7, 10))
    notices = Notification.objects.filter(kind="breach")
    assert list(notices.values_list("recipient", flat=True)) == [agents[1].pk]


def test_a_notice_answered_before_sending_is_not_sent(team):
    thread = open_thread(team, FRIDAY)
    sla_sweep(now=at(7, 10))
    message_post(thread=thread, author=team[1][0], role=Role.SELLER, body="Done")
    mail.outbox.clear()
    notifications_send_pending(older_than=timedelta(0))
    assert [m for m in mail.outbox if "deadline" in m.subject] == []


def test_sweep_works_in_small_batches(team):
    for i in range(7):
        open_thread(team, FRIDAY + timedelta(minutes=i))
    result = sla_sweep(now=at(8, 12), batch=3)
    assert result.breached == 7
    assert ResponseClock.objects.filter(breached_at__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_record_each_breach_once(team):
    for i in range(40):
        open_thread(team, FRIDAY + timedelta(minutes=i))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait()
            results.append(sla_sweep(now=at(8, 12), batch=5))
        except Exception as error:  # reported by the assert below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    assert sum(r.breached for r in results) == 40
    assert sum(r.notices for r in results) == 80
    assert Notification.objects.filter(kind="breach").count() == 80
    assert ResponseClock.objects.filter(breached_at__isnull=True).count() == 0
