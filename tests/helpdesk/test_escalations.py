"""Escalations handled by the platform (issue 12): the queue, taking a case over (and what
that does to the seller's clock), writing as the platform, deciding, and who may do it."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from helpdesk.models import Escalation, Message, ReplyState, Role, Thread
from helpdesk.rules import reopen_refusal
from helpdesk.services import (
    HelpdeskError,
    escalation_resolve,
    escalation_take_over,
    message_post,
    platform_message_post,
    thread_close,
    thread_escalate,
)
from helpdesk.summary import daily_summary_send, escalation_figures
from outbox.models import Notification
from outbox.sending import notification_send
from sla.judgement import Verdict
from sla.models import ResponseClock
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def staff_in(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def escalate_overdue(world, minutes=5):
    late = world.thread.due_at + timedelta(minutes=minutes)
    with time_machine.travel(late, tick=False):
        thread_escalate(thread=world.thread, buyer=world.buyer, reason="No answer for days")
    world.thread.refresh_from_db()
    return late


def test_an_escalation_is_recorded_and_queued_oldest_first(world):
    late = escalate_overdue(world)
    escalation = Escalation.objects.get(thread=world.thread)
    assert (escalation.raised_at, escalation.market_id) == (late, "FR")
    assert escalation.reason.data["event"] == "escalated"
    assert list(Escalation.objects.unresolved()) == [escalation]


def test_taking_over_a_missed_deadline_keeps_it_missed_and_stops_the_clock(world):
    """The seller's clock stops being the measure: closed as "taken over by the platform",
    judged late because the deadline had passed; no new clock while the platform holds it."""
    moderator = staff_in("Moderator")
    late = escalate_overdue(world)
    with time_machine.travel(late + timedelta(hours=1), tick=False):
        escalation_take_over(thread=world.thread, by=moderator)
    clock = ResponseClock.objects.get(thread=world.thread)
    assert clock.outcome == ResponseClock.Outcome.PLATFORM
    assert clock.verdict(late + timedelta(days=3)) == Verdict.LATE
    world.thread.refresh_from_db()
    assert world.thread.platform_since is not None
    assert (world.thread.due_at, world.thread.reply_state) == (None, ReplyState.PLATFORM)
    # The buyer writes again: no new deadline for the seller while the platform holds it.
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Any news?")
    assert ResponseClock.objects.filter(thread=world.thread, closed_at__isnull=True).count() == 0
    world.thread.refresh_from_db()
    assert world.thread.due_at is None
    escalation = Escalation.objects.get(thread=world.thread)
    assert escalation.first_response_at == late + timedelta(hours=1)


def test_taking_over_before_the_deadline_is_not_held_against_the_seller(world):
    """Escalated after a disputed closing, the seller had not missed anything."""
    moderator = staff_in("Moderator")
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="No.")
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="But…")
    thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    thread_escalate(thread=world.thread, buyer=world.buyer, reason="Closed on me")
    escalation_take_over(thread=world.thread, by=moderator)
    clock = ResponseClock.objects.filter(thread=world.thread).latest("opened_at")
    assert clock.outcome == "platform"
    assert clock.verdict(clock.due_at + timedelta(days=1)) == Verdict.NOT_JUDGED
    world.thread.refresh_from_db()
    assert world.thread.is_open  # both sides can write again


def test_the_platform_writes_to_both_sides_screened_and_marked(world):
    moderator = staff_in("Moderator")
    escalate_overdue(world)
    Notification.objects.all().delete()
    message = platform_message_post(
        thread=world.thread, author=moderator, body="Call us at 06 12 34 56 78 if needed."
    )
    assert (message.author_role, message.kind) == (Role.PLATFORM, Message.Kind.TEXT)
    assert message.review.action == "flag"  # screened like every message, still delivered
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert world.buyer.pk in told
    assert world.seller_agent.pk in told
    buyer_page = _client(world.buyer).get(reverse("helpdesk:thread", args=[world.thread.pk]))
    assert "Marketplace support" in buyer_page.content.decode()
    assert "06 12 34 56 78" in buyer_page.content.decode()


def test_only_an_escalated_request_gets_platform_messages(world):
    with pytest.raises(HelpdeskError):
        platform_message_post(thread=world.thread, author=world.platform_admin, body="Hello")


def test_the_decision_closes_the_request_and_each_side_reads_it_in_its_language(world):
    moderator = staff_in("Moderator")
    world.buyer.preferred_language = "fr"
    world.buyer.save()
    escalate_overdue(world)
    escalation_take_over(thread=world.thread, by=moderator)
    Notification.objects.all().delete()
    escalation_resolve(
        thread=world.thread, by=moderator, outcome="refund_by_seller", note="Refund by Friday."
    )
    escalation = Escalation.objects.get(thread=world.thread)
    assert (escalation.outcome, escalation.resolved_by) == ("refund_by_seller", moderator)
    world.thread.refresh_from_db()
    assert (world.thread.status, world.thread.closed_by_role) == ("closed", Role.PLATFORM)
    assert world.thread.platform_since is None
    assert reopen_refusal(world.thread, Role.BUYER) is not None  # decided for good
    with pytest.raises(HelpdeskError):
        thread_escalate(thread=world.thread, buyer=world.buyer, reason="Again")
    with pytest.raises(HelpdeskError):
        escalation_resolve(thread=world.thread, by=moderator, outcome="claim_rejected")
    for notification in Notification.objects.filter(kind="escalation_decided"):
        notification_send(notification.pk)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "rembourse" in by_recipient[world.buyer.email].body
    assert "Refund by Friday." in by_recipient[world.buyer.email].body
    assert "you refund the buyer" in by_recipient[world.seller_agent.email].body
    page = _client(world.buyer).get(reverse("helpdesk:thread", args=[world.thread.pk]))
    assert "rembourse" in page.content.decode()


def test_a_second_moderator_cannot_take_a_case_already_taken(world):
    first, second = staff_in("Moderator"), staff_in("Moderator")
    escalate_overdue(world)
    escalation_take_over(thread=world.thread, by=first)
    escalation_take_over(thread=world.thread, by=first)  # a double click: a no-op
    with pytest.raises(HelpdeskError):
        escalation_take_over(thread=world.thread, by=second)
    assert Message.objects.filter(thread=world.thread, data__event="taken_over").count() == 1


def test_the_seller_cannot_close_an_escalated_request(world):
    escalate_overdue(world)
    with pytest.raises(HelpdeskError):
        thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)


def test_only_moderators_act_on_escalations_from_the_console(world):
    escalate_overdue(world)
    url = reverse("admin:helpdesk_thread_escalation", args=[world.thread.pk, "take_over"])
    for role in ("Auditor", "Sanctions manager"):
        assert _client(staff_in(role)).post(url).status_code == 403
    assert Thread.objects.get(pk=world.thread.pk).platform_since is None
    moderator = _client(staff_in("Moderator"))
    assert moderator.get(url).status_code == 405
    assert moderator.post(url).status_code == 302
    assert Thread.objects.get(pk=world.thread.pk).platform_since is not None
    page = moderator.get(reverse("admin:helpdesk_thread_change", args=[world.thread.pk]))
    assert page.status_code == 200
    assert "Record the decision" in page.content.decode()
    decided = moderator.post(
        reverse("admin:helpdesk_thread_escalation", args=[world.thread.pk, "resolve"]),
        {"outcome": "return_accepted", "note": ""},
    )
    assert decided.status_code == 302
    assert Escalation.objects.get(thread=world.thread).outcome == "return_accepted"


def test_the_queue_lists_undecided_cases_oldest_first_with_their_market(world):
    escalate_overdue(world)
    page = _client(staff_in("Auditor")).get(reverse("admin:helpdesk_escalation_changelist"))
    assert page.status_code == 200
    body = page.content.decode()
    assert world.order.number in body
    assert "Waiting for the platform" in body


def test_the_platforms_response_time_is_measured(world):
    moderator = staff_in("Moderator")
    late = escalate_overdue(world)
    with time_machine.travel(late + timedelta(hours=3), tick=False):
        escalation_take_over(thread=world.thread, by=moderator)
    figures = escalation_figures(late, late + timedelta(days=1))
    assert (figures.answered, figures.median_response) == (1, timedelta(hours=3))
    assert (figures.waiting, figures.taken) == (0, 1)


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_daily_summary_reports_the_escalation_queue_and_response_time(world, mailoutbox):
    moderator = staff_in("Moderator")
    late = escalate_overdue(world)
    with time_machine.travel(late + timedelta(hours=2, minutes=30), tick=False):
        escalation_take_over(thread=world.thread, by=moderator)
    with time_machine.travel(late + timedelta(hours=6), tick=False):
        daily_summary_send()
    summary = next(m for m in mailoutbox if moderator.email in m.to)
    assert "1 case taken over, not decided yet" in summary.body
    assert "median 2 h 30 min, slowest 2 h 30 min" in summary.body


def test_the_platforms_steps_read_in_words_in_the_record():
    """The evidence page and the transcripts say them alike (helpdesk.transcripts)."""
    from helpdesk.transcripts import event_text

    assert event_text({"event": "taken_over"}, Role.PLATFORM) == (
        "Took the case over for the platform."
    )
    decided = event_text({"event": "decided", "outcome": "refund_by_seller"}, Role.PLATFORM)
    assert decided == "Decided the case: Refund by the seller."
