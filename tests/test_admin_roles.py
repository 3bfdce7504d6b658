"""The admin for each staff role (issue 12): a role reaches what its permissions give; a
staff member without a role reaches nothing, the index included. Every model page and extra
admin URL of tests/test_admin_matrix.py, for each role."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from helpdesk.models import Escalation, MessageReview
from sla.models import ClockExemption, Sanction, SanctionAppeal
from tests.factories import UserFactory
from tests.test_admin_matrix import (
    ADMIN_PAGES,
    PAGES,
    _console,
    _extra_requests,
    _page_url,
)


@pytest.fixture
def world(shared_world, db):
    return shared_world


@pytest.fixture(scope="module")
def console(shared_world, django_db_blocker):
    with django_db_blocker.unblock():
        return _console(shared_world)


# Roles (issue 12): what each staff role reaches. Superusers are the platform_admin above.
ROLE_VIEWS = {
    "": set(),
    "Auditor": {
        "helpdesk.thread",
        "helpdesk.message",
        "helpdesk.attachment",
        "helpdesk.messagereview",
        "helpdesk.historycheck",
        "helpdesk.escalation",
        "orders.order",
        "orders.shipment",
        "orders.market",
        "accounts.seller",
        "accounts.sellermember",
        "sla.responseclock",
        "sla.clockexemption",
        "sla.sanction",
        "sla.sanctionappeal",
        "sla.answerrating",
    },
}
ROLE_VIEWS["Moderator"] = ROLE_VIEWS["Sanctions manager"] = ROLE_VIEWS["Auditor"]
ROLE_ADDS = {"Sanctions manager": {"sla.sanction"}}


def staff_in(role):
    user = UserFactory(is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def _role_expected(role, label, page):
    if page in ("changelist", "change", "history") and label in ROLE_VIEWS[role]:
        return 200
    if page == "add" and label in ROLE_ADDS.get(role, set()):
        return 200
    return 403


@pytest.mark.parametrize("role", list(ROLE_VIEWS))
def test_admin_pages_by_role(world, console, role, client):
    """A staff member sees what the role gives, and without a role nothing at all."""
    client.force_login(staff_in(role))
    wrong = []
    index = client.get(reverse("admin:index")).status_code
    if index != (403 if not role else 200):
        wrong.append(("index", index))
    for label in ADMIN_PAGES:
        for page in PAGES:
            status = client.get(_page_url(label, page, console[label])).status_code
            if status != _role_expected(role, label, page):
                wrong.append((label, page, status, _role_expected(role, label, page)))
    for name, method, url, _data, _for_admin in _extra_requests(world, console):
        if method == "get":
            status = client.get(url).status_code
            # Users and their passwords are the superusers' alone.
            expected = 403 if not role or name == "user's password" else _for_admin
            if status != expected:
                wrong.append((name, status, expected))
    assert wrong == []


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("", set()),
        ("Auditor", set()),
        (
            "Moderator",
            {"moderation decision", "approve from the queue", "take an escalation over"},
        ),
        (
            "Sanctions manager",
            {"appeal decision", "lift a sanction", "revoke an exemption", "apply a sanction"},
        ),
    ],
)
def test_decisions_by_role(world, console, client, role, may):
    """Each decision takes effect only for the role that makes it."""
    client.force_login(staff_in(role))
    done = {}
    for _name, method, url, data, _status in _extra_requests(world, console):
        if method == "post":
            client.post(url, data)
    done["moderation decision"] = (
        MessageReview.objects.get(pk=console["review"]).state == "approved"
    )
    done["approve from the queue"] = (
        MessageReview.objects.get(pk=console["review_with_file"]).state == "approved"
    )
    done["appeal decision"] = SanctionAppeal.objects.get(pk=console["appeal"]).state == "denied"
    done["lift a sanction"] = Sanction.objects.get(pk=console["sla.sanction"]).lifted_at is not None
    done["revoke an exemption"] = ClockExemption.objects.get().revoked_at is not None
    done["apply a sanction"] = Sanction.objects.filter(reason="Rude to buyers.").exists()
    done["take an escalation over"] = (
        Escalation.objects.get(pk=console["helpdesk.escalation"]).taken_at is not None
    )
    assert {name for name, happened in done.items() if happened} == may
