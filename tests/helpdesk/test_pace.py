"""Posting limits (helpdesk.rules.posting_refusal), with the limits of production."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from helpdesk.models import Message, Role
from helpdesk.rules import posting_refusal
from helpdesk.services import TooFast, message_post, note_post, thread_open
from tests.factories import UserFactory, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_limits(settings):
    settings.POSTING_LIMITS = PRODUCTION


PRODUCTION = {
    "per_user": [(10, 5), (60, 12), (3600, 300), (86400, 2000)],
    "per_thread": [(60, 5), (3600, 40)],
}
LATER = timedelta(minutes=5)  # after the fixture's own messages


def test_the_production_limits_are_these():
    from config import settings as production

    assert production.POSTING_LIMITS == PRODUCTION


def test_a_burst_of_replies_is_refused_with_a_clear_reason(world):
    """Issue 11 (5). Failed before: 20 replies in 2 seconds were all accepted."""
    now = timezone.now() + LATER
    with time_machine.travel(now, tick=False):
        for i in range(5):
            message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body=f"{i}")
        with pytest.raises(TooFast, match="5 messages in 10 seconds"):
            message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="6")
    # A minute later the same conversation is still limited (5 a minute per conversation)…
    with (
        time_machine.travel(now + timedelta(seconds=30), tick=False),
        pytest.raises(TooFast, match="1 minute"),
    ):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="7")
    # …and free again after it.
    with time_machine.travel(now + timedelta(seconds=61), tick=False):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="8")


def test_a_long_run_of_posts_is_refused_by_the_hour(world):
    """Issue 11 (5). Failed before: 256 posts in a row were accepted. A run paced to pass
    every short window is stopped by the hour: 299 notes over 50 minutes (written directly),
    the 300th is accepted, the 301st is not."""
    start = timezone.now() + LATER
    Message.objects.bulk_create(
        Message(
            thread=world.thread,
            author=world.seller_agent,
            author_role=Role.SELLER,
            kind=Message.Kind.INTERNAL_NOTE,
            body=f"note {i}",
            created_at=start + timedelta(seconds=10 * i),
        )
        for i in range(299)
    )
    last = start + timedelta(minutes=59)
    note_post(thread=world.other_thread, author=world.seller_agent, body="300th", at=last)
    with pytest.raises(TooFast, match="300 messages in 1 hour"):
        note_post(
            thread=world.other_thread,
            author=world.seller_agent,
            body="301st",
            at=last + timedelta(seconds=20),
        )


def test_a_seller_answering_buyer_after_buyer_at_a_normal_pace_is_never_blocked(world):
    """One answer every 15 seconds (a saved reply) for an hour, buyer after buyer (ten of
    them, in turn): 240 answers, none refused. The first 230 are written directly (the
    service's own path is the last ten's)."""
    start = timezone.now() + LATER
    threads = []
    for _ in range(10):
        buyer = UserFactory()
        order = make_order(buyer=buyer, seller=world.order.seller)
        threads.append(thread_open(order=order, buyer=buyer, topic="delivery", body="?", at=start))
    Message.objects.bulk_create(
        Message(
            thread=threads[i % len(threads)],
            author=world.seller_agent,
            author_role=Role.SELLER,
            body="Here is the answer.",
            created_at=start + timedelta(seconds=15 * i + 1),
        )
        for i in range(230)
    )
    for i in range(230, 240):
        at = start + timedelta(seconds=15 * i + 1)
        thread = threads[i % len(threads)]
        assert posting_refusal(world.seller_agent, thread.pk, at) is None
        message_post(
            thread=thread,
            author=world.seller_agent,
            role=Role.SELLER,
            body="Here is the answer.",
            at=at,
        )
    assert Message.objects.filter(author=world.seller_agent).count() == 240


def test_the_page_keeps_the_text_and_says_why(world, client):
    client.force_login(world.seller_agent)
    url = reverse("helpdesk:reply", args=[world.thread.pk])
    for i in range(5):
        client.post(url, {"body": f"Hello {i}", "idempotency_key": uuid.uuid4()})
    response = client.post(url, {"body": "My long careful text", "idempotency_key": uuid.uuid4()})
    assert response.status_code == 429
    html = response.content.decode()
    assert "You are writing faster than the platform allows" in html
    assert "My long careful text" in html


def test_a_double_submit_is_never_counted_as_too_fast(world):
    key = uuid.uuid4()
    post = lambda body, key=None: message_post(  # noqa: E731
        thread=world.thread,
        author=world.seller_agent,
        role=Role.SELLER,
        body=body,
        idempotency_key=key,
    )
    with time_machine.travel(timezone.now() + LATER, tick=False):
        for i in range(4):
            post(f"{i}")
        first = post("x", key)
        assert post("x", key).pk == first.pk
