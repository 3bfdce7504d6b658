"""Sessions (core/sessions.py): a database out of reach while a session is saved is the
server's error page, not a 400 that blames the visitor; a session deleted meanwhile still is
Django's SessionInterrupted."""

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

# A seller's reply with a phone number: the pre-send check stops it and keeps the draft in
# the session (helpdesk.views._keep_draft), so the response saves the session.
PHONE_REPLY = "Call me on +33 6 12 34 56 78."


def stopped_reply(client, world):
    client.raise_request_exception = False
    return client.post(
        reverse("helpdesk:reply", args=[world.thread.pk]),
        {"body": PHONE_REPLY, "idempotency_key": "2c6f1f36-58a4-4a7e-9d0e-4a1d2d0c9b11"},
    )


def test_a_database_out_of_reach_while_the_session_is_saved_is_the_error_page(
    world, as_persona, monkeypatch
):
    client = as_persona("seller_agent")

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Session, "save", unreachable)
    response = stopped_reply(client, world)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_session_deleted_meanwhile_is_still_an_interrupted_session(
    world, as_persona, monkeypatch
):
    client = as_persona("seller_agent")
    original = Session.save

    def deleted_first(self, *args, **kwargs):
        # Logged out elsewhere while this request ran: the update matches no row.
        Session.objects.filter(pk=self.pk).delete()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Session, "save", deleted_first)
    assert stopped_reply(client, world).status_code == 400
