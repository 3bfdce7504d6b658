"""Every admin URL × every persona → the expected status: the console's half of the URL ×
persona matrix (tests/test_matrix.py has the site's).

For every registered model: its change list, add, change, history and delete pages; every
extra admin URL (files of a reviewed message, transcripts, a user's password); and the
decisions taken in the console (moderation, appeals, lifting a sanction, revoking an
exemption). Everybody but platform staff is sent to the admin's log-in. A model registered
without rows here, or an extra admin URL without one, fails
`test_every_admin_url_is_in_the_matrix`.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import resolve, reverse

from accounts.models import SellerMember
from audit.models import StaffAccess
from helpdesk.history import history_verify
from helpdesk.models import Escalation, Message, MessageReview, Role
from helpdesk.services import (
    answer_rate,
    message_post,
    thread_escalate,
    thread_no_reply_needed,
)
from outbox.models import Notification
from sla.models import ClockExemption, Heartbeat, ResponseClock, Sanction
from sla.sanctions import sanction_appeal, sanction_apply
from sla.services import heartbeat_record
from tests.conftest import PERSONAS, client_for
from tests.factories import png_upload

ADMIN_LOGIN = 302  # everybody but platform staff: to the admin's log-in page

# What a platform administrator gets on each model's pages: history is audited, never
# edited (403 where the console is read only).
PAGES = ("changelist", "add", "change", "history", "delete")
READ_ONLY = {"changelist": 200, "add": 403, "change": 200, "history": 200, "delete": 403}
EDITABLE = {"changelist": 200, "add": 200, "change": 200, "history": 200, "delete": 200}
ADMIN_PAGES = {
    "auth.group": EDITABLE,
    "axes.accessattempt": {**EDITABLE, "add": 403},
    "axes.accesslog": {**EDITABLE, "add": 403},
    "axes.accessfailurelog": {**EDITABLE, "add": 403},
    "accounts.user": EDITABLE,
    "accounts.sellermember": EDITABLE,
    # Written by the seller's team on its absences page, seen here.
    "accounts.sellerabsence": READ_ONLY,
    "accounts.seller": EDITABLE,
    "orders.market": EDITABLE,
    "orders.order": EDITABLE,
    "orders.shipment": EDITABLE,
    "helpdesk.thread": READ_ONLY,
    "helpdesk.message": READ_ONLY,
    "helpdesk.attachment": READ_ONLY,
    "helpdesk.historycheck": READ_ONLY,
    # The queue: handled on the thread's page, never edited here.
    "helpdesk.escalation": READ_ONLY,
    "audit.staffaccess": READ_ONLY,
    "helpdesk.savedreply": EDITABLE,
    # The queue: decided here (change), never added or deleted.
    "helpdesk.messagereview": {**READ_ONLY},
    "sla.heartbeat": READ_ONLY,
    "sla.responseclock": READ_ONLY,
    "sla.clockexemption": READ_ONLY,
    "sla.sanction": {**EDITABLE, "delete": 403},
    "sla.sanctionappeal": {**READ_ONLY},
    "sla.answerrating": READ_ONLY,
    "outbox.notification": READ_ONLY,
}


@pytest.fixture
def world(shared_world, db):
    """The module's one world (tests/conftest.py: shared_world)."""
    return shared_world


@pytest.fixture(scope="module")
def console(shared_world, django_db_blocker):
    """One object of every model the console lists, keyed by "app.model", built once for
    the module inside its world's transaction."""
    with django_db_blocker.unblock():
        return _console(shared_world)


def _console(world):
    with time_machine.travel(world.thread.due_at + timedelta(minutes=1)):
        thread_escalate(thread=world.thread, buyer=world.buyer, reason="No answer")
    held = message_post(
        thread=world.thread,
        author=world.seller_agent,
        role=Role.SELLER,
        body="Appelez-moi au 06 12 34 56 78.",
    )
    thread_no_reply_needed(thread=world.other_thread, by=world.other_seller_agent)
    reply = message_post(
        thread=world.other_thread, author=world.other_seller_agent, role=Role.SELLER, body="Sent."
    )
    rating = answer_rate(
        thread=world.other_thread, buyer=world.other_buyer, reply_id=reply.pk, answered=False
    )
    sanction = sanction_apply(
        seller=world.order.seller,
        kind="warning",
        reason="A test warning.",
        by=world.platform_admin,
        ends_at=datetime(2099, 1, 1, tzinfo=UTC),
    )
    appeal = sanction_appeal(sanction=sanction, by=world.seller_agent, text="Please")
    heartbeat_record(name="beat")
    check = history_verify()
    access = StaffAccess.objects.create(
        user=world.platform_admin, action="thread", object_id=world.thread.pk, path="/admin/"
    )
    group = Group.objects.create(name="Support")
    attempt = AccessAttempt.objects.create(
        username="x@example.com", ip_address="127.0.0.1", failures_since_start=1
    )
    log = AccessLog.objects.create(username="x@example.com", ip_address="127.0.0.1")
    failure = AccessFailureLog.objects.create(username="x@example.com", ip_address="127.0.0.1")
    return {
        "auth.group": group.pk,
        "axes.accessattempt": attempt.pk,
        "axes.accesslog": log.pk,
        "axes.accessfailurelog": failure.pk,
        "accounts.user": world.buyer.pk,
        "accounts.sellermember": SellerMember.objects.get(user=world.seller_agent).pk,
        "accounts.sellerabsence": world.absence.pk,
        "accounts.seller": world.order.seller_id,
        "orders.market": "FR",
        "orders.order": world.order.pk,
        "orders.shipment": world.order.shipments.first().pk,
        "helpdesk.thread": world.thread.pk,
        "helpdesk.message": Message.objects.filter(thread=world.thread).first().pk,
        "helpdesk.attachment": world.attachment.pk,
        "helpdesk.historycheck": check.pk,
        "helpdesk.escalation": Escalation.objects.get(thread=world.thread).pk,
        "audit.staffaccess": access.pk,
        "helpdesk.savedreply": world.saved_reply.pk,
        "helpdesk.messagereview": held.review.pk,
        "sla.heartbeat": Heartbeat.objects.get().pk,
        "sla.responseclock": ResponseClock.objects.filter(thread=world.thread).first().pk,
        "sla.clockexemption": ClockExemption.objects.get().pk,
        "sla.sanction": sanction.pk,
        "sla.sanctionappeal": appeal.pk,
        "sla.answerrating": rating.pk,
        "outbox.notification": Notification.objects.first().pk,
        # For the extra URLs and decisions.
        "review_with_file": _review_with_file(world).pk,
        "review": held.review.pk,
        "appeal": appeal.pk,
    }


def _review_with_file(world):
    message = message_post(
        thread=world.thread,
        author=world.seller_agent,
        role=Role.SELLER,
        body="Mail me: shop@gmail.com",
        uploads=[png_upload("label.png")],
    )
    return message.review


def _page_url(label, page, pk):
    name = f"admin:{label.replace('.', '_')}_{page}"
    return reverse(name) if page in ("changelist", "add") else reverse(name, args=[pk])


@pytest.mark.parametrize("label", list(ADMIN_PAGES))
def test_admin_page_matrix(world, console, label):
    """Each of the model's pages, for every persona (mismatches reported together)."""
    clients = {persona: client_for(world, persona) for persona in PERSONAS}
    wrong = []
    for page in PAGES:
        url = _page_url(label, page, console[label])
        for persona, client in clients.items():
            response = client.get(url)
            expected = ADMIN_PAGES[label][page] if persona == "platform_admin" else ADMIN_LOGIN
            if response.status_code != expected:
                wrong.append((page, persona, response.status_code, expected))
            elif expected == ADMIN_LOGIN and not response["Location"].startswith(
                reverse("admin:login")
            ):
                wrong.append((page, persona, response["Location"], "admin login"))
    assert wrong == []


def _extra_requests(world, console):
    """(name, method, url, data, status for the platform administrator)."""
    review_file = MessageReview.objects.get(pk=console["review_with_file"])
    attachment = review_file.message.attachments.get()
    return [
        (
            "reviewed message's file",
            "get",
            reverse(
                "admin:helpdesk_messagereview_attachment", args=[review_file.pk, attachment.pk]
            ),
            {},
            200,
        ),
        (
            "another message's file through a review",
            "get",
            reverse(
                "admin:helpdesk_messagereview_attachment",
                args=[console["review"], attachment.pk],
            ),
            {},
            404,
        ),
        (
            "a stored file",
            "get",
            reverse("admin:helpdesk_attachment_file", args=[world.attachment.pk]),
            {},
            200,
        ),
        (
            "a file that does not exist",
            "get",
            reverse("admin:helpdesk_attachment_file", args=[10**9]),
            {},
            404,
        ),
        (
            "a thread's transcript (PDF)",
            "get",
            reverse("admin:helpdesk_thread_transcript", args=[world.thread.pk, "pdf"]),
            {},
            200,
        ),
        (
            "an order's transcript (JSON)",
            "get",
            reverse("admin:helpdesk_thread_order_transcript", args=[world.order.pk, "json"]),
            {},
            200,
        ),
        (
            "a transcript in a format that does not exist",
            "get",
            reverse("admin:helpdesk_thread_transcript", args=[world.thread.pk, "docx"]),
            {},
            404,
        ),
        (
            "conversation search",
            "get",
            reverse("admin:helpdesk_thread_search"),
            {"q": "lamp"},
            200,
        ),
        (
            "user's password",
            "get",
            reverse("admin:auth_user_password_change", args=[world.buyer.pk]),
            {},
            200,
        ),
        (
            "moderation decision",
            "post",
            reverse("admin:helpdesk_messagereview_change", args=[console["review"]]),
            {"decision": "approved", "reason": ""},
            302,
        ),
        (
            "take an escalation over",
            "post",
            reverse("admin:helpdesk_thread_escalation", args=[world.thread.pk, "take_over"]),
            {},
            302,
        ),
        (
            "an unknown escalation step",
            "post",
            reverse("admin:helpdesk_thread_escalation", args=[world.thread.pk, "delete"]),
            {},
            404,
        ),
        (
            "appeal decision",
            "post",
            reverse("admin:sla_sanctionappeal_change", args=[console["appeal"]]),
            {"decision": "denied", "decision_reason": "Confirmed."},
            302,
        ),
        (
            "lift a sanction",
            "post",
            reverse("admin:sla_sanction_changelist"),
            {"action": "lift", "_selected_action": [console["sla.sanction"]]},
            302,
        ),
        (
            "revoke an exemption",
            "post",
            reverse("admin:sla_clockexemption_changelist"),
            {"action": "revoke", "_selected_action": [console["sla.clockexemption"]]},
            302,
        ),
        (
            "approve from the queue",
            "post",
            reverse("admin:helpdesk_messagereview_changelist"),
            {"action": "approve", "_selected_action": [console["review_with_file"]]},
            302,
        ),
        (
            "apply a sanction",
            "post",
            reverse("admin:sla_sanction_add"),
            {
                "seller": world.order.seller_id,
                "kind": "warning",
                "reason": "Rude to buyers.",
                "starts_at_0": "2026-12-01",
                "starts_at_1": "10:00:00",
            },
            302,
        ),
    ]


def test_admin_extra_urls_and_decisions(world, console):
    """Everybody but staff is refused first (nothing changes), then the administrator."""
    wrong = []
    for persona in [p for p in PERSONAS if p != "platform_admin"] + ["platform_admin"]:
        client = client_for(world, persona)
        for name, method, url, data, for_admin in _extra_requests(world, console):
            response = getattr(client, method)(url, data)
            expected = for_admin if persona == "platform_admin" else ADMIN_LOGIN
            if response.status_code != expected:
                wrong.append((name, persona, response.status_code, expected))
    assert wrong == []


def test_decisions_taken_in_the_console_take_effect(world, console, client):
    client.force_login(world.platform_admin)
    for _name, method, url, data, _status in _extra_requests(world, console):
        if method == "post":
            getattr(client, method)(url, data)
    assert MessageReview.objects.get(pk=console["review"]).state == "approved"
    assert Sanction.objects.get(pk=console["sla.sanction"]).lifted_by == world.platform_admin
    assert ClockExemption.objects.get().revoked_by == world.platform_admin
    assert Sanction.objects.filter(reason="Rude to buyers.", decided_by=world.platform_admin)
    assert world.other_thread.clocks.filter(closed_at__isnull=True).exists()
    assert Escalation.objects.get(thread=world.thread).taken_by == world.platform_admin


def test_every_admin_url_is_in_the_matrix(world, console):
    """A model registered in the console, or an extra admin URL, without a row fails here."""
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_PAGES)
    standard = {*PAGES, "autocomplete"}
    covered = {resolve(r[2]).url_name for r in _extra_requests(world, console)}
    extra = {
        pattern.name
        for model, model_admin in admin.site._registry.items()
        for pattern in model_admin.get_urls()
        if pattern.name
        and pattern.name.removeprefix(f"{model._meta.app_label}_{model._meta.model_name}_")
        not in standard
    }
    assert extra <= covered, extra - covered
