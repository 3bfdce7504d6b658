""" "Was this answered?": the buyer's one-click verdict on a seller's reply (issue 15)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from helpdesk.models import Role
from helpdesk.services import (
    HelpdeskError,
    answer_rate,
    message_post,
    status_update_post,
    thread_close,
)
from outbox.models import Notification
from sla.calendar import response_deadline
from sla.models import AnswerRating, ResponseClock

pytestmark = pytest.mark.django_db


def answered(world, body="It left today, tracking 123."):
    return message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body=body)


def rate(client, world, reply, verdict):
    url = reverse("helpdesk:rate", args=[world.thread.pk])
    return client.post(url, {"reply": reply.pk, "answered": verdict})


def test_the_buyer_is_asked_after_a_seller_reply_and_only_then(world, client):
    client.force_login(world.buyer)
    url = reverse("helpdesk:thread", args=[world.thread.pk])
    assert 'id="rate"' not in client.get(url).content.decode()  # nothing answered yet
    reply = answered(world)
    html = client.get(url).content.decode()
    assert 'id="rate"' in html
    assert f'value="{reply.pk}"' in html
    client.force_login(world.seller_agent)
    assert 'id="rate"' not in client.get(url).content.decode()  # the buyer's question only


def test_no_keeps_the_request_waiting_with_a_new_deadline_from_the_verdict(world, client):
    reply = answered(world)
    world.thread.refresh_from_db()
    assert world.thread.awaiting_reply_since is None
    # Days later, late on a Friday in Paris: the deadline runs over the weekend.
    later = timezone.now() + timedelta(days=3)
    verdict_at = (later + timedelta(days=(4 - later.weekday()) % 7)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    client.force_login(world.buyer)
    with time_machine.travel(verdict_at, tick=False):
        response = rate(client, world, reply, "no")
    assert response.status_code == 302
    world.thread.refresh_from_db()
    assert world.thread.is_open
    assert world.thread.awaiting_reply_since == verdict_at
    assert world.thread.due_at == response_deadline(verdict_at, world.thread.market_id)
    clock = ResponseClock.objects.get(thread=world.thread, closed_at__isnull=True)
    assert clock.opened_at == verdict_at
    assert not AnswerRating.objects.get(reply=reply).answered
    # The seller's team is told, and the timeline says it to both sides.
    assert Notification.objects.filter(message__data__event="answer_rated").exists()
    client.force_login(world.seller_agent)
    seller_page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert "did not answer the question: a new answer is due" in seller_page


def test_yes_records_the_verdict_and_owes_nothing(world, client):
    reply = answered(world)
    client.force_login(world.buyer)
    rate(client, world, reply, "yes")
    world.thread.refresh_from_db()
    assert world.thread.awaiting_reply_since is None
    assert AnswerRating.objects.get(reply=reply).answered
    assert not ResponseClock.objects.filter(thread=world.thread, closed_at__isnull=True).exists()
    page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert 'id="rate"' not in page  # once per reply


def test_a_double_click_records_one_verdict(world, client):
    reply = answered(world)
    client.force_login(world.buyer)
    rate(client, world, reply, "no")
    rate(client, world, reply, "no")
    assert AnswerRating.objects.filter(reply=reply).count() == 1
    assert ResponseClock.objects.filter(thread=world.thread, closed_at__isnull=True).count() == 1


def test_only_the_latest_reply_of_an_open_request_can_be_rated(world):
    first = answered(world, "First answer")
    second = status_update_post(
        order=world.order,
        author=world.seller_agent,
        thread=world.thread,
        update={"type": "repair_started"},
    )
    with pytest.raises(HelpdeskError):
        answer_rate(thread=world.thread, buyer=world.buyer, reply_id=first.pk, answered=False)
    answer_rate(thread=world.thread, buyer=world.buyer, reply_id=second.pk, answered=True)
    message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body="Thanks!")
    third = answered(world, "You are welcome")
    thread_close(thread=world.thread, by=world.buyer, role=Role.BUYER)
    with pytest.raises(HelpdeskError):
        answer_rate(thread=world.thread, buyer=world.buyer, reply_id=third.pk, answered=False)


def test_a_stranger_cannot_rate(world, client):
    reply = answered(world)
    client.force_login(world.other_buyer)
    assert rate(client, world, reply, "no").status_code == 404
    assert not AnswerRating.objects.exists()


def test_the_rate_of_not_answered_is_on_the_performance_page_and_in_the_admin(world, client):
    first = answered(world, "First")
    answer_rate(thread=world.thread, buyer=world.buyer, reply_id=first.pk, answered=False)
    second = answered(world, "Second")
    answer_rate(thread=world.thread, buyer=world.buyer, reply_id=second.pk, answered=True)
    client.force_login(world.seller_agent)
    html = client.get(reverse("sla:performance")).content.decode()
    tile = html[html.index('id="not-answered"') :]
    assert "50" in tile[: tile.index("</div>\n  </div>")]
    assert "1 of 2 replies rated by buyers did not answer their question" in html
    client.force_login(world.platform_admin)
    admin = client.get(reverse("admin:sla_answerrating_changelist")).content.decode()
    assert "“Did not answer”: 50" in admin
    assert "(1 of 2)" in admin
