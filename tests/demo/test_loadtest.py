"""`make loadtest`'s pieces (demo.loadtest), in the normal suite because they are cheap: its
personas, its due clocks (they keep the record's invariants, chain included), the client's
actions through the real pages, and its verdict on a database outage."""

import urllib.parse
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.hashers import check_password

from accounts.models import User
from demo.loadgen.generate import load_data_generate
from demo.loadtest.client import (
    OUTAGE_GRACE,
    Browser,
    Outage,
    Persona,
    Post,
    Record,
    Sample,
    hidden_fields,
    verdict,
)
from demo.loadtest.world import due_clocks_seed, personas_prepare
from demo.management.commands.loadtest_client import error_pages
from helpdesk.invariants import Acknowledged, acknowledged_check, invariants_check
from helpdesk.models import MessageReview
from outbox.models import Notification
from sla.models import ResponseClock
from sla.sweep import sla_sweep

FRENCH = "Bonjour, nous avons bien reçu votre demande et nous regardons cela aujourd'hui."


@pytest.mark.django_db
def test_personas_are_team_members_and_buyers_of_the_load_data_with_one_password():
    # The generator's random draws depend on the clock (a conversation stops at "now"): at a
    # fixed instant the seed gives the same load data whenever the suite runs (at 06:40 UTC
    # on 3 December 2026 the first team's orders had three buyers, not four).
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=UTC)):
        load_data_generate(threads=80, seed=3, batch=40, background=False, vacuum=False)
    world = personas_prepare(buyers=4, sellers=1, password="load-pw")
    roles = [p["role"] for p in world["personas"]]
    assert roles == ["seller", "buyer", "buyer", "buyer", "buyer"]
    for persona in world["personas"]:
        assert check_password("load-pw", User.objects.get(email=persona["email"]).password)
    assert set(world["orders"].values()) <= {
        "FR",
        "DE",
        "AT",
        "PL",
        "CZ",
        "SK",
        "HU",
        "RO",
        "ES",
        "IT",
    }
    with pytest.raises(LookupError, match="1000 are needed"):
        personas_prepare(buyers=1000, sellers=1, password="load-pw")


@pytest.mark.django_db
def test_due_clocks_keep_every_invariant_and_the_sweep_tells_each_once():
    seller = due_clocks_seed(clocks=25)
    assert [c.name for c in invariants_check() if not c.holds] == []
    result = sla_sweep(batch=10)
    assert result.breached == 25
    assert ResponseClock.objects.filter(seller_id=seller, breached_at__isnull=False).count() == 25
    notices = Notification.objects.filter(kind=Notification.Kind.BREACH, clock__seller_id=seller)
    assert notices.count() == 25
    assert notices.filter(digest=True).count() == 25  # recorded, not e-mailed during the run
    assert [c.name for c in invariants_check() if not c.holds] == []


def test_the_error_page_is_known_in_every_language():
    pages = error_pages()
    assert len(pages) == 10
    assert all("<h1>" in page for page in pages)


@pytest.mark.django_db(transaction=True)
def test_a_seller_and_a_buyer_post_through_the_pages_and_their_posts_are_acknowledged(
    world, live_server
):
    for user in (world.seller_agent, world.buyer):
        user.set_password("load-pw")
        user.save()
    address = urllib.parse.urlsplit(live_server.url)
    record = Record()

    def persona(user, role):
        return Persona(
            email=user.email,
            role=role,
            password="load-pw",
            browser=Browser(address.hostname, address.port, user.email, record, error_pages()),
            record=record,
            markets={world.order.number: "FR"},
            texts={"fr": [FRENCH]},
            until=0,
            seed=1,
        )

    seller, buyer = persona(world.seller_agent, "seller"), persona(world.buyer, "buyer")
    assert seller.log_in()
    assert buyer.log_in()
    thread = world.thread.pk
    page = seller.browser.get(f"/threads/{thread}/", "thread").body
    seller.reply(thread, page)
    page = seller.browser.get(f"/threads/{thread}/", "thread").body
    seller.status_update(thread, page)
    page = seller.browser.get(f"/threads/{thread}/", "thread").body
    seller.reply(thread, page, phone=True)  # stopped by the check, sent anyway: held
    buyer.open_request(world.order.number)
    assert [p.kind for p in record.posts] == ["reply", "status_update", "reply", "open"]
    assert [p.checked for p in record.posts[:3]] == [False, False, True]
    assert record.refused == {}
    assert {s.status for s in record.samples} == {200, 302}
    assert MessageReview.objects.filter(action=MessageReview.Action.HOLD).count() == 1
    posts = [Acknowledged(p.kind, p.author, p.key, p.thread, p.text) for p in record.posts]
    assert acknowledged_check(posts).holds


def test_forms_are_found_by_where_they_post():
    page = (
        '<form action="/accounts/language/"><input type="hidden" name="next" value="/"></form>'
        '<form method="post" enctype="multipart/form-data">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="t&amp;k">'
        '<input type="hidden" name="idempotency_key" value="k1" id="id_key">'
        '<textarea name="body"></textarea></form>'
    )
    assert hidden_fields(page, "") == {"csrfmiddlewaretoken": "t&k", "idempotency_key": "k1"}
    assert hidden_fields(page, "/accounts/language/") == {"next": "/"}
    assert hidden_fields(page, "/threads/1/reply/") == {}


def sample(start, status, *, error_page=False):
    return Sample(start, start + 0.2, "p@example.com", "thread", "GET", status, error_page)


PERSONAS = [
    {"email": "s@example.com", "role": "seller"},
    {"email": "b@example.com", "role": "buyer"},
]


def posted() -> list[Post]:
    return [
        Post("open", "b@example.com", "k1", 1, "Hello"),
        Post("reply", "s@example.com", "k2", 1, "Hi", checked=True),
        Post("status_update", "s@example.com", "k3", 1, "repair_started"),
    ]


def test_errors_are_allowed_only_during_the_outage_and_only_as_the_error_page():
    outage = Outage(down=100.0, up=101.0)
    record = Record(
        samples=[
            sample(90.0, 200),
            sample(100.5, 500, error_page=True),  # during the outage: clean
            sample(101.0 + OUTAGE_GRACE - 1, 500, error_page=True),  # recovering
            sample(100.6, 502),  # during the outage, but not the application's page
            sample(110.0, 200),
            sample(120.0, 500, error_page=True),  # long after: a failure
            sample(121.0, 0),  # no answer at all
        ],
        posts=posted(),
    )
    result = verdict(record, personas=PERSONAS, outage=outage)
    assert len(result.failures) == 3
    assert "during the outage, not the error page" in result.failures[0]
    assert result.failures[1].startswith("GET thread by p@example.com: 500 at ")
    assert result.failures[2].startswith("GET thread by p@example.com: no answer () at ")
    assert any(
        line.startswith("postgres restart: down for 1.0 s; 3 requests") for line in result.lines
    )


def test_a_load_that_never_posted_some_kind_fails():
    record = Record(samples=[sample(1.0, 200)], posts=posted()[:1])
    failures = verdict(record, personas=PERSONAS, outage=None).failures
    assert failures == [
        "no reply was acknowledged: the load did not exercise it",
        "no status update was acknowledged: the load did not exercise it",
        "no reply held for review was acknowledged",
    ]
    assert verdict(
        Record(samples=[sample(1.0, 200)], posts=posted()), personas=PERSONAS, outage=None
    ).passed
