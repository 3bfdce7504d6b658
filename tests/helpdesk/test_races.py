"""Two requests at the same moment: the database, not luck, keeps one message."""

import threading
import time
import uuid

import pytest
from django.db import connection, transaction

from helpdesk.invariants import thread_activity_check, thread_clock_check
from helpdesk.models import Message, ReplyState, Role, Thread
from helpdesk.services import message_post, status_update_post, thread_open
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(target, n=2):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # reported by the assert below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)
    assert errors == []
    return results


def test_a_double_submitted_reply_creates_one_message():
    buyer = UserFactory()
    order = make_order(buyer=buyer, seller=SellerFactory())
    thread = thread_open(order=order, buyer=buyer, topic="delivery", body="Where is it?")
    key = uuid.uuid4()
    results = run_together(
        lambda: message_post(
            thread=thread, author=buyer, role=Role.BUYER, body="Again?", idempotency_key=key
        )
    )
    assert len({m.pk for m in results}) == 1
    assert Message.objects.filter(body="Again?").count() == 1


def test_a_double_submitted_request_opens_one_thread():
    buyer = UserFactory()
    order = make_order(buyer=buyer, seller=SellerFactory())
    key = uuid.uuid4()
    results = run_together(
        lambda: thread_open(order=order, buyer=buyer, topic="return", body="Broken", open_key=key)
    )
    assert len({t.pk for t in results}) == 1
    assert Thread.objects.filter(order=order).count() == 1
    assert Message.objects.filter(thread__order=order).count() == 1


def test_a_status_update_waiting_for_the_thread_is_dated_after_what_was_posted_meanwhile():
    """Found by `make loadtest`'s invariants: a seller's status update took its time before
    waiting for the thread's lock, so a buyer message posted meanwhile came first with a
    later time. The update was then dated before it (the thread's activity went back in
    time) and did not answer the clock that message opened."""
    buyer = UserFactory()
    agent = SellerMemberFactory().user
    order = make_order(buyer=buyer, seller=agent.memberships.get().seller)
    thread = thread_open(order=order, buyer=buyer, topic="warranty", body="It is broken")
    message_post(thread=thread, author=agent, role=Role.SELLER, body="Send it to us.")
    updates = []

    def update():
        try:
            updates.append(
                status_update_post(
                    order=order, author=agent, update={"type": "repair_started"}, thread=thread
                )
            )
        finally:
            connection.close()

    with transaction.atomic():
        Thread.objects.select_for_update().get(pk=thread.pk)  # the update waits for this
        waiting = threading.Thread(target=update)
        waiting.start()
        for _ in range(200):
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0]:
                    break
            time.sleep(0.05)
        asked = message_post(thread=thread, author=buyer, role=Role.BUYER, body="Any news?")
    waiting.join(timeout=30)
    (answer,) = updates
    assert answer.created_at > asked.created_at
    thread.refresh_from_db()
    assert thread.last_activity_at == answer.created_at
    assert thread.reply_state == ReplyState.ANSWERED
    assert thread_activity_check().holds
    assert thread_clock_check().holds
