"""The conversation as evidence in the admin (issue 12, first part): what each side got,
status updates as cards, files opened through the console."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from helpdesk.models import Role
from helpdesk.services import message_post, status_update_post
from sla.calendar import deadline_steps
from sla.explanations import explanation_lines, step_text
from sla.models import ResponseClock
from tests.factories import png_upload

pytestmark = pytest.mark.django_db


def thread_page(admin_client, thread):
    return admin_client.get(reverse("admin:helpdesk_thread_change", args=[thread.pk])).content


def test_held_and_masked_messages_do_not_look_delivered(world, admin_client):
    message_post(
        thread=world.thread,
        author=world.seller_agent,
        role=Role.SELLER,
        body="Appelez-moi au 06 12 34 56 78.",
    )
    message_post(
        thread=world.thread,
        author=world.buyer,
        role=Role.BUYER,
        body="Écrivez-moi : bea.buyer@gmail.com",
    )
    html = thread_page(admin_client, world.thread).decode()
    assert "Not delivered: held for review" in html
    assert "Delivered masked" in html


def test_status_updates_read_as_cards_not_json(world, admin_client):
    status_update_post(
        order=world.order,
        author=world.seller_agent,
        update={"type": "return_received"},
        thread=world.thread,
    )
    html = thread_page(admin_client, world.thread).decode()
    assert "Return received" in html
    assert "{&quot;type&quot;" not in html
    assert '"type": "return_received"' not in html


def test_the_buyers_photos_open_from_the_thread(world, admin_client):
    message = message_post(
        thread=world.thread,
        author=world.buyer,
        role=Role.BUYER,
        body="The lamp arrived broken.",
        uploads=[png_upload("broken-lamp.png")],
    )
    attachment = message.attachments.get()
    url = reverse("admin:helpdesk_attachment_file", args=[attachment.pk])
    html = thread_page(admin_client, world.thread).decode()
    assert f'href="{url}"' in html
    assert "broken-lamp.png" in html
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == attachment.file.open().read()
    change = admin_client.get(reverse("admin:helpdesk_attachment_change", args=[attachment.pk]))
    assert f'href="{url}"' in change.content.decode()


def test_authors_are_shown_as_they_were(world, admin_client):
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="On it")
    name = world.seller_agent.name
    world.seller_agent.name = "Renamed Later"
    world.seller_agent.save()
    assert name in thread_page(admin_client, world.thread).decode()


def test_the_console_says_which_time_zone_its_times_are_in(world, admin_client):
    html = admin_client.get(reverse("admin:helpdesk_thread_changelist")).content.decode()
    assert "Times are shown in Europe/Paris time (CET, UTC+0100)" in html or (
        "Times are shown in Europe/Paris time (CEST, UTC+0200)" in html
    )
    assert 'href="/static/css/admin.css"' in html


def test_each_side_is_shown_what_it_saw(world, admin_client):
    """The masked buyer message: the seller read the masked text, the buyer wrote it."""
    message = message_post(
        thread=world.thread,
        author=world.buyer,
        role=Role.BUYER,
        body="Écrivez-moi : bea.buyer@gmail.com",
    )
    html = thread_page(admin_client, world.thread).decode()
    row = html[html.index(f'id="message-{message.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Wrote it" in row
    assert "The masked text:" in row
    assert "[•••]" in row
    assert "Delivered masked" in row


def test_the_deadline_explanation_is_the_one_stored_when_the_clock_opened(
    world, admin_client, monkeypatch
):
    """A newer holidays package (or rule change) must not rewrite what the record says.
    Failed before: the explanation was recomputed at each view."""
    clock = ResponseClock.objects.get(thread=world.thread)
    assert clock.explanation[0]["step"] == "received"
    monkeypatch.setattr(
        "sla.admin.deadline_steps", lambda *args, **kwargs: ["recomputed differently"]
    )
    html = thread_page(admin_client, world.thread).decode()
    with translation.override("en"):
        assert step_text(clock.explanation[-1], clock.market_id) in html
    assert "recomputed differently" not in html


def test_the_deadline_explanation_reads_in_the_reader_s_language(world, admin_client):
    """Stored as data, put into words when read: a Polish administrator reads Polish, with
    the holiday's Polish name."""
    christmas_eve = datetime(2026, 12, 24, 9, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    steps = deadline_steps(christmas_eve, "PL")
    with translation.override("pl"):
        lines = explanation_lines(steps, "PL")
    assert lines[0].startswith("Otrzymano")
    assert any("Boże Narodzenie" in line for line in lines)
    with translation.override("en"):
        lines = explanation_lines(steps, "PL")
    assert lines[0] == "Received Thu 24 Dec, 09:30 (Warsaw time)"
    assert any("Christmas Day" in line and "public holiday" in line for line in lines)
    assert lines[-1].startswith("Due ")


def test_explanations_stored_as_sentences_read_as_they_were(world):
    """Clocks from before the steps were data keep their English sentences."""
    assert explanation_lines(["Received Fri 27 Nov 18:00 (Europe/Paris)"], "FR") == [
        "Received Fri 27 Nov 18:00 (Europe/Paris)"
    ]


def test_the_thread_is_linked_from_its_order_seller_and_buyer(world, admin_client):
    html = thread_page(admin_client, world.thread).decode()
    assert reverse("admin:orders_order_change", args=[world.order.pk]) in html
    assert f"?buyer__id__exact={world.buyer.pk}" in html
    listing = admin_client.get(
        reverse("admin:helpdesk_thread_changelist") + f"?buyer__id__exact={world.buyer.pk}"
    )
    assert listing.status_code == 200
    assert world.order.number in listing.content.decode()
    order = admin_client.get(reverse("admin:orders_order_change", args=[world.order.pk]))
    assert reverse("admin:helpdesk_thread_change", args=[world.thread.pk]) in order.content.decode()


def test_the_evidence_page_has_no_per_message_queries(world, admin_client):
    for i in range(3):
        message_post(thread=world.thread, author=world.buyer, role=Role.BUYER, body=f"Message {i}")
    admin_client.get(reverse("admin:helpdesk_thread_change", args=[world.thread.pk]))
    with CaptureQueriesContext(connection) as few:
        thread_page(admin_client, world.thread)
    for i in range(10):
        message_post(
            thread=world.thread,
            author=world.buyer,
            role=Role.BUYER,
            body=f"More {i}",
            uploads=[png_upload(f"p{i}.png")],
        )
    with CaptureQueriesContext(connection) as many:
        thread_page(admin_client, world.thread)
    assert len(many) == len(few) <= 25


def test_the_thread_list_filters_by_a_typed_seller_and_lists_no_seller_in_the_sidebar(
    world, admin_client
):
    """Issue 16: with thousands of sellers the sidebar listed every one (2,000 links cost the
    page more than its query); the seller is now typed: name, slug or number."""
    url = reverse("admin:helpdesk_thread_changelist")
    seller, other = world.order.seller, world.other_thread.seller
    page = admin_client.get(url).content.decode()
    assert f"seller__id__exact={other.pk}" not in page
    assert 'name="seller_q"' in page
    for typed in (seller.company_name.lower(), seller.slug, str(seller.pk)):
        listed = admin_client.get(url, {"seller_q": typed})
        assert listed.status_code == 200
        shown = {thread.seller_id for thread in listed.context["cl"].result_list}
        assert shown == {seller.pk}, typed
    kept = admin_client.get(url, {"seller_q": seller.slug, "status": "open"}).content.decode()
    assert 'name="status" value="open"' in kept  # the other filters stay when refiltering
    assert admin_client.get(url, {"seller__id__exact": other.pk}).status_code == 200
