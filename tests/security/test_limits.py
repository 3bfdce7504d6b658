"""Rate limits, as people meet them: log-in throttling (django-axes) and the posting limits
(helpdesk.rules.posting_refusal) on every form that writes a message, each answered with
429 and a clear message in the reader's language. tests/helpdesk/test_pace.py has the
limits' windows; tests/accounts/test_auth.py how failures are counted."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from config import settings as production
from helpdesk.models import Message, Role
from tests.factories import PASSWORD
from tests.security.test_headers import strict_header_problems

TEXT = "My long and careful text, written slowly"


@pytest.fixture
def world(shared_world, db):
    """One world for the module (tests/conftest.py: shared_world)."""
    return shared_world


# Log-in ------------------------------------------------------------------------------------


def log_in(client, email, password, path="/accounts/login/"):
    return client.post(
        path, {"username": email, "password": password}, headers={"Accept-Language": "fr"}
    )


def locked_out(minutes: int) -> list[str]:
    with translation.override("fr"):
        return [
            _("Too many failed log-in attempts"),
            ngettext(
                "For your security, logging in to this account from here is paused. Try "
                "again in %(minutes)s minute.",
                "For your security, logging in to this account from here is paused. Try "
                "again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes},
        ]


def test_after_too_many_failures_the_visitor_reads_why_and_for_how_long(world, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, world.buyer.email, "guess")
    response = log_in(client, world.buyer.email, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    for text in locked_out(15):
        assert escape(text) in page
    assert strict_header_problems(response) == []
    assert "_auth_user_id" not in client.session


def test_the_page_tells_the_lock_s_configured_length(world, settings):
    """Failed before: the page said 15 minutes whatever AXES_COOLOFF_MINUTES said (axes
    gives the template the length as a duration, the template read a name axes never
    sets)."""
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = log_in(client, world.buyer.email, "guess")
    assert response.status_code == 429
    assert escape(locked_out(30)[1]) in response.content.decode()


def test_the_console_s_log_in_shares_the_count_and_the_lock(world, settings):
    """Failures on the site's log-in lock the console's too, for the same address."""
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, world.platform_admin.email, "guess")
    response = log_in(client, world.platform_admin.email, PASSWORD, path="/admin/login/")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off(world, settings):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, world.buyer.email, "guess")
        assert log_in(client, world.buyer.email, PASSWORD).status_code == 429
    later = start + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert log_in(client, world.buyer.email, PASSWORD).status_code == 302


# Posting -----------------------------------------------------------------------------------

# form → (writer, URL, data)
FORMS = {
    "reply": ("buyer", "/threads/{thread}/reply/", {"body": TEXT}),
    "new request": (
        "buyer",
        "/orders/2026-100-0001/contact/",
        {"topic": "complaint", "body": TEXT},
    ),
    "internal note": ("seller_agent", "/threads/{thread}/note/", {"body": TEXT}),
    "status update": (
        "seller_agent",
        "/threads/{thread}/status-update/",
        {"type": "repair_started", "note": TEXT},
    ),
}


def too_fast() -> str:
    period = ngettext("%(n)d second", "%(n)d seconds", 10) % {"n": 10}
    return _(
        "You are writing faster than the platform allows (%(count)d messages in "
        "%(period)s). Your text is kept: send it again in a moment."
    ) % {"count": 5, "period": period}


@pytest.mark.parametrize("form", list(FORMS))
def test_writing_faster_than_the_limit_is_refused_with_429_and_the_text_kept(world, settings, form):
    """Five messages in the last ten seconds (written directly): the sixth, by any form,
    is refused, in the writer's language."""
    settings.POSTING_LIMITS = production.POSTING_LIMITS
    persona, url, data = FORMS[form]
    writer = getattr(world, persona)
    User.objects.filter(pk=writer.pk).update(preferred_language="fr")
    client = Client()
    client.force_login(writer)
    now = timezone.now() + timedelta(minutes=5)  # after the world's own messages
    Message.objects.bulk_create(
        Message(
            thread=world.thread,
            author=writer,
            author_role=Role.BUYER if persona == "buyer" else Role.SELLER,
            body=f"Earlier message {i}",
            created_at=now - timedelta(seconds=i),
        )
        for i in range(5)
    )
    before = Message.objects.count()
    with time_machine.travel(now, tick=False):
        response = client.post(url.format(**world.ids()), {**data, "idempotency_key": uuid.uuid4()})
    assert response.status_code == 429
    page = response.content.decode()
    with translation.override("fr"):
        assert escape(too_fast()) in page
    assert escape(TEXT) in page
    assert Message.objects.count() == before


def test_a_pace_under_the_limit_is_never_refused(world, settings):
    """The same forms at a person's pace: one every fifteen seconds."""
    settings.POSTING_LIMITS = production.POSTING_LIMITS
    start = timezone.now() + timedelta(minutes=5)
    statuses = []
    for step, form in enumerate(FORMS):
        persona, url, data = FORMS[form]
        client = Client()
        client.force_login(getattr(world, persona))
        with time_machine.travel(start + timedelta(seconds=15 * step), tick=False):
            response = client.post(
                url.format(**world.ids()), {**data, "idempotency_key": uuid.uuid4()}
            )
        statuses.append((form, response.status_code))
    assert statuses == [(form, 302) for form in FORMS]
