"""CSRF on every URL: a POST without a token is refused (403) before any view runs, from a
visitor and from the logged-in persona whose forms post there, and nothing changes.

The URLs are not listed by hand: the test walks Django's URL resolver, the console's
URLs included (every model's change list, add, change, delete and history pages, its
actions, the decisions and extra URLs ModelAdmin.get_urls adds), so a URL added tomorrow is
covered without a row here. A URL whose parameters it cannot fill fails the walk."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

# A sample value per converter: the CSRF check runs before the view, so the object need not
# exist; the URL only has to reach the view.
CONVERTER_SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "1",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
# Named groups of the console's regular-expression URLs.
GROUP_SAMPLES = {"app_label": "helpdesk", "url": "no-such-page/"}
PERSONAS = ["anonymous", "buyer", "seller_owner", "platform_admin"]


def who_could_post(route: str) -> str:
    """The logged-in persona whose forms post to `route` (the check is the same for
    everyone; a visitor posts to every URL too)."""
    if route.startswith("admin/"):
        return "platform_admin"
    if route.startswith(("seller/", "orders/<str:number>/status-update/")):
        return "seller_owner"
    return "buyer"


@pytest.fixture
def world(shared_world, db):
    """One world for the module (tests/conftest.py: shared_world)."""
    return shared_world


def _leaves(patterns, prefix=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _leaves(pattern.url_patterns, (*prefix, pattern.pattern))
        else:
            yield (*prefix, pattern.pattern), pattern


def _part(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>",
            lambda match: CONVERTER_SAMPLES[match[1] or "str"],
            str(pattern._route),
        )
    assert isinstance(pattern, RegexPattern), pattern
    regex = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: GROUP_SAMPLES[match[1]], pattern._regex)
    return regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")


def every_url() -> list[tuple[str, str, object]]:
    """(route, a URL that reaches its view, the view) for every URL pattern of the site and
    the console."""
    urls = []
    for chain, leaf in _leaves(get_resolver().url_patterns):
        route = "".join(str(part) for part in chain)
        url = "/" + "".join(_part(part) for part in chain)
        urls.append((route, url, leaf.callback))
    return urls


def database_state() -> dict[str, str]:
    """A digest of every table's rows."""
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})
    state = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                f' FROM "{table}" t'
            )
            state[table] = cursor.fetchone()[0]
    return state


def csrf_client(world, persona: str) -> Client:
    """A browser that never sends the token (another site's form, a forged request)."""
    client = Client(enforce_csrf_checks=True)
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


def refused_for_csrf(response) -> bool:
    """A 403 from the CSRF check (django.views.csrf.csrf_failure says why), not from a
    view's own refusal."""
    return response.status_code == 403 and bool(response.context and response.context.get("reason"))


def test_every_url_refuses_a_post_without_a_token_and_nothing_changes(world):
    urls = every_url()
    unreachable = [(route, url) for route, url, view in urls if resolve(url).func is not view]
    assert unreachable == []
    clients = {persona: csrf_client(world, persona) for persona in PERSONAS}
    before = database_state()
    wrong = []
    for route, url, _view in urls:
        for persona in ("anonymous", who_could_post(route)):
            response = clients[persona].post(url, {"body": "Forged", "action": "close"})
            if not refused_for_csrf(response):
                wrong.append((route, persona, response.status_code))
    assert wrong == []
    assert database_state() == before


def test_the_walk_reaches_the_site_s_and_the_console_s_post_urls(world):
    """The resolver walk is what covers new URLs: it must see the ones we know of."""
    routes = {route for route, _url, _view in every_url()}
    assert {
        "accounts/login/",
        "accounts/language/",
        "threads/<int:thread_id>/reply/",
        "orders/<str:number>/contact/",
        "seller/inbox/bulk/",
        "seller/absences/<int:absence_id>/cancel/",
        "seller/sanctions/<int:sanction_id>/appeal/",
        "admin/login/",
        "admin/helpdesk/messagereview/<path:object_id>/change/",
        "admin/sla/sanction/",  # the change list: its actions are POSTs
        "admin/helpdesk/thread/<int:thread_id>/escalation/<str:step>/",
    } <= routes
    assert len(routes) > 150


@pytest.mark.parametrize("persona", ["buyer", "seller_agent"])
def test_an_htmx_post_without_the_token_is_refused(world, persona):
    client = csrf_client(world, persona)
    response = client.post(
        f"/threads/{world.thread.pk}/check/", {"body": "Hello"}, headers={"HX-Request": "true"}
    )
    assert refused_for_csrf(response)


def test_the_token_from_the_page_lets_a_post_through(world):
    """The refusals above are CSRF's: the same POSTs with the token the page carries (in
    the form, or in the header htmx sends) get through."""
    client = csrf_client(world, "buyer")
    client.get(f"/threads/{world.thread.pk}/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        f"/threads/{world.thread.pk}/check/",
        {"body": "Hello"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    response = client.post("/accounts/language/", {"language": "fr", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_post_from_another_site_is_refused_even_with_a_token(world):
    client = csrf_client(world, "buyer")
    client.get(f"/threads/{world.thread.pk}/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        f"/threads/{world.thread.pk}/close/",
        {"csrfmiddlewaretoken": token},
        headers={"Origin": "https://evil.example"},
    )
    assert refused_for_csrf(response)
    world.thread.refresh_from_db()
    assert world.thread.is_open
