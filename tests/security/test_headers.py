"""The security headers of real responses: pages of every persona, htmx fragments, the
console, error pages. A strict Content-Security-Policy (settings.CONTENT_SECURITY_POLICY,
core.middleware), nosniff, a same-origin Referrer-Policy, no framing; the session, CSRF and
language cookies out of scripts' reach and not sent by other sites' requests."""

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import client_for
from tests.factories import PASSWORD

# (persona, URL, htmx?, status): a sample of each persona's pages and fragments.
PAGES = [
    ("anonymous", "/", False, 200),
    ("anonymous", "/accounts/login/", False, 200),
    ("anonymous", "/sellers/maison-test/", False, 200),
    ("anonymous", "/admin/login/", False, 200),
    ("anonymous", "/no-such-page/", False, 404),
    ("buyer", "/orders/", False, 200),
    ("buyer", "/orders/2026-100-0001/", False, 200),
    ("buyer", "/orders/2026-100-0001/contact/", False, 200),
    ("buyer", "/requests/", False, 200),
    ("buyer", "/threads/{thread}/", False, 200),
    ("buyer", "/threads/{thread}/updates/?after=0", True, 200),
    ("buyer", "/accounts/password/", False, 200),
    ("buyer", "/threads/{other_thread}/", False, 404),
    ("buyer", "/threads/{thread}/reply/", False, 405),
    ("buyer", "/seller/inbox/", False, 404),
    ("seller_agent", "/seller/inbox/", False, 200),
    ("seller_agent", "/seller/inbox/?view=all", True, 200),
    ("seller_agent", "/seller/inbox/counts/", True, 200),
    ("seller_agent", "/threads/{thread}/", False, 200),
    ("seller_agent", "/seller/orders/", False, 200),
    ("seller_agent", "/seller/performance/", False, 200),
    ("seller_agent", "/seller/saved-replies/", False, 200),
    ("seller_owner", "/seller/absences/", False, 200),
    ("seller_owner", "/seller/notifications/", False, 200),
    ("seller_owner", "/seller/saved-replies/{saved_reply}/edit/", False, 200),
    ("platform_admin", "/admin/", False, 200),
    ("platform_admin", "/admin/helpdesk/thread/", False, 200),
    ("platform_admin", "/admin/helpdesk/thread/{thread}/change/", False, 200),
    ("platform_admin", "/admin/helpdesk/messagereview/", False, 200),
    ("platform_admin", "/admin/accounts/seller/{seller}/change/", False, 200),
    ("platform_admin", "/admin/sla/sanction/add/", False, 200),
    ("platform_admin", "/admin/helpdesk/thread/search/?q=lamp", False, 200),
]
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:"}


@pytest.fixture
def world(shared_world, db):
    """One world for the module (tests/conftest.py: shared_world)."""
    return shared_world


def policy_of(response) -> dict[str, list[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        assert name not in directives, f"{name} twice"
        directives[name] = sources
    return directives


def strict_header_problems(response) -> list[str]:
    """What is missing or loose in a page's security headers (empty: none)."""
    policy = policy_of(response)
    scripts = policy.get("script-src", policy.get("default-src"))
    problems = [
        f"{name}: {value!r}"
        for name, value, wanted in [
            ("default-src", policy.get("default-src"), [["'self'"], ["'none'"]]),
            ("script-src", scripts, [["'self'"]]),
            ("style-src", policy.get("style-src"), [["'self'"]]),
            ("object-src", policy.get("object-src"), [["'none'"]]),
            ("base-uri", policy.get("base-uri"), [["'self'"], ["'none'"]]),
            ("frame-ancestors", policy.get("frame-ancestors"), [["'none'"]]),
            ("form-action", policy.get("form-action"), [["'self'"]]),
        ]
        if value not in wanted
    ]
    problems += [
        f"{name} allows {source}"
        for name, sources in policy.items()
        for source in sources
        if source in UNSAFE_SOURCES and not (name == "img-src" and source == "data:")
    ]
    problems += [
        f"{header}: {response.get(header)!r}"
        for header, wanted in [
            ("X-Content-Type-Options", {"nosniff"}),
            ("Referrer-Policy", {"same-origin", "no-referrer", "strict-origin"}),
            ("X-Frame-Options", {"DENY"}),
            ("Cross-Origin-Opener-Policy", {"same-origin"}),
        ]
        if response.get(header) not in wanted
    ]
    return problems


def test_every_sampled_page_sends_the_strict_headers(world):
    """Each persona's pages, fragments and errors, the console's pages."""
    clients = {}
    wrong = []
    for persona, url, htmx, status in PAGES:
        client = clients.setdefault(persona, client_for(world, persona))
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get(url.format(**world.ids()), headers=headers)
        if response.status_code != status:
            wrong.append((persona, url, response.status_code))
        elif problems := strict_header_problems(response):
            wrong.append((persona, url, problems))
    assert wrong == []


def test_refusals_send_the_strict_headers_too(world):
    """A form refused (400), a CSRF failure (403), a log-out by GET (405)."""
    client = client_for(world, "buyer")
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(world.buyer)
    responses = [
        (400, client.post(f"/threads/{world.thread.pk}/reply/", {})),
        (403, forged.post(f"/threads/{world.thread.pk}/close/")),
        (405, client.get("/accounts/logout/")),
    ]
    assert [(r.status_code, strict_header_problems(r)) for _, r in responses] == [
        (status, []) for status, _ in responses
    ]


def test_the_session_cookie_is_for_the_server_only(world):
    response = Client().post(
        "/accounts/login/", {"username": world.buyer.email, "password": PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == (True if settings.SESSION_COOKIE_SECURE else "")
    assert cookie["path"] == "/"


def test_the_csrf_cookie_is_for_the_server_only(db):
    cookie = Client().get("/accounts/login/").cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == (True if settings.CSRF_COOKIE_SECURE else "")


def test_the_language_cookie_is_for_the_server_only(db):
    response = Client().post("/accounts/language/", {"language": "fr"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
