"""No redirect that reads a parameter sends anyone off-site: the log-in's `next` (sent in the
form or in the query, and when already logged in), log-out's, the language switch's `next`
and its fall-back, the Referer; the console's log-in and log-out; the inbox's bulk `back`.

Where a redirect lands is judged as a browser reads a Location header (WHATWG URL parsing:
spaces and control characters around it dropped, tabs and newlines inside removed,
backslashes taken for slashes, extra slashes before the host skipped), not as Python's
urlsplit does."""

import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

OFF_SITE = [
    "https://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    " //evil.example",
    "\t//evil.example",
    "\n/\\evil.example",
    "/\t/evil.example",
    "https://testserver@evil.example",
    "https://evil.example\\@testserver/",
]
HOST = "testserver"


@pytest.fixture
def world(shared_world, db):
    """One world for the module (tests/conftest.py: shared_world)."""
    return shared_world


def lands_on(response, page: str) -> tuple[str, str | None]:
    """(scheme, host) a browser on `page` goes to when it follows `response`'s Location."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    location = location.strip("".join(map(chr, range(0x21))))
    location = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    # After "//" a browser skips any further slashes to the host ("///evil.example").
    location = re.sub(r"^((?:https?:)?)/{2,}", r"\1//", location, flags=re.IGNORECASE)
    target = urlsplit(urljoin(f"http://{HOST}{page}", location))
    return target.scheme, target.hostname


def off_site(cases) -> list:
    """The payloads, among (payload, response, page), whose redirect leaves the site."""
    return [
        (payload, response.get("Location"))
        for payload, response, page in cases
        if lands_on(response, page) != ("http", HOST)
    ]


def log_in(client, user, path: str = "/accounts/login/", **data):
    return client.post(path, {"username": user.email, "password": PASSWORD, **data})


def test_log_in_next_in_the_form_never_leaves_the_site(world):
    cases = [
        (payload, log_in(Client(), world.buyer, next=payload), "/accounts/login/")
        for payload in OFF_SITE
    ]
    assert off_site(cases) == []


def test_log_in_next_in_the_query_never_leaves_the_site(world):
    cases = []
    for payload in OFF_SITE:
        page = "/accounts/login/?" + urlencode({"next": payload})
        cases.append((payload, log_in(Client(), world.buyer, page), page))
    assert off_site(cases) == []


def test_log_in_page_of_someone_logged_in_never_sends_them_off_site(world, client):
    client.force_login(world.buyer)
    cases = []
    for payload in OFF_SITE:
        page = "/accounts/login/?" + urlencode({"next": payload})
        cases.append((payload, client.get(page), page))
    assert off_site(cases) == []


def test_a_safe_next_is_still_followed(world):
    """The check refuses only what leaves: a page of ours is where log-in goes."""
    response = log_in(Client(), world.buyer, next="/requests/?page=2")
    assert response["Location"] == "/requests/?page=2"


def test_log_out_next_never_leaves_the_site(world):
    cases = []
    for payload in OFF_SITE:
        client = Client()
        client.force_login(world.buyer)
        response = client.post("/accounts/logout/", {"next": payload})
        cases.append((payload, response, "/accounts/logout/"))
    assert off_site(cases) == []


@pytest.mark.parametrize("persona", ["anonymous", "buyer"])
def test_the_language_switch_never_leaves_the_site(world, client, persona):
    """Neither its `next` nor, when that is refused, the Referer it falls back to."""
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    cases = []
    for payload in OFF_SITE:
        response = client.post("/accounts/language/", {"language": "de", "next": payload})
        cases.append((payload, response, "/orders/"))
        response = client.post(
            "/accounts/language/", {"language": "de"}, headers={"Referer": payload}
        )
        cases.append((f"Referer: {payload}", response, "/orders/"))
        response = client.post(
            "/accounts/language/?" + urlencode({"next": payload}), {"language": "de"}
        )
        cases.append((f"?next={payload}", response, "/orders/"))
    assert off_site(cases) == []


def test_the_console_s_log_in_and_log_out_never_leave_the_site(world):
    cases = []
    for payload in OFF_SITE:
        client = Client()
        page = "/admin/login/?" + urlencode({"next": payload})
        cases.append((payload, log_in(client, world.platform_admin, page), page))
        cases.append((f"logged in: {payload}", client.get(page), page))
        response = client.post("/admin/logout/", {"next": payload})
        cases.append((f"log out: {payload}", response, "/admin/logout/"))
    assert off_site(cases) == []


def test_the_inbox_bulk_back_never_leaves_the_site(world, client):
    """Valid or not, the bulk form goes back to the inbox with its own filters only."""
    client.force_login(world.seller_agent)
    cases = []
    for payload in OFF_SITE:
        for data in (
            {"back": payload},
            {"back": payload, "action": "read", "threads": [world.thread.pk]},
            {"back": f"view=all&next={payload}", "action": "read", "threads": [world.thread.pk]},
        ):
            response = client.post(reverse("helpdesk:inbox_bulk"), data)
            assert response["Location"].startswith("/seller/inbox/")
            cases.append((payload, response, "/seller/inbox/"))
    assert off_site(cases) == []


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_next_is_written_back_into_the_log_in_page_escaped(db, path):
    payload = '"><script>alert(1)</script>'
    page = Client().get(path + "?" + urlencode({"next": payload})).content.decode()
    assert "<script>alert(1)" not in page
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
