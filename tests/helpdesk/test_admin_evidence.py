"""The conversation as evidence in the admin (issue 12, first part): what each side got,
status updates as cards, files opened through the console."""

import pytest
from django.urls import reverse

from helpdesk.models import Role
from helpdesk.services import message_post, status_update_post
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
