"""Issue 16, without a browser: the XSS corpus (xss_payloads.txt) in every field a person
types (tests/security/corpus.py), read back with Django's client on every page that shows
those fields, the console's included, and in the fragments htmx swaps in: each payload is
shown, and only escaped (tests/browser/test_xss.py loads the same pages in Chromium)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from helpdesk.models import Attachment
from tests.factories import png_bytes
from tests.security.corpus import PAYLOADS, build_xss_world, html_problems, packed


@pytest.fixture(scope="module")
def xss_world(django_db_setup, django_db_blocker):
    """One world for the module, built inside a transaction rolled back at its end; each
    test runs in its own savepoint (tests/conftest.py: shared_world)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_xss_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(xss_world, db):
    return xss_world


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _shown(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_every_page_shows_every_payload_and_only_escaped(world):
    """Every page each reader opens; and not a vacuous pass: each payload is on some page
    of the buyer's, of the seller's and of the console, escaped."""
    problems, missing = [], []
    for reader, urls in world.pages().items():
        client = _client(getattr(world, reader))
        pages = [_shown(client.get(url)) for url in urls]
        for url, html in zip(urls, pages, strict=True):
            problems += [f"{url}: {problem}" for problem in html_problems(html)]
        if reader != "seller_owner":
            missing += [(reader, p) for p in PAYLOADS if not any(escape(p) in h for h in pages)]
    assert problems == []
    assert missing == []


def test_fragments_htmx_swaps_in_show_the_payloads_escaped(world):
    buyer, seller = _client(world.buyer), _client(world.seller_agent)
    htmx = {"HTTP_HX_REQUEST": "true"}
    draft = {"body": "\n".join([*PAYLOADS, "Mail me: jean.dupont@gmail.com"])}
    thread = world.thread.pk
    fragments = {
        "buyer's updates": buyer.get(f"/threads/{thread}/updates/?after=0", **htmx),
        "seller's updates": seller.get(f"/threads/{thread}/updates/?after=0", **htmx),
        "inbox list": seller.get("/seller/inbox/?view=all", **htmx),
        # The buyer's pre-send checks (a seller's loads the language model, a test of its own).
        "draft check": buyer.post(f"/threads/{thread}/check/", draft, **htmx),
        "new request check": buyer.post(f"/orders/{world.order.number}/contact/check/", draft),
    }
    shown = {name: _shown(response) for name, response in fragments.items()}
    assert "<mark" in shown["draft check"]  # the highlighted text is there
    problems = [f"{name}: {p}" for name, html in shown.items() for p in html_problems(html)]
    assert problems == []
    assert [p for p in PAYLOADS if escape(p) not in shown["buyer's updates"]] == []


def test_a_draft_the_check_stopped_comes_back_escaped(world):
    """The stopped draft and its check wait in the session and come back on the page, the
    check as HTML rendered when it was stopped."""
    buyer = _client(world.buyer)
    url = f"/threads/{world.thread.pk}/"
    body = "\n".join([*PAYLOADS, "Mail me: jean.dupont@gmail.com"])
    stopped = buyer.post(
        f"{url}reply/", {"body": body, "idempotency_key": "6f2b1c1e-8d0e-4a47-9e36-4c55d3a1f001"}
    )
    assert stopped.status_code == 302
    html = _shown(buyer.get(url))
    assert 'class="draft-preview"' in html
    assert "<mark" in html
    assert html_problems(html) == []
    assert escape(PAYLOADS[0]) in html


def test_a_refused_file_is_named_escaped_and_a_stored_one_under_a_clean_name(world):
    buyer = _client(world.buyer)
    url = f"/threads/{world.thread.pk}/reply/"
    refused_name, kept_name = PAYLOADS[7] + ".png", PAYLOADS[11] + ".png"
    refused = buyer.post(
        url,
        {
            "body": "Here is the photo.",
            "idempotency_key": "6f2b1c1e-8d0e-4a47-9e36-4c55d3a1f002",
            "attachments": [SimpleUploadedFile(refused_name, b"not a picture", "image/png")],
        },
    )
    html = refused.content.decode()
    assert refused.status_code == 400
    assert escape(refused_name) in html
    assert html_problems(html) == []

    sent = buyer.post(
        url,
        {
            "body": "Here is the photo.",
            "idempotency_key": "6f2b1c1e-8d0e-4a47-9e36-4c55d3a1f003",
            "attachments": [SimpleUploadedFile(kept_name, png_bytes(), "image/png")],
        },
    )
    assert sent.status_code == 302
    stored = Attachment.objects.filter(message__thread=world.thread).latest("pk")
    assert stored.original_name.endswith(".png")
    assert not set("<>\"'") & set(stored.original_name)


def test_the_absence_cancel_confirmation_names_people_escaped(world):
    owner = _client(world.seller_owner)
    html = _shown(owner.post(f"/seller/absences/{world.absence.pk}/cancel/"))
    assert escape(world.seller_owner.name) in html
    assert html_problems(html) == []


def test_search_boxes_show_what_was_searched_escaped(world):
    """What a reader types into a search box comes back on the page: escaped too."""
    query = {"q": packed(200, 0)}
    seller, admin = _client(world.seller_agent), _client(world.platform_admin)
    shown = {
        "inbox": seller.get("/seller/inbox/", {**query, "view": "all"}),
        "seller orders": seller.get("/seller/orders/", query),
        "conversation search": admin.get(reverse("admin:helpdesk_thread_search"), query),
        "thread list": admin.get(reverse("admin:helpdesk_thread_changelist"), query),
        "message list": admin.get(reverse("admin:helpdesk_message_changelist"), query),
        "moderation queue": admin.get(reverse("admin:helpdesk_messagereview_changelist"), query),
    }
    problems = [
        f"{name}: {problem}"
        for name, response in shown.items()
        for problem in html_problems(_shown(response))
    ]
    assert problems == []
    assert all(escape(query["q"]) in response.content.decode() for response in shown.values())
