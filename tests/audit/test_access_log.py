"""The staff access log (issue 12): every staff look at a conversation, a file or a search is
written down, and nobody can change it."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import StaffAccess
from audit.services import staff_access_purge
from helpdesk.models import Role
from helpdesk.services import message_post
from tests.factories import UserFactory, png_upload

pytestmark = pytest.mark.django_db


def test_every_staff_view_of_a_thread_is_logged(world, admin_client):
    url = reverse("admin:helpdesk_thread_change", args=[world.thread.pk])
    admin_client.get(url, REMOTE_ADDR="203.0.113.7")
    admin_client.get(url, REMOTE_ADDR="203.0.113.7")
    rows = list(StaffAccess.objects.order_by("id"))
    assert [(r.user_id, r.action, r.object_id) for r in rows] == [
        (world.platform_admin.pk, "thread", world.thread.pk)
    ] * 2
    assert rows[0].path == url
    assert rows[0].ip_address == "203.0.113.7"


def test_files_searches_and_reviewed_messages_are_logged(world, admin_client):
    held = message_post(
        thread=world.thread,
        author=world.seller_agent,
        role=Role.SELLER,
        body="Mail me: shop@gmail.com",
        uploads=[png_upload("label.png")],
    )
    attachment = held.attachments.get()
    admin_client.get(reverse("admin:helpdesk_attachment_file", args=[attachment.pk]))
    admin_client.get(
        reverse("admin:helpdesk_messagereview_attachment", args=[held.review.pk, attachment.pk])
    )
    admin_client.get(reverse("admin:helpdesk_messagereview_change", args=[held.review.pk]))
    admin_client.get(reverse("admin:helpdesk_thread_changelist"), {"q": "2026-0001"})
    admin_client.get(reverse("admin:helpdesk_thread_changelist"))  # no search: not logged
    assert list(
        StaffAccess.objects.order_by("id").values_list("action", "object_id", "detail")
    ) == [
        ("file", attachment.pk, ""),
        ("file", attachment.pk, ""),
        ("message", held.pk, ""),
        ("search", None, "2026-0001"),
    ]


def test_what_a_visitor_is_refused_is_not_logged(world, client):
    client.force_login(world.seller_agent)
    client.get(reverse("admin:helpdesk_thread_change", args=[world.thread.pk]))
    assert not StaffAccess.objects.exists()


def test_the_log_cannot_be_changed_and_keeps_30_days_at_least(world, admin_client):
    admin_client.get(reverse("admin:helpdesk_thread_change", args=[world.thread.pk]))
    row = StaffAccess.objects.get()
    for sql in (
        "UPDATE audit_staffaccess SET object_id = 1 WHERE id = %s",
        "DELETE FROM audit_staffaccess WHERE id = %s",
    ):
        with (
            pytest.raises((IntegrityError, InternalError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [row.pk])
    assert StaffAccess.objects.filter(pk=row.pk).exists()


def test_the_retention_purge_deletes_only_what_is_older(world, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 90
    now = timezone.now()
    old = StaffAccess.objects.create(
        user=world.platform_admin, action="thread", path="/", at=now - timedelta(days=91)
    )
    kept = StaffAccess.objects.create(
        user=world.platform_admin, action="thread", path="/", at=now - timedelta(days=89)
    )
    assert staff_access_purge(now) == 1
    assert list(StaffAccess.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not StaffAccess.objects.filter(pk=old.pk).exists()


def test_only_superusers_read_the_log(world, client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:audit_staffaccess_changelist")).status_code == 403
