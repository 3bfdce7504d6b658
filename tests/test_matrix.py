"""Every URL × every persona → the expected status (pretix-style matrix).

A new view is not done until it has a row here. 404 (not 403) for what a persona may not
see: "missing" and "not yours" look the same.
"""

import re

import pytest
from django.db import transaction
from django.urls import get_resolver

from sla.sanctions import sanction_apply
from tests.conftest import PERSONAS, client_for

A, B, OB, SA, SO, OSA, PA = PERSONAS  # anonymous, buyer, other_buyer, seller_agent, ...

LOGIN = 302  # anonymous visitors are sent to the log-in page


def statuses(
    anonymous,
    buyer,
    other_buyer,
    seller_agent,
    other_seller_agent,
    platform_admin,
    *,
    seller_owner=None,
):
    """Expected statuses; the owner of seller_agent's shop gets what the agent gets unless
    told otherwise (what only an owner may do)."""
    return {
        A: anonymous,
        B: buyer,
        OB: other_buyer,
        SA: seller_agent,
        SO: seller_agent if seller_owner is None else seller_owner,
        OSA: other_seller_agent,
        PA: platform_admin,
    }


MATRIX = [
    # (name, method, url, extra headers, {persona: status})
    ("home", "get", "/", {}, statuses(200, 302, 302, 302, 302, 302)),
    ("healthz", "get", "/healthz", {}, statuses(200, 200, 200, 200, 200, 200)),
    ("login", "get", "/accounts/login/", {}, statuses(200, 302, 302, 302, 302, 302)),
    ("password", "get", "/accounts/password/", {}, statuses(LOGIN, 200, 200, 200, 200, 200)),
    (
        "password done",
        "get",
        "/accounts/password/done/",
        {},
        statuses(LOGIN, 200, 200, 200, 200, 200),
    ),
    ("logout by GET", "get", "/accounts/logout/", {}, statuses(405, 405, 405, 405, 405, 405)),
    ("logout", "post", "/accounts/logout/", {}, statuses(302, 302, 302, 302, 302, 302)),
    ("language", "post", "/accounts/language/", {}, statuses(302, 302, 302, 302, 302, 302)),
    ("my orders", "get", "/orders/", {}, statuses(LOGIN, 200, 200, 200, 200, 200)),
    (
        "buyer's order",
        "get",
        "/orders/2026-100-0001/",
        {},
        statuses(LOGIN, 200, 404, 200, 404, 404),
    ),
    (
        "other buyer's order",
        "get",
        "/orders/2026-200-0002/",
        {},
        statuses(LOGIN, 404, 200, 404, 200, 404),
    ),
    (
        "missing order",
        "get",
        "/orders/2026-999-9999/",
        {},
        statuses(LOGIN, 404, 404, 404, 404, 404),
    ),
    ("order by POST", "post", "/orders/2026-100-0001/", {}, statuses(405, 405, 405, 405, 405, 405)),
    ("seller orders", "get", "/seller/orders/", {}, statuses(LOGIN, 404, 404, 200, 200, 404)),
    (
        "seller orders, filtered",
        "get",
        "/seller/orders/?market=FR&status=shipped&q=2026",
        {},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        "seller orders partial",
        "get",
        "/seller/orders/?status=placed",
        {"HX-Request": "true"},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    # Helpdesk: buyer side
    ("my requests", "get", "/requests/", {}, statuses(LOGIN, 200, 200, 200, 200, 200)),
    (
        "contact seller",
        "get",
        "/orders/2026-100-0001/contact/",
        {},
        statuses(LOGIN, 200, 404, 403, 404, 404),
    ),
    (
        "contact seller, empty post",
        "post",
        "/orders/2026-100-0001/contact/",
        {},
        statuses(LOGIN, 200, 404, 403, 404, 404),
    ),
    ("thread", "get", "/threads/{thread}/", {}, statuses(LOGIN, 200, 404, 200, 404, 404)),
    (
        "other thread",
        "get",
        "/threads/{other_thread}/",
        {},
        statuses(LOGIN, 404, 200, 404, 200, 404),
    ),
    ("missing thread", "get", "/threads/999999/", {}, statuses(LOGIN, 404, 404, 404, 404, 404)),
    (
        "thread updates partial",
        "get",
        "/threads/{thread}/updates/?after=0",
        {"HX-Request": "true"},
        statuses(LOGIN, 200, 404, 200, 404, 404),
    ),
    (
        "older entries partial",
        "get",
        "/threads/{thread}/older/?before={attachment_message}",
        {"HX-Request": "true"},
        statuses(LOGIN, 200, 404, 200, 404, 404),
    ),
    (
        "attachment",
        "get",
        "/attachments/{attachment}/",
        {},
        statuses(LOGIN, 200, 404, 200, 404, 404),
    ),
    (
        "missing attachment",
        "get",
        "/attachments/999999/",
        {},
        statuses(LOGIN, 404, 404, 404, 404, 404),
    ),
    (
        "draft check",
        "post",
        "/threads/{thread}/check/",
        {"HX-Request": "true"},
        statuses(LOGIN, 200, 404, 200, 404, 404),
    ),
    (
        "draft check, other thread",
        "post",
        "/threads/{other_thread}/check/",
        {"HX-Request": "true"},
        statuses(LOGIN, 404, 200, 404, 200, 404),
    ),
    (
        "draft check by GET",
        "get",
        "/threads/{thread}/check/",
        {},
        statuses(LOGIN, 405, 405, 405, 405, 405),
    ),
    (
        "contact draft check",
        "post",
        "/orders/2026-100-0001/contact/check/",
        {"HX-Request": "true"},
        statuses(LOGIN, 200, 404, 403, 404, 404),
    ),
    (
        "contact draft check, other order",
        "post",
        "/orders/2026-200-0002/contact/check/",
        {"HX-Request": "true"},
        statuses(LOGIN, 404, 200, 404, 403, 404),
    ),
    (
        "reply, empty",
        "post",
        "/threads/{thread}/reply/",
        {},
        statuses(LOGIN, 400, 404, 400, 404, 404),
    ),
    (
        "reply to other thread",
        "post",
        "/threads/{other_thread}/reply/",
        {},
        statuses(LOGIN, 404, 400, 404, 400, 404),
    ),
    (
        "note, empty",
        "post",
        "/threads/{thread}/note/",
        {},
        statuses(LOGIN, 403, 404, 400, 404, 404),
    ),
    (
        "status update, empty",
        "post",
        "/threads/{thread}/status-update/",
        {},
        statuses(LOGIN, 403, 404, 400, 404, 404),
    ),
    (
        "assign nobody",
        "post",
        "/threads/{thread}/assign/",
        {},
        statuses(LOGIN, 403, 404, 302, 404, 404),
    ),
    (
        "no reply needed",
        "post",
        "/threads/{thread}/no-reply-needed/",
        {},
        statuses(LOGIN, 403, 404, 302, 404, 404),
    ),
    ("close", "post", "/threads/{thread}/close/", {}, statuses(LOGIN, 302, 404, 302, 404, 404)),
    ("reopen", "post", "/threads/{thread}/reopen/", {}, statuses(LOGIN, 302, 404, 302, 404, 404)),
    (
        "was it answered, empty",
        "post",
        "/threads/{thread}/rate/",
        {},
        statuses(LOGIN, 302, 404, 403, 404, 404),
    ),
    (
        "escalate, empty",
        "post",
        "/threads/{thread}/escalate/",
        {},
        statuses(LOGIN, 400, 404, 403, 404, 404),
    ),
    (
        "thread by GET only",
        "get",
        "/threads/{thread}/reply/",
        {},
        statuses(LOGIN, 405, 405, 405, 405, 405),
    ),
    (
        "order status update, empty",
        "post",
        "/orders/2026-100-0001/status-update/",
        {},
        statuses(LOGIN, 403, 404, 302, 404, 404),
    ),
    # Helpdesk: seller side
    ("inbox", "get", "/seller/inbox/", {}, statuses(LOGIN, 404, 404, 200, 200, 404)),
    (
        "inbox, all, partial",
        "get",
        "/seller/inbox/?view=all&assigned=me",
        {"HX-Request": "true"},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        "inbox, search and sort",
        "get",
        "/seller/inbox/?q=lamp&sort=oldest&view=new",
        {},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        "inbox bulk action, empty post",
        "post",
        "/seller/inbox/bulk/",
        {},
        statuses(LOGIN, 404, 404, 302, 302, 404),
    ),
    (
        "inbox counts",
        "get",
        "/seller/inbox/counts/",
        {"HX-Request": "true"},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        "saved replies",
        "get",
        "/seller/saved-replies/",
        {},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        "saved replies, empty post",
        "post",
        "/seller/saved-replies/",
        {},
        statuses(LOGIN, 404, 404, 403, 403, 404, seller_owner=200),
    ),
    (
        "edit saved reply",
        "get",
        "/seller/saved-replies/{saved_reply}/edit/",
        {},
        statuses(LOGIN, 404, 404, 403, 404, 404, seller_owner=200),
    ),
    (
        "edit saved reply, empty post",
        "post",
        "/seller/saved-replies/{saved_reply}/edit/",
        {},
        statuses(LOGIN, 404, 404, 403, 404, 404, seller_owner=200),
    ),
    (
        "edit other seller's saved reply",
        "get",
        "/seller/saved-replies/{other_saved_reply}/edit/",
        {},
        statuses(LOGIN, 404, 404, 404, 403, 404),
    ),
    (
        "move saved reply, no direction",
        "post",
        "/seller/saved-replies/{saved_reply}/move/",
        {},
        statuses(LOGIN, 404, 404, 403, 404, 404, seller_owner=400),
    ),
    (
        "move saved reply by GET",
        "get",
        "/seller/saved-replies/{saved_reply}/move/",
        {},
        statuses(LOGIN, 405, 405, 405, 405, 405),
    ),
    (
        "move other seller's saved reply",
        "post",
        "/seller/saved-replies/{other_saved_reply}/move/",
        {},
        statuses(LOGIN, 404, 404, 404, 403, 404),
    ),
    (
        "confirm deleting saved reply",
        "get",
        "/seller/saved-replies/{saved_reply}/delete/",
        {},
        statuses(LOGIN, 404, 404, 403, 404, 404, seller_owner=200),
    ),
    (
        "delete saved reply",
        "post",
        "/seller/saved-replies/{saved_reply}/delete/",
        {},
        statuses(LOGIN, 404, 404, 403, 404, 404, seller_owner=302),
    ),
    (
        "delete other seller's saved reply",
        "post",
        "/seller/saved-replies/{other_saved_reply}/delete/",
        {},
        statuses(LOGIN, 404, 404, 404, 403, 404),
    ),
    (
        "notification settings",
        "get",
        "/seller/notifications/",
        {},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        "notification settings, empty post",
        "post",
        "/seller/notifications/",
        {},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    ("absences", "get", "/seller/absences/", {}, statuses(LOGIN, 404, 404, 200, 200, 404)),
    (
        "absences, empty post",
        "post",
        "/seller/absences/",
        {},
        statuses(LOGIN, 404, 404, 200, 200, 404),
    ),
    (
        # The owner's own, to come (tests/conftest.py): the owner is asked to confirm, an
        # agent may not cancel it.
        "cancel an absence, asked first",
        "post",
        "/seller/absences/{absence}/cancel/",
        {},
        statuses(LOGIN, 404, 404, 403, 404, 404, seller_owner=200),
    ),
    (
        "cancel a missing absence",
        "post",
        "/seller/absences/999999/cancel/",
        {},
        statuses(LOGIN, 404, 404, 404, 404, 404),
    ),
    (
        "cancel an absence by GET",
        "get",
        "/seller/absences/{absence}/cancel/",
        {},
        statuses(LOGIN, 405, 405, 405, 405, 405),
    ),
    # Response deadlines
    ("performance", "get", "/seller/performance/", {}, statuses(LOGIN, 404, 404, 200, 200, 404)),
    (
        "appeal own seller's sanction, empty",
        "post",
        "/seller/sanctions/{sanction}/appeal/",
        {},
        statuses(LOGIN, 404, 404, 302, 404, 404),
    ),
    (
        "appeal a missing sanction",
        "post",
        "/seller/sanctions/999999/appeal/",
        {},
        statuses(LOGIN, 404, 404, 404, 404, 404),
    ),
    (
        "appeal by GET",
        "get",
        "/seller/sanctions/{sanction}/appeal/",
        {},
        statuses(LOGIN, 405, 405, 405, 405, 405),
    ),
    ("seller profile", "get", "/sellers/maison-test/", {}, statuses(200, 200, 200, 200, 200, 200)),
    (
        "missing seller profile",
        "get",
        "/sellers/nobody/",
        {},
        statuses(404, 404, 404, 404, 404, 404),
    ),
    (
        "admin clocks",
        "get",
        "/admin/sla/responseclock/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    ("admin sanctions", "get", "/admin/sla/sanction/", {}, statuses(302, 302, 302, 302, 302, 200)),
    (
        "admin add sanction",
        "get",
        "/admin/sla/sanction/add/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    (
        "admin exemptions",
        "get",
        "/admin/sla/clockexemption/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    # Admin console
    ("admin", "get", "/admin/", {}, statuses(302, 302, 302, 302, 302, 200)),
    ("admin threads", "get", "/admin/helpdesk/thread/", {}, statuses(302, 302, 302, 302, 302, 200)),
    (
        "admin thread",
        "get",
        "/admin/helpdesk/thread/{thread}/change/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    (
        "admin messages",
        "get",
        "/admin/helpdesk/message/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    (
        "admin moderation queue",
        "get",
        "/admin/helpdesk/messagereview/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    (
        "admin moderation queue, all decisions",
        "get",
        "/admin/helpdesk/messagereview/?state=all&kind=phone",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    ("admin orders", "get", "/admin/orders/order/", {}, statuses(302, 302, 302, 302, 302, 200)),
    ("admin users", "get", "/admin/accounts/user/", {}, statuses(302, 302, 302, 302, 302, 200)),
    ("admin sellers", "get", "/admin/accounts/seller/", {}, statuses(302, 302, 302, 302, 302, 200)),
    (
        "admin seller",
        "get",
        "/admin/accounts/seller/{seller}/change/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
    (
        "admin heartbeats",
        "get",
        "/admin/sla/heartbeat/",
        {},
        statuses(302, 302, 302, 302, 302, 200),
    ),
]


@pytest.fixture
def world(shared_world, db):
    """The module's one world (tests/conftest.py: shared_world)."""
    return shared_world


@pytest.mark.parametrize(
    ("method", "url", "headers", "expected"),
    [pytest.param(m, u, h, e, id=name) for name, m, u, h, e in MATRIX],
)
def test_url_matrix(world, method, url, headers, expected):
    """One row, every persona. Each persona's request runs in a savepoint rolled back after
    it, so each sees the world as it was built (a "close" by one is not seen by the next),
    as if it had a world of its own; the mismatches of the row are reported together."""
    ids = world.ids()
    if "{sanction}" in url:
        ids["sanction"] = sanction_apply(
            seller=world.order.seller, kind="warning", reason="x", by=world.platform_admin
        ).pk
    wrong = []
    for persona in PERSONAS:
        savepoint = transaction.savepoint()
        try:
            response = getattr(client_for(world, persona), method)(
                url.format(**ids), headers=headers
            )
        finally:
            transaction.savepoint_rollback(savepoint)
        if response.status_code != expected[persona]:
            wrong.append((persona, response.status_code, expected[persona]))
            continue
        public = url.startswith(("/admin", "/accounts", "/sellers/"))
        to_login = response.get("Location", "").startswith("/accounts/login/?next=")
        if expected[persona] == LOGIN and persona == A and not public and not to_login:
            wrong.append((persona, response["Location"], "/accounts/login/?next="))
    assert wrong == []


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _matches(route: str, url: str) -> bool:
    url = re.sub(r"\{\w+\}", "1", url)
    return re.fullmatch("/" + re.sub(r"<[^>]+>", "[^/]+", route), url) is not None


def test_every_url_pattern_is_in_the_matrix():
    """Adding a view without a matrix row fails here (the admin has its own rows)."""
    urls = {url.split("?")[0] for _, _, url, _, _ in MATRIX}
    missing = [
        route
        for route in _routes(get_resolver().url_patterns)
        if not route.startswith("admin/") and not any(_matches(route, url) for url in urls)
    ]
    assert missing == []
