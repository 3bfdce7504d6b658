"""Whatever a visitor puts in a query string or a form, a page answers with a page, a 400 or
a redirect, never a 500 (property-based: hypothesis writes the inputs).

The examples are derandomized: the same ones on every run, so a failure reproduces and the
suite never flakes; any change to a view's parsing is still met by hundreds of odd inputs.
"""

import uuid

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Every query parameter a page of the site reads, and a few it does not.
PARAMETERS = [
    "after",
    "insert",
    "cursor",
    "view",
    "topic",
    "market",
    "assigned",
    "page",
    "seller",
    "status",
    "q",
    "state",
    "kind",
    "next",
    "o",
]
NASTY = [
    "²",
    "٣",
    "-1",
    "0",
    "1e309",
    "99999999999999999999.1",
    "-99999999999999999999.-1",
    "1.2.3",
    ".",
    "\x00",
    "%00",
    "'; DROP TABLE helpdesk_message; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "a" * 3000,
    "NaN",
    "9" * 40,
]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
)
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4)
EXAMPLES = settings(
    max_examples=70,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def pages(world):
    """(persona, url) for every page the site shows by GET."""
    thread = world.thread.pk
    order = world.order.number
    return [
        ("anonymous", "/"),
        ("anonymous", "/accounts/login/"),
        ("anonymous", f"/sellers/{world.order.seller.slug}/"),
        ("buyer", "/orders/"),
        ("buyer", f"/orders/{order}/"),
        ("buyer", f"/orders/{order}/contact/"),
        ("buyer", "/requests/"),
        ("buyer", f"/threads/{thread}/"),
        ("buyer", f"/threads/{thread}/updates/"),
        ("seller_owner", f"/threads/{thread}/"),
        ("seller_owner", f"/threads/{thread}/updates/"),
        ("seller_owner", "/seller/inbox/"),
        ("seller_owner", "/seller/inbox/counts/"),
        ("seller_owner", "/seller/orders/"),
        ("seller_owner", "/seller/saved-replies/"),
        ("seller_owner", "/seller/notifications/"),
        ("seller_owner", "/seller/performance/"),
        ("seller_owner", f"/orders/{order}/"),
        ("platform_admin", "/admin/helpdesk/messagereview/"),
        ("platform_admin", "/admin/helpdesk/thread/"),
        ("platform_admin", "/admin/helpdesk/thread/search/"),
        ("platform_admin", "/admin/helpdesk/message/"),
        ("platform_admin", "/admin/sla/sanction/"),
    ]


def test_no_query_string_makes_a_page_fail(world, pages):
    """Issue 11 (6). Failed before: `?after=²`, `?insert=²` and an out-of-range inbox
    cursor answered 500."""
    clients = {persona: client_for(world, persona) for persona in {p for p, _ in pages}}
    for client in clients.values():
        client.raise_request_exception = False

    @EXAMPLES
    @given(index=st.integers(min_value=0, max_value=len(pages) - 1), query=QUERIES)
    def check(index, query):
        persona, url = pages[index]
        for headers in ({}, {"HX-Request": "true"}):
            response = clients[persona].get(url, query, headers=headers)
            assert response.status_code < 500, (persona, url, query, headers)

    check()


FORM_FIELDS = st.dictionaries(
    st.sampled_from(
        [
            "body",
            "topic",
            "lines",
            "type",
            "carrier",
            "tracking_number",
            "estimated_delivery",
            "amount",
            "note",
            "reason",
            "assignee",
            "title",
            "idempotency_key",
            "send_anyway",
            "text",
            "language",
            "next",
        ]
    ),
    VALUES,
    max_size=6,
)


def test_no_form_input_makes_a_post_fail(world):
    thread = world.thread.pk
    order = world.order.number
    posts = [
        ("buyer", f"/orders/{order}/contact/"),
        ("buyer", f"/orders/{order}/contact/check/"),
        ("buyer", f"/threads/{thread}/reply/"),
        ("buyer", f"/threads/{thread}/check/"),
        ("buyer", f"/threads/{thread}/escalate/"),
        ("seller_owner", f"/threads/{thread}/reply/"),
        ("seller_owner", f"/threads/{thread}/note/"),
        ("seller_owner", f"/threads/{thread}/status-update/"),
        ("seller_owner", f"/threads/{thread}/assign/"),
        ("seller_owner", f"/orders/{order}/status-update/"),
        ("seller_owner", "/seller/saved-replies/"),
        ("seller_owner", "/seller/notifications/"),
        ("buyer", "/accounts/language/"),
    ]
    clients = {persona: client_for(world, persona) for persona in {p for p, _ in posts}}
    for client in clients.values():
        client.raise_request_exception = False

    @EXAMPLES
    @given(index=st.integers(min_value=0, max_value=len(posts) - 1), data=FORM_FIELDS)
    def check(index, data):
        persona, url = posts[index]
        data = {"idempotency_key": str(uuid.uuid4()), **data}
        response = clients[persona].post(url, data)
        assert response.status_code < 500, (persona, url, data)

    check()


def test_the_reported_parameters_answer_cleanly(world):
    """The three found by the probe, named."""
    client = client_for(world, "seller_owner")
    thread = world.thread.pk
    assert (
        client.get(reverse("helpdesk:thread_updates", args=[thread]), {"after": "²"}).status_code
        == 200
    )
    assert client.get(reverse("helpdesk:thread", args=[thread]), {"insert": "²"}).status_code == 200
    inbox = client.get(reverse("helpdesk:inbox"), {"cursor": "99999999999999999999.1"})
    assert inbox.status_code == 200
