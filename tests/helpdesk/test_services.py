import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction

from helpdesk.models import Message, ReplyState, Role, Thread, Topic
from helpdesk.services import (
    HelpdeskError,
    message_post,
    note_post,
    status_update_post,
    thread_assign,
    thread_close,
    thread_escalate,
    thread_no_reply_needed,
    thread_open,
    thread_reopen,
)
from helpdesk.summary import daily_summary_send
from orders.models import Order
from outbox.models import Notification
from sla.calendar import response_deadline
from sla.models import ResponseClock
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FRIDAY_EVENING = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # 18:00 in Paris


def reply(world, body="Hello", **kwargs):
    return message_post(
        thread=world.thread, author=world.seller_agent, role=Role.SELLER, body=body, **kwargs
    )


def test_a_buyer_request_waits_for_the_seller_until_the_business_day_deadline(world):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        thread = thread_open(
            order=world.order, buyer=world.buyer, topic=Topic.DELIVERY, body="Where is it?"
        )
    assert thread.awaiting_reply_since == FRIDAY_EVENING
    assert thread.due_at == response_deadline(FRIDAY_EVENING, "FR")
    assert thread.due_at == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # Monday 18:00 Paris
    assert thread.seller_id == world.order.seller_id
    assert thread.market_id == "FR"


def test_a_second_buyer_message_does_not_restart_the_clock(world):
    first_due = world.thread.due_at
    with time_machine.travel(world.thread.awaiting_reply_since + timedelta(hours=3)):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Any news?")
    world.thread.refresh_from_db()
    assert world.thread.due_at == first_due


@pytest.mark.parametrize("kind", ["reply", "status_update"])
def test_a_seller_reply_or_status_update_answers_the_buyer(world, kind):
    if kind == "reply":
        reply(world)
    else:
        status_update_post(
            order=world.order,
            author=world.seller_agent,
            update={"type": "return_received"},
            thread=world.thread,
        )
    world.thread.refresh_from_db()
    assert world.thread.awaiting_reply_since is None
    assert world.thread.due_at is None


def test_internal_notes_and_events_do_not_answer_the_buyer(world):
    note_post(thread=world.thread, author=world.seller_agent, body="Check the warehouse")
    thread_assign(thread=world.thread, by=world.seller_agent, assignee=world.seller_agent)
    world.thread.refresh_from_db()
    assert world.thread.awaiting_reply_since is not None


def test_posting_twice_with_one_key_creates_one_message(world):
    key = uuid.uuid4()
    first = reply(world, idempotency_key=key)
    second = reply(world, idempotency_key=key)
    assert first.pk == second.pk
    assert world.thread.messages.filter(kind=Message.Kind.TEXT, author_role="seller").count() == 1


def test_opening_twice_with_one_key_opens_one_thread(world):
    key = uuid.uuid4()
    first = thread_open(
        order=world.order, buyer=world.buyer, topic="other", body="Hi", open_key=key
    )
    second = thread_open(
        order=world.order, buyer=world.buyer, topic="other", body="Hi", open_key=key
    )
    assert first.pk == second.pk
    assert first.messages.count() == 1


def test_only_the_buyer_of_an_order_can_open_a_request(world):
    with pytest.raises(HelpdeskError):
        thread_open(order=world.order, buyer=world.other_buyer, topic="other", body="Hi")
    with pytest.raises(HelpdeskError):
        thread_open(order=world.order, buyer=world.buyer, topic=Topic.ORDER_UPDATES, body="Hi")


def test_a_shipped_update_records_the_shipment_on_the_order(world):
    order = world.order
    order.shipments.all().delete()
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PLACED)
    message = status_update_post(
        order=order,
        author=world.seller_agent,
        thread=world.thread,
        update={
            "type": "shipped",
            "carrier": "dpd",
            "tracking_number": "01234567890123",
            "estimated_delivery": date(2026, 12, 3),
        },
    )
    assert message.data == {
        "carrier": "dpd",
        "estimated_delivery": "2026-12-03",
        "tracking_number": "01234567890123",
        "type": "shipped",
    }
    shipment = order.shipments.get()
    assert shipment.tracking_number == "01234567890123"
    assert shipment.estimated_delivery == date(2026, 12, 3)
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED


@pytest.mark.parametrize(
    ("update", "missing"),
    [
        ({"type": "shipped", "carrier": "dpd", "tracking_number": "1"}, "Estimated delivery"),
        (
            {"type": "shipped", "carrier": "dpd", "estimated_delivery": date(2026, 1, 1)},
            "Tracking number",
        ),
        ({"type": "refund_issued", "amount": Decimal("5.00")}, "Currency"),
    ],
)
def test_status_updates_need_their_fields(world, update, missing):
    with pytest.raises(HelpdeskError, match=missing):
        status_update_post(
            order=world.order, author=world.seller_agent, update=update, thread=world.thread
        )


def test_only_the_seller_team_posts_status_updates(world):
    with pytest.raises(HelpdeskError):
        status_update_post(
            order=world.order, author=world.other_seller_agent, update={"type": "repair_started"}
        )
    with pytest.raises(HelpdeskError):
        status_update_post(order=world.order, author=world.buyer, update={"type": "repair_started"})


SHIPPED = {
    "type": "shipped",
    "carrier": "dpd",
    "tracking_number": "01234567890123",
    "estimated_delivery": date(2026, 12, 3),
}
REFUND = {"type": "refund_issued", "amount": Decimal("5.00"), "currency": "EUR"}


def test_a_proactive_update_opens_the_order_updates_thread_once(world):
    first = status_update_post(order=world.order, author=world.seller_agent, update=SHIPPED)
    second = status_update_post(order=world.order, author=world.seller_agent, update=REFUND)
    assert first.thread_id == second.thread_id
    thread = first.thread
    assert thread.topic == Topic.ORDER_UPDATES
    assert thread.buyer_id == world.buyer.pk
    assert thread.awaiting_reply_since is None


def test_a_seller_cannot_write_free_text_in_order_updates(world):
    message = status_update_post(order=world.order, author=world.seller_agent, update=SHIPPED)
    with pytest.raises(HelpdeskError):
        message_post(
            thread=message.thread,
            author=world.seller_agent,
            role=Role.SELLER,
            body="Buy our new collection!",
        )


def test_internal_notes_are_never_shown_to_the_buyer(world):
    note_post(thread=world.thread, author=world.seller_agent, body="Customer is difficult")
    buyer_view = Message.objects.for_role(Role.BUYER).filter(thread=world.thread)
    seller_view = Message.objects.for_role(Role.SELLER).filter(thread=world.thread)
    assert not buyer_view.filter(kind=Message.Kind.INTERNAL_NOTE).exists()
    assert seller_view.filter(kind=Message.Kind.INTERNAL_NOTE).exists()
    assert not Notification.objects.filter(recipient=world.buyer).exists()


def test_assignment_is_recorded_and_limited_to_the_team(world):
    thread_assign(thread=world.thread, by=world.seller_agent, assignee=world.seller_agent)
    world.thread.refresh_from_db()
    assert world.thread.assignee == world.seller_agent
    event = world.thread.messages.get(kind=Message.Kind.EVENT)
    assert event.data["event"] == "assigned"
    assert not Message.objects.for_role(Role.BUYER).filter(pk=event.pk).exists()
    with pytest.raises(HelpdeskError):
        thread_assign(thread=world.thread, by=world.seller_agent, assignee=world.other_buyer)


def test_close_and_reopen_are_events_and_closing_twice_is_harmless(world):
    thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    thread_reopen(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    events = list(
        world.thread.messages.filter(kind=Message.Kind.EVENT).values_list("data__event", flat=True)
    )
    assert events == ["closed", "reopened"]


def test_buyer_marking_solved_stops_waiting_for_the_seller(world):
    thread = thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    assert thread.awaiting_reply_since is None
    assert thread.closed_by_role == Role.BUYER


def test_buyer_can_reopen_within_30_days_only(world):
    thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    with time_machine.travel(timedelta(days=31)), pytest.raises(HelpdeskError, match="30 days"):
        thread_reopen(thread=world.thread, by=world.buyer, role=Role.BUYER)
    with time_machine.travel(timedelta(days=29)):
        assert thread_reopen(thread=world.thread, by=world.buyer, role=Role.BUYER).is_open


def test_solve_then_reopen_puts_the_request_back_with_a_deadline_from_the_reopening(world):
    """Issue 10 (1). Failed before: the reopened thread had no deadline, left "awaiting our
    reply" and read "Answered" on both sides."""
    t0 = world.thread.awaiting_reply_since
    with time_machine.travel(t0 + timedelta(hours=1), tick=False):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Any news?")
    with time_machine.travel(t0 + timedelta(hours=2), tick=False):
        thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    reopened = t0 + timedelta(days=3, hours=2)
    with time_machine.travel(reopened, tick=False):
        thread_reopen(thread=world.thread, by=world.buyer, role=Role.BUYER)
    thread = Thread.objects.get(pk=world.thread.pk)
    assert thread.awaiting_reply_since == reopened
    assert thread.due_at == response_deadline(reopened, "FR")
    assert thread.reply_state == ReplyState.AWAITING
    assert thread in Thread.objects.awaiting_seller()
    clock = ResponseClock.objects.get(thread=thread, closed_at__isnull=True)
    reopen_event = thread.messages.get(data__event="reopened")
    assert (clock.opened_at, clock.opened_by_id) == (reopened, reopen_event.pk)
    # The seller's team hears of it.
    assert Notification.objects.filter(message=reopen_event, recipient=world.seller_agent)


def test_reopening_while_a_clock_runs_keeps_its_earlier_deadline(world):
    due = world.thread.due_at
    thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    thread_reopen(thread=world.thread, by=world.buyer, role=Role.BUYER)
    world.thread.refresh_from_db()
    assert world.thread.due_at == due
    assert ResponseClock.objects.filter(thread=world.thread).count() == 1


def test_nothing_reads_answered_unless_the_seller_answered(world):
    thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    world.thread.refresh_from_db()
    assert world.thread.reply_state == ReplyState.SOLVED
    thread_reopen(thread=world.thread, by=world.buyer, role=Role.BUYER)
    thread_no_reply_needed(thread=world.thread, by=world.seller_agent)
    world.thread.refresh_from_db()
    assert world.thread.reply_state == ReplyState.NO_REPLY_NEEDED
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Hello?")
    reply(world)
    world.thread.refresh_from_db()
    assert world.thread.reply_state == ReplyState.ANSWERED


def test_a_seller_reopens_only_what_it_closed_and_within_the_window(world):
    """Issue 10 (7). Failed before: a seller could reopen any buyer-closed thread at any
    time and write in it."""
    thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    with pytest.raises(HelpdeskError, match="Only the buyer can reopen"):
        thread_reopen(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    thread_reopen(thread=world.thread, by=world.buyer, role=Role.BUYER)
    thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    with time_machine.travel(timedelta(days=31)), pytest.raises(HelpdeskError, match="30 days"):
        thread_reopen(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    assert thread_reopen(thread=world.thread, by=world.seller_agent, role=Role.SELLER).is_open


def test_unprompted_updates_fit_the_order_and_are_rationed(world, settings):
    """Issue 10 (7). Failed before: any number of any update on a delivered order."""
    settings.SELLER_UPDATES = {"per_day": 2, "per_order": 3, "days_after_order": 60}
    post = lambda update: status_update_post(  # noqa: E731
        order=world.order, author=world.seller_agent, update=update
    )
    with pytest.raises(HelpdeskError, match="is an answer"):
        post({"type": "repair_started"})
    Order.objects.filter(pk=world.order.pk).update(status=Order.Status.DELIVERED)
    world.order.refresh_from_db()
    with pytest.raises(HelpdeskError, match="does not fit"):
        post(SHIPPED)
    post(REFUND)
    post({"type": "return_received"})
    with pytest.raises(HelpdeskError, match="a day"):
        post(REFUND)
    with time_machine.travel(timedelta(days=1, minutes=1)):
        post(REFUND)
        with pytest.raises(HelpdeskError, match="the most allowed"):
            post(REFUND)
    settings.SELLER_UPDATES = {"per_day": 9, "per_order": 9, "days_after_order": 60}
    with time_machine.travel(timedelta(days=61)), pytest.raises(HelpdeskError, match="60 days"):
        post(REFUND)
    # Answers in a buyer's request are never rationed.
    for _ in range(4):
        status_update_post(
            order=world.order,
            author=world.seller_agent,
            update={"type": "repair_started"},
            thread=world.thread,
        )


def test_writing_in_a_closed_thread_is_refused(world):
    thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    with pytest.raises(HelpdeskError):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Hi")


def test_escalation_needs_a_missed_deadline_or_a_disputed_closing(world):
    with pytest.raises(HelpdeskError):
        thread_escalate(thread=world.thread, buyer=world.buyer, reason="No answer")
    with time_machine.travel(world.thread.due_at + timedelta(minutes=1)):
        thread = thread_escalate(thread=world.thread, buyer=world.buyer, reason="No answer")
        assert thread.escalated_at is not None
        with pytest.raises(HelpdeskError):  # once
            thread_escalate(thread=world.thread, buyer=world.buyer, reason="Again")
    staff = Notification.objects.filter(kind=Notification.Kind.ESCALATION)
    assert list(staff.values_list("recipient", flat=True)) == [world.platform_admin.pk]


def test_buyer_can_escalate_a_thread_the_seller_closed(world):
    reply(world)
    thread_close(thread=world.thread, by=world.seller_agent, role=Role.SELLER)
    thread = thread_escalate(thread=world.thread, buyer=world.buyer, reason="Not solved")
    assert thread.escalated_at is not None
    event = thread.messages.get(data__event="escalated")
    assert (event.author, event.body) == (world.buyer, "Not solved")
    assert Notification.objects.filter(kind="escalation", recipient=world.platform_admin)


def test_another_buyer_cannot_escalate(world):
    with (
        time_machine.travel(world.thread.due_at + timedelta(minutes=1)),
        pytest.raises(HelpdeskError),
    ):
        thread_escalate(thread=world.thread, buyer=world.other_buyer, reason="x")


@pytest.mark.parametrize("table", ["helpdesk_message", "helpdesk_attachment"])
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET created_at = now()", "DELETE FROM {table}"],
)
def test_history_cannot_be_altered_even_with_raw_sql(world, table, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table))
    assert Message.objects.filter(thread=world.thread).exists()


def test_a_message_body_cannot_be_edited_through_the_orm(world):
    message = world.thread.messages.first()
    message.body = "rewritten history"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        message.save()


def test_a_thread_with_messages_cannot_be_deleted(world):
    # Django's foreign keys are checked at commit; ask for the check now.
    sql = f"SET CONSTRAINTS ALL IMMEDIATE; DELETE FROM helpdesk_thread WHERE id = {world.thread.pk}"
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_a_suspended_seller_can_still_answer(world):
    seller = world.order.seller
    seller.status = seller.Status.SUSPENDED
    seller.save()
    message = reply(world, body="We are still here for you.")
    assert Message.objects.for_role(Role.BUYER).filter(pk=message.pk).exists()
    world.thread.refresh_from_db()
    assert world.thread.reply_state == ReplyState.ANSWERED


def test_threads_visible_to_each_persona(world):
    assert set(Thread.objects.visible_to(world.buyer)) == {world.thread}
    assert set(Thread.objects.visible_to(world.seller_agent)) == {world.thread}
    assert set(Thread.objects.visible_to(world.other_seller_agent)) == {world.other_thread}
    assert not Thread.objects.visible_to(world.platform_admin).exists()
    assert not Thread.objects.visible_to(UserFactory()).exists()


def staff_in(role):
    user = UserFactory(is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def test_escalations_and_the_daily_summary_reach_the_moderators(world, mailoutbox):
    """Not every staff account: the moderators (and superusers), who act on them."""
    moderator, auditor, nobody = staff_in("Moderator"), staff_in("Auditor"), staff_in(None)
    with time_machine.travel(world.thread.due_at + timedelta(minutes=1)):
        thread_escalate(thread=world.thread, buyer=world.buyer, reason="No answer")
    told = set(
        Notification.objects.filter(kind=Notification.Kind.ESCALATION).values_list(
            "recipient", flat=True
        )
    )
    assert told == {moderator.pk, world.platform_admin.pk}
    daily_summary_send()
    summary_to = {address for mail in mailoutbox for address in mail.to}
    assert moderator.email in summary_to
    assert not {auditor.email, nobody.email} & summary_to
