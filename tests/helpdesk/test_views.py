import itertools
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import SellerMember
from helpdesk.models import Message, Role, SavedReply, Thread
from helpdesk.services import (
    message_post,
    note_post,
    status_update_post,
    thread_close,
    thread_open,
)
from tests.factories import UserFactory, make_order

pytestmark = pytest.mark.django_db


def open_request(world, body="Question", at=None, topic="delivery", buyer=None):
    buyer = buyer or world.buyer
    order = make_order(buyer=buyer, seller=world.order.seller)
    return thread_open(order=order, buyer=buyer, topic=topic, body=body, at=at)


def test_buyer_opens_a_request_from_the_order_page(world, client):
    client.force_login(world.buyer)
    order_page = client.get(reverse("orders:detail", args=[world.order.number]))
    contact_url = reverse("helpdesk:contact_seller", args=[world.order.number])
    assert contact_url in order_page.content.decode()
    line = world.order.lines.first()
    key = uuid.uuid4()
    data = {
        "topic": "withdrawal",
        "lines": [line.pk],
        "body": "I withdraw.",
        "idempotency_key": key,
    }
    response = client.post(contact_url, data)
    again = client.post(contact_url, data)  # a double click
    thread = Thread.objects.get(topic="withdrawal")
    assert response["Location"] == reverse("helpdesk:thread", args=[thread.pk])
    assert again["Location"] == response["Location"]
    assert list(thread.lines.all()) == [line]
    assert thread.messages.get().body == "I withdraw."


def test_contact_page_offers_the_open_requests_of_the_order_only(world, client):
    """Before opening a new request, the buyer is pointed to the ones still open about the
    same order; closed ones and other orders' are not offered."""
    closed = thread_open(order=world.order, buyer=world.buyer, topic="invoice", body="Invoice?")
    thread_close(thread=closed, by=world.buyer, role=Role.BUYER)
    elsewhere = make_order(buyer=world.buyer, seller=world.order.seller)
    other = thread_open(order=elsewhere, buyer=world.buyer, topic="delivery", body="Where?")
    client.force_login(world.buyer)
    response = client.get(reverse("helpdesk:contact_seller", args=[world.order.number]))
    assert [t.pk for t in response.context["open_threads"]] == [world.thread.pk]
    html = response.content.decode()
    assert reverse("helpdesk:thread", args=[world.thread.pk]) in html
    assert reverse("helpdesk:thread", args=[closed.pk]) not in html
    assert reverse("helpdesk:thread", args=[other.pk]) not in html


def test_buyer_never_sees_internal_notes_or_assignments(world, client):
    note_post(thread=world.thread, author=world.seller_agent, body="Buyer seems upset")
    client.force_login(world.buyer)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert "Buyer seems upset" not in html
    updates = client.get(
        reverse("helpdesk:thread_updates", args=[world.thread.pk]),
        {"after": 0},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Buyer seems upset" not in updates
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert "Buyer seems upset" in html


def test_buyer_sees_when_the_reply_is_expected(world, client):
    client.force_login(world.buyer)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert "of business time left to answer (by" in html  # more in test_buyer_wait.py


def test_a_reply_posted_twice_with_one_key_appears_once(world, client):
    client.force_login(world.seller_agent)
    url = reverse("helpdesk:reply", args=[world.thread.pk])
    data = {"body": "We are on it", "idempotency_key": uuid.uuid4()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Message.objects.filter(body="We are on it").count() == 1


def test_seller_posts_a_shipped_update_and_the_buyer_sees_the_tracking(world, client):
    client.force_login(world.seller_agent)
    response = client.post(
        reverse("helpdesk:status_update", args=[world.thread.pk]),
        {
            "type": "shipped",
            "carrier": "dpd",
            "tracking_number": "DPD123456",
            "estimated_delivery": "2099-01-05",
            "idempotency_key": uuid.uuid4(),
        },
    )
    assert response.status_code == 302
    client.force_login(world.buyer)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert "Shipped" in html
    assert "DPD123456" in html
    order_html = client.get(reverse("orders:detail", args=[world.order.number])).content.decode()
    assert "DPD123456" in order_html


def test_a_shipped_update_without_tracking_is_refused_with_the_reason(world, client):
    client.force_login(world.seller_agent)
    response = client.post(
        reverse("helpdesk:status_update", args=[world.thread.pk]),
        {"type": "shipped", "carrier": "dpd", "idempotency_key": uuid.uuid4()},
    )
    assert response.status_code == 400
    assert "Required for this update." in response.content.decode()


def test_a_refund_cannot_exceed_the_order_total(world, client):
    client.force_login(world.seller_agent)
    response = client.post(
        reverse("helpdesk:status_update", args=[world.thread.pk]),
        {"type": "refund_issued", "amount": "9999", "idempotency_key": uuid.uuid4()},
    )
    assert "cannot exceed the order total" in response.content.decode()


def test_seller_posts_a_proactive_update_from_the_order_page(world, client):
    client.force_login(world.seller_agent)
    response = client.post(
        reverse("helpdesk:order_status_update", args=[world.order.number]),
        {
            "type": "refund_issued",
            "amount": "5.00",
            "idempotency_key": uuid.uuid4(),
        },
    )
    thread = Thread.objects.get(order=world.order, topic="order_updates")
    assert response["Location"].startswith(reverse("helpdesk:thread", args=[thread.pk]))


def test_a_refused_proactive_update_says_why_on_the_order_page(world, client):
    client.force_login(world.seller_agent)
    response = client.post(
        reverse("helpdesk:order_status_update", args=[world.order.number]),
        {"type": "repair_finished", "idempotency_key": uuid.uuid4()},
        follow=True,
    )
    assert "is an answer: post it in the buyer&#x27;s request" in response.content.decode()
    assert not Thread.objects.filter(order=world.order, topic="order_updates").exists()


def test_opening_a_thread_marks_it_read(world, client):
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="Hi")
    client.force_login(world.buyer)
    assert b'class="unread"' in client.get(reverse("helpdesk:my_requests")).content
    client.get(reverse("helpdesk:thread", args=[world.thread.pk]))
    assert b'class="unread"' not in client.get(reverse("helpdesk:my_requests")).content


def test_polling_returns_only_new_entries_and_a_new_poller(world, client):
    client.force_login(world.buyer)
    last = world.thread.messages.last()
    url = reverse("helpdesk:thread_updates", args=[world.thread.pk])
    quiet = client.get(url, {"after": last.pk}, headers={"HX-Request": "true"}).content.decode()
    assert "hx-swap-oob" not in quiet
    assert f"after={last.pk}" in quiet
    new = message_post(
        thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="Fresh answer"
    )
    html = client.get(url, {"after": last.pk}, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-swap-oob="beforeend:#timeline"' in html
    assert "Fresh answer" in html
    assert f"after={new.pk}" in html


def test_inbox_puts_what_is_due_first(world, client):
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)):
        late = open_request(world, "Monday morning")
    with time_machine.travel(datetime(2026, 11, 20, 9, 0, tzinfo=UTC)):
        older = open_request(world, "Friday before")
    client.force_login(world.seller_agent)
    threads = client.get(reverse("helpdesk:inbox")).context["threads"]
    order = [t.pk for t in threads]
    assert order.index(older.pk) < order.index(late.pk)
    assert all(a.due_at <= b.due_at for a, b in itertools.pairwise(threads))


def test_inbox_filters(world, client):
    answered = open_request(world, topic="invoice")
    message_post(thread=answered, author=world.seller_agent, role=Role.SELLER, body="Done")
    pl_order = make_order(buyer=world.buyer, seller=world.order.seller, market_code="PL")
    pl = thread_open(order=pl_order, buyer=world.buyer, topic="complaint", body="Zepsute")
    client.force_login(world.seller_agent)

    def ids(**params):
        return {t.pk for t in client.get(reverse("helpdesk:inbox"), params).context["threads"]}

    assert ids() == {world.thread.pk, pl.pk}
    assert ids(view="open") == {world.thread.pk, pl.pk, answered.pk}
    assert ids(view="all", topic="invoice") == {answered.pk}
    assert ids(view="all", market="PL") == {pl.pk}
    assert ids(view="all", assigned="me") == set()
    assert ids(view="all", assigned="nobody") == {world.thread.pk, pl.pk, answered.pk}
    assert world.other_thread.pk not in ids(view="all")


@pytest.mark.parametrize("view", ["awaiting", "all"])
def test_inbox_keyset_pages_cover_every_thread_once(world, client, view, settings):
    import helpdesk.views

    helpdesk.views.INBOX_PAGE, saved = 3, helpdesk.views.INBOX_PAGE
    try:
        base = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
        for i in range(7):
            with time_machine.travel(base + timedelta(hours=i // 2)):  # ties on purpose
                open_request(world, f"Q{i}")
        client.force_login(world.seller_agent)
        seen, cursor = [], ""
        for _ in range(10):
            response = client.get(reverse("helpdesk:inbox"), {"view": view, "cursor": cursor})
            seen += [t.pk for t in response.context["threads"]]
            cursor = response.context["next_cursor"]
            if not cursor:
                break
        expected = Thread.objects.filter(seller=world.order.seller)
        if view == "awaiting":
            expected = expected.awaiting_seller()
        assert sorted(seen) == sorted(expected.values_list("pk", flat=True))
        assert len(seen) == len(set(seen))
    finally:
        helpdesk.views.INBOX_PAGE = saved


def test_inbox_query_count_does_not_grow_with_threads(world, client, django_assert_num_queries):
    client.force_login(world.seller_agent)
    client.get(reverse("helpdesk:inbox"))
    for i in range(3):
        open_request(world, f"Q{i}")
    # session, user, market, workspace, header sellers, badge counts, sanctions banner,
    # markets (filter), threads page, read states, every view's count, the last buyer
    # messages (previews), the team (bulk "assign to")
    with django_assert_num_queries(13):
        client.get(reverse("helpdesk:inbox"))
    for i in range(20):
        open_request(world, f"More {i}", buyer=UserFactory())
    with django_assert_num_queries(13):
        response = client.get(reverse("helpdesk:inbox"))
    assert len(response.context["threads"]) == 24
    # Searching adds one query (the words' full-text query), sorting none.
    with django_assert_num_queries(14):
        client.get(reverse("helpdesk:inbox"), {"q": "More", "sort": "oldest", "view": "all"})


def test_thread_page_query_count_does_not_grow_with_messages(world, client):
    client.force_login(world.seller_agent)
    client.get(reverse("helpdesk:thread", args=[world.thread.pk]))

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("helpdesk:thread", args=[world.thread.pk]))
        return len(captured.captured_queries)

    before = count_queries()
    for i in range(15):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body=f"m{i}")
        status_update_post(
            order=world.order,
            author=world.seller_agent,
            thread=world.thread,
            update={"type": "repair_started"},
        )
    assert count_queries() == before


def test_saved_replies_are_inserted_for_a_person_to_send(world, client):
    client.force_login(world.seller_owner)  # the owner manages them…
    client.post(
        reverse("helpdesk:saved_replies"), {"title": "Return label", "body": "Here is your label."}
    )
    saved = SavedReply.objects.get(title="Return label")
    client.force_login(world.seller_agent)  # …every agent uses them
    html = client.get(
        reverse("helpdesk:thread", args=[world.thread.pk]), {"insert": saved.pk}
    ).content.decode()
    assert "Here is your label.</textarea>" in html
    assert not Message.objects.filter(body="Here is your label.").exists()


def test_only_owners_manage_the_teams_saved_replies(world, client):
    """Issue 11 (7). Failed before: an agent deleted the owner's saved replies."""
    client.force_login(world.seller_agent)
    page = client.get(reverse("helpdesk:saved_replies")).content.decode()
    assert "Thank you!" in page  # agents read and insert them
    assert reverse("helpdesk:saved_reply_delete", args=[world.saved_reply.pk]) not in page
    delete = reverse("helpdesk:saved_reply_delete", args=[world.saved_reply.pk])
    assert client.post(delete).status_code == 403
    create = client.post(reverse("helpdesk:saved_replies"), {"title": "T", "body": "B"})
    assert create.status_code == 403
    assert SavedReply.objects.filter(pk=world.saved_reply.pk).exists()
    assert not SavedReply.objects.filter(title="T").exists()
    client.force_login(world.seller_owner)
    assert client.post(delete).status_code == 302
    assert not SavedReply.objects.filter(pk=world.saved_reply.pk).exists()


def test_sellers_choose_hourly_digest(world, client):
    membership = SellerMember.objects.get(user=world.seller_agent)
    client.force_login(world.seller_agent)
    response = client.post(
        reverse("helpdesk:notification_settings"), {f"m{membership.pk}-notification_mode": "hourly"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.notification_mode == "hourly"


def test_inbox_badge_counts_threads_awaiting_reply(world, client):
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:inbox_counts")).content.decode()
    assert "> 1</span>" in html


def test_buyer_escalates_after_a_missed_deadline(world, client):
    client.force_login(world.buyer)
    with time_machine.travel(world.thread.due_at + timedelta(hours=1)):
        page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
        assert "Ask the platform to step in" in page
        response = client.post(
            reverse("helpdesk:escalate", args=[world.thread.pk]), {"reason": "No answer"}
        )
    assert response.status_code == 302
    world.thread.refresh_from_db()
    assert world.thread.escalated_at is not None
