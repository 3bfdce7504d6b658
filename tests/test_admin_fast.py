"""The console stays fast at millions of rows (issue 12): estimated counts where exact ones
are slow, and change lists whose queries do not grow with their rows."""

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.admin import EstimatedCountPaginator
from helpdesk.models import Role
from helpdesk.services import message_post, thread_open
from tests.factories import make_order

pytestmark = pytest.mark.django_db


def _more_threads(world, count):
    for i in range(count):
        order = make_order(buyer=world.buyer, seller=world.order.seller, number=f"2026-9-{i:04}")
        thread = thread_open(order=order, buyer=world.buyer, topic="delivery", body="Where?")
        message_post(thread=thread, author=world.seller_agent, role=Role.SELLER, body="Today.")


@pytest.mark.parametrize(
    "url", ["admin:helpdesk_thread_changelist", "admin:helpdesk_message_changelist"]
)
def test_change_lists_make_as_many_queries_for_many_rows_as_for_few(world, admin_client, url):
    admin_client.get(reverse(url))
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(reverse(url)).status_code == 200
    _more_threads(world, 6)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(reverse(url))
    assert len(many) == len(few) <= 12
    assert not any(
        "COUNT(*)" in q["sql"] and "LIMIT" not in q["sql"] for q in many.captured_queries
    )


# Committed rows, and the owner's connection: the application's role may not ANALYZE (in
# production autovacuum keeps the statistics), and the owner sees only what is committed.
@pytest.mark.django_db(transaction=True, databases=["default", "owner"])
def test_an_unfiltered_list_shows_the_planners_estimate(world, admin_client, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "COUNT_CAP", 1)
    _more_threads(world, 2)
    with connections["owner"].cursor() as cursor:
        cursor.execute("ANALYZE helpdesk_thread")
    page = admin_client.get(reverse("admin:helpdesk_thread_changelist")).content.decode()
    assert "about 4 threads" in page


def test_a_filtered_list_counts_up_to_a_cap(world, admin_client, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "COUNT_CAP", 1)
    url = reverse("admin:helpdesk_thread_changelist") + "?status__exact=open"
    page = admin_client.get(url).content.decode()
    assert "more than 1 threads" in page
