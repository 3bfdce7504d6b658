from datetime import timedelta

import pytest
from django.core import mail

from accounts.models import SellerMember
from config.celery import app
from helpdesk.models import Role
from helpdesk.services import message_post, note_post, status_update_post, thread_assign
from outbox.models import Notification
from outbox.sending import (
    notification_digests_send,
    notification_send,
    notifications_send_pending,
)
from sla.sweep import sla_sweep
from tests.factories import SellerMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_celery():
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_a_buyer_message_emails_the_seller_team_after_commit(
    world, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message_post(
            thread=world.thread,
            author=world.buyer,
            role=Role.BUYER,
            body="Any news about my return?",
        )
    # The whole team, owner and agent (nobody is assigned).
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.seller_agent.email, world.seller_owner.email]
    )
    email = mail.outbox[0]
    assert "2026-100-0001" in email.subject
    assert "Any news about my return?" in email.body
    assert f"/threads/{world.thread.pk}/" in email.body
    assert email.extra_headers["Auto-Submitted"] == "auto-generated"
    sent = Notification.objects.filter(message__body="Any news about my return?")
    assert all(n.sent_at for n in sent)


def test_the_buyer_hears_of_a_seller_reply_in_their_language(
    world, eager_celery, django_capture_on_commit_callbacks
):
    world.buyer.preferred_language = "fr"
    world.buyer.save()
    with django_capture_on_commit_callbacks(execute=True):
        message_post(
            thread=world.thread,
            author=world.seller_agent,
            role=Role.SELLER,
            body="We will send a return label.",
        )
    (email,) = mail.outbox
    assert email.to == [world.buyer.email]
    assert "Bonjour" in email.body
    assert "We will send a return label." in email.body


def test_status_updates_are_emailed_as_cards(
    world, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        status_update_post(
            order=world.order,
            author=world.seller_agent,
            thread=world.thread,
            update={"type": "refund_issued", "amount": "12.50", "currency": "EUR"},
        )
    (email,) = mail.outbox
    assert "Refund issued" in email.body
    assert "12,50\xa0€" in email.body


def test_internal_notes_never_reach_the_buyer_by_email(
    world, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note_post(thread=world.thread, author=world.seller_agent, body="SECRET NOTE")
    assert mail.outbox == []
    assert (
        not Notification.objects.exists()
        or not Notification.objects.filter(recipient=world.buyer).exists()
    )


def test_an_assigned_thread_notifies_only_the_assignee(world):
    colleague = SellerMemberFactory(seller=world.order.seller).user
    thread_assign(thread=world.thread, by=world.seller_agent, assignee=colleague)
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Hello?")
    recipients = set(
        Notification.objects.filter(message__body="Hello?").values_list("recipient", flat=True)
    )
    assert recipients == {colleague.pk}


def test_each_notification_is_sent_once(world):
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Hello?")
    notification = Notification.objects.get(message__body="Hello?", recipient=world.seller_agent)
    assert notification_send(notification.pk) is True
    assert notification_send(notification.pk) is False
    assert len(mail.outbox) == 1


def test_the_retry_job_sends_what_the_task_did_not(world):
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Hello?")
    assert mail.outbox == []  # no worker ran the task
    assert notifications_send_pending(older_than=timedelta(0)) >= 1
    assert any("Hello?" in m.body for m in mail.outbox)


def test_hourly_digest_groups_messages_in_one_email(world):
    notifications_send_pending(older_than=timedelta(0))  # the world's opening messages
    mail.outbox.clear()
    SellerMember.objects.filter(seller=world.order.seller).update(
        notification_mode=SellerMember.Notify.HOURLY
    )
    for text in ("First question", "Second question"):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body=text)
    assert notifications_send_pending(older_than=timedelta(0)) == 0
    assert notification_digests_send() == 2  # one for each member of the team
    email = next(m for m in mail.outbox if m.to == [world.seller_agent.email])
    assert "2 helpdesk notices" in email.subject
    assert email.body.count("new message from the buyer") == 2
    assert notification_digests_send() == 0


def test_the_sweep_follows_each_members_choice_of_digest(world):
    """Issue 10 (4): the sweep's notices were always immediate (test failed before: the
    breach notice of an hourly member had digest=False)."""
    hourly = SellerMemberFactory(
        seller=world.order.seller, notification_mode=SellerMember.Notify.HOURLY
    ).user
    sla_sweep(now=world.thread.due_at + timedelta(minutes=1))
    notices = dict(
        Notification.objects.filter(kind="breach", thread=world.thread).values_list(
            "recipient", "digest"
        )
    )
    assert notices == {world.seller_agent.pk: False, world.seller_owner.pk: False, hourly.pk: True}
    notifications_send_pending(older_than=timedelta(0))
    mail.outbox.clear()
    assert notification_digests_send() == 1
    (email,) = mail.outbox
    assert email.to == [hourly.email]
    assert "the answer deadline has passed" in email.body


def test_a_digest_leaves_out_notices_answered_since(world):
    SellerMember.objects.filter(user=world.seller_agent).update(
        notification_mode=SellerMember.Notify.HOURLY
    )
    sla_sweep(now=world.thread.due_at + timedelta(minutes=1))
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="Done")
    digest_rows = Notification.objects.filter(thread=world.thread, kind="breach", digest=True)
    assert digest_rows.exists()
    mail.outbox.clear()
    notification_digests_send()
    assert not any("deadline has passed" in m.body for m in mail.outbox)
    assert not digest_rows.filter(sent_at__isnull=True).exists()
