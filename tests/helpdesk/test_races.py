"""Two requests at the same moment: the database, not luck, keeps one message."""

import threading
import uuid

import pytest
from django.db import connection

from helpdesk.models import Message, Role, Thread
from helpdesk.services import message_post, thread_open
from tests.factories import SellerFactory, UserFactory, make_order

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
