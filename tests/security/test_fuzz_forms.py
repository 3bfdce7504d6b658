"""Issue 16: whatever a person types, ticks, leaves out or forges in a form, a query string
or a URL, the site answers with a page, a redirect or a refusal (200, 302, 400, 403, 404,
405, 429), never a 500.

Property-based: hypothesis writes hostile values for every field of every form the site
serves (GET and POST), posted as the persona the form is for (tests/conftest.py), with the
CSRF check off (the test client's default): any unicode (NUL, lone combining marks, RTL
overrides), strings at their field's limit and far beyond it, numbers that are not numbers
("1e309", "NaN", "٣"), malformed dates and UUIDs, inbox cursors, unknown choices, repeated
and missing fields, and the ids of other people's objects. Every URL that takes something
in its path gets hostile paths, the console's included.

`test_every_url_is_fuzzed` walks the URL patterns: a URL added later without a row in
FORMS fails there (the console's extra URLs too).

The examples are derandomized (the same ones on every run, so a failure reproduces and the
suite never flakes). The module builds one world (`shared_world`) and a few objects more;
each example runs in a savepoint rolled back after it, so every example sees the same
world. About 20 s on one core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pytest
import time_machine
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.models import SellerMember
from helpdesk.models import Message, MessageReview, Role
from helpdesk.saved_replies import PLACEHOLDERS, fill_placeholders
from helpdesk.services import message_post, thread_escalate
from sla.sanctions import sanction_appeal, sanction_apply
from tests.conftest import PERSONAS, World, client_for
from tests.factories import PASSWORD, pdf_bytes, png_bytes

# What a page may answer to anything: a page, a redirect, a refusal. Never a 500.
EXPECTED = {200, 302, 400, 403, 404, 405, 429}

# Each example runs in a savepoint rolled back after it (`_rolled_back`), and the world is
# the module's, built once (`shared_world`): that the function-scoped fixtures are not set
# up again for each example is what we want, so hypothesis' health check against it is
# turned off on purpose. So is the one against slow generation: the suite shares two busy
# cores, and how fast values are drawn is not what these tests are about.
FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Ref:
    """A value known once the world is built: a key of `refs` (an id, a number, a slug)."""

    name: str


def refs_of(*names: str) -> st.SearchStrategy[Ref]:
    return st.sampled_from([Ref(name) for name in names])


# Values ------------------------------------------------------------------------------------

HOSTILE = [
    "\x00",
    "a\x00b",
    "\u0301",  # a combining mark with nothing to combine with
    "\u0301\u0301\u0301x",
    "\u202e",  # right-to-left override
    "\u202egnp.exe",
    "\u200b\ufeff\u2028\u2029",
    "\U0001f600",
    "²",
    "٣",
    "\t\n\r\x0b\x0c",
    " ",
    "",
    "'; DROP TABLE helpdesk_message; --",
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}{% debug %}",
    "{buyer_name}{agent_name}{",
    "%s%n%(x)s",
    "../../etc/passwd",
    "\r\nSet-Cookie: x=1",
    "javascript:alert(1)",
]


def text(limit: int) -> st.SearchStrategy[str]:
    """Any text: hostile samples, arbitrary short unicode, and repeated characters at the
    field's limit, just beyond it and far beyond it."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=30),
        st.builds(
            lambda char, size: char * size,
            st.sampled_from(["a", "é", "\u0301", "\x00", "\U0001f600", "a "]),
            st.sampled_from([limit, limit + 1, 4 * limit + 3]),
        ),
    )


INTEGERS = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(
        [
            "-1",
            "0",
            "1e309",
            "NaN",
            "inf",
            "-inf",
            "1.5",
            "1,5",
            "0x1F",
            "1_000",
            " 7 ",
            "+3",
            "9" * 40,
            "٣",
            "²",
            "1\x00",
        ]
    ),
)
DATES = st.one_of(
    st.dates().map(str),
    st.sampled_from(
        [
            "2026-02-30",
            "0000-00-00",
            "99999-01-01",
            "2026-13-01",
            "2026-00-10",
            "9999-12-31",
            "0001-01-01",
            "2099-01-05",
            "2099-01-04",
            "2026-1-1",
            "31/12/2099",
            "2099-01-04T10:00",
            "\x00",
        ]
    ),
)
TIMES = st.sampled_from(["10:00", "10:00:00", "25:00", "23:59:60", "-1:00", "10:00:00.9999999"])
UUIDS = st.one_of(
    st.uuids().map(str),
    st.sampled_from(
        [
            "not-a-uuid",
            "0" * 32,
            "{12345678-1234-5678-1234-567812345678}",
            "urn:uuid:12345678-1234-5678-1234-567812345678",
            "g" * 32,
            "12345678-1234-5678-1234-56781234567\x00",
        ]
    ),
)
CURSORS = st.one_of(
    st.sampled_from(
        [
            "-.-",
            "9" * 40 + ".1",
            "-.1",
            "1.-1",
            ".",
            "1.2.3",
            "-9999999999999999999.1",
            "253402300800000000.1",  # the year 10000
            "-62135596800000001.1",  # before the year 1
            "0.0",
            "-." + "9" * 40,
        ]
    ),
    st.builds(
        lambda micros, pk: f"{micros}.{pk}",
        st.integers(min_value=-(10**20), max_value=10**20),
        st.integers(min_value=-10, max_value=10**20),
    ),
)
BOOLEANS = st.sampled_from(["on", "true", "1", "0", "false", "off", "", "\x00"])
# Another type than the field's.
WRONG = st.one_of(text(40), INTEGERS, DATES, UUIDS)


def any_of(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field's values, a value of another type, or the field repeated."""
    return st.one_of(values, WRONG, st.lists(values, min_size=2, max_size=3))


def choices(*values: str) -> st.SearchStrategy[str]:
    """The valid choices, and unknown ones."""
    return st.sampled_from([*values, "unknown", "\x00", values[0].upper(), f" {values[0]}"])


def ids(*names: str) -> st.SearchStrategy[Any]:
    return st.one_of(refs_of(*names), INTEGERS)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


FILES = st.lists(
    st.builds(
        upload,
        st.sampled_from(
            ["photo.png", "\x00.png", "\u202egnp.pdf", "a" * 300 + ".png", "..png", " "]
        ),
        st.sampled_from([png_bytes(), pdf_bytes(), b"", b"GIF89a", b"%PDF-1.4\n", b"\x00" * 64]),
    ),
    max_size=6,
)
TEAM = ("seller_agent_id", "seller_owner_id", "other_seller_agent_id", "buyer_id")
MARKETS = st.one_of(st.sampled_from(["FR", "fr", "DE", "XX", "", "\x00"]), text(5))
SLUGS = st.one_of(refs_of("slug", "other_slug"), text(20))
NEXT = st.one_of(
    st.sampled_from(
        ["/", "/orders/", "//evil.example/", "https://evil.example/", "/\\evil.example", "\x00"]
    ),
    text(40),
)
TOPICS = choices("return", "delivery", "order_updates")
STATUS_FIELDS = {
    "type": choices("shipped", "refund_issued", "return_received", "repair_finished", "delayed"),
    "carrier": choices("colissimo", "dhl", "inpost"),
    "tracking_number": text(40),
    "estimated_delivery": DATES,
    "amount": st.one_of(INTEGERS, st.sampled_from(["24.89", "24.895", "-0.01", "0.00"])),
    "note": text(1000),
    "idempotency_key": UUIDS,
}
INBOX_FIELDS = {
    "q": text(100),
    "view": choices("awaiting", "new", "open", "escalated", "closed", "all"),
    "sort": choices("due", "newest", "oldest"),
    "topic": TOPICS,
    "market": MARKETS,
    "assigned": choices("me", "nobody"),
    "cursor": CURSORS,
    "start": INTEGERS,
}
GENERIC = {"next": NEXT, "page": INTEGERS, "q": text(40)}


# The forms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    name: str  # the URL's name, as `resolve` gives it
    method: str
    url: str  # with {refs}
    personas: tuple[str, ...]
    fields: dict[str, st.SearchStrategy[Any]] = field(default_factory=dict)
    # Logs in, out or changes what a client is: a new client for each example.
    fresh_client: bool = False

    @property
    def id(self) -> str:
        return f"{self.method} {self.name} {self.url}"

    def values(self) -> st.SearchStrategy[dict[str, Any]]:
        """A submission the form takes (VALID) with one field made hostile, so the hostile
        value reaches the service behind the form; or every field with a value of its kind;
        or any of the fields (the others missing) with values of `any_of`. Sometimes a
        field the form does not know."""
        unknown = {"unknown": text(10)}
        branches = [
            st.fixed_dictionaries(self.fields, optional=unknown),
            st.fixed_dictionaries(
                {}, optional={**{k: any_of(v) for k, v in self.fields.items()}, **unknown}
            ),
        ]
        valid = VALID.get((self.name, self.method))
        if valid:
            one_field = st.one_of([st.fixed_dictionaries({k: v}) for k, v in self.fields.items()])
            branches.append(st.builds(lambda changed: {**valid, **changed}, one_field))
        return st.one_of(branches)


SELLERS = ("seller_agent", "seller_owner")
FORMS = [
    # Accounts
    Form("home", "get", "/", ("anonymous", "buyer", "seller_agent"), GENERIC),
    Form("healthz", "get", "/healthz", ("anonymous",), GENERIC),
    Form("accounts:login", "get", "/accounts/login/", ("anonymous",), {"next": NEXT}),
    Form(
        "accounts:login",
        "post",
        "/accounts/login/",
        ("anonymous",),
        {
            "username": st.one_of(
                st.sampled_from(
                    ["buyer@example.com", " BUYER@example.com ", "buyer@example.com\x00", "a@b"]
                ),
                text(254),
            ),
            "password": st.one_of(st.just(PASSWORD), text(100)),
            "next": NEXT,
        },
        fresh_client=True,
    ),
    Form("accounts:logout", "post", "/accounts/logout/", ("buyer",), GENERIC, fresh_client=True),
    Form("accounts:password_change", "get", "/accounts/password/", ("buyer",), GENERIC),
    Form(
        "accounts:password_change",
        "post",
        "/accounts/password/",
        ("buyer", "seller_agent"),
        {
            "old_password": st.one_of(st.just(PASSWORD), text(100)),
            "new_password1": st.one_of(st.just("Nüsse und 2 Äpfel!"), text(100)),
            "new_password2": st.one_of(st.just("Nüsse und 2 Äpfel!"), text(100)),
        },
        fresh_client=True,
    ),
    Form("accounts:password_change_done", "get", "/accounts/password/done/", ("buyer",), GENERIC),
    Form(
        "accounts:language",
        "post",
        "/accounts/language/",
        ("anonymous", "buyer"),
        {"language": choices("fr", "en", "pl", "zh-hans", "fr-FR", "xx"), "next": NEXT},
        fresh_client=True,
    ),
    # Orders
    Form("orders:my_orders", "get", "/orders/", ("buyer",), {"page": INTEGERS}),
    Form("orders:detail", "get", "/orders/{order}/", ("buyer", "seller_agent"), GENERIC),
    Form(
        "orders:seller_orders",
        "get",
        "/seller/orders/",
        ("seller_agent",),
        {
            "q": text(20),
            "market": MARKETS,
            "status": choices("placed", "shipped", "delivered", "cancelled"),
            "seller": SLUGS,
            "page": INTEGERS,
        },
    ),
    # Buyers' requests
    Form("helpdesk:my_requests", "get", "/requests/", ("buyer",), {"page": INTEGERS}),
    Form(
        "helpdesk:contact_seller", "get", "/orders/{order}/contact/", ("buyer",), {"topic": TOPICS}
    ),
    Form(
        "helpdesk:contact_seller",
        "post",
        "/orders/{order}/contact/",
        ("buyer",),
        {
            "topic": TOPICS,
            "lines": ids("line", "other_line"),
            "body": text(5000),
            "attachments": FILES,
            "idempotency_key": UUIDS,
            "send_anyway": BOOLEANS,
        },
    ),
    Form(
        "helpdesk:contact_check",
        "post",
        "/orders/{order}/contact/check/",
        ("buyer",),
        {"body": text(5000)},
    ),
    # A conversation
    Form(
        "helpdesk:thread",
        "get",
        "/threads/{thread}/",
        ("buyer", "seller_agent"),
        {"insert": ids("saved_reply", "other_saved_reply")},
    ),
    Form(
        "helpdesk:thread_updates",
        "get",
        "/threads/{thread}/updates/",
        ("buyer", "seller_agent"),
        {"after": ids("first_message", "reply", "held"), "deadline": text(20)},
    ),
    Form(
        "helpdesk:thread_older",
        "get",
        "/threads/{thread}/older/",
        ("buyer", "seller_agent"),
        {"before": ids("first_message", "reply", "held"), "all": text(5)},
    ),
    Form(
        "helpdesk:reply",
        "post",
        "/threads/{thread}/reply/",
        ("buyer", "seller_agent"),
        {
            "body": text(5000),
            "attachments": FILES,
            "idempotency_key": UUIDS,
            "send_anyway": BOOLEANS,
        },
    ),
    Form(
        "helpdesk:draft_check",
        "post",
        "/threads/{thread}/check/",
        ("buyer", "seller_agent"),
        {"body": text(5000)},
    ),
    Form(
        "helpdesk:note",
        "post",
        "/threads/{thread}/note/",
        ("seller_agent",),
        {"body": text(5000), "idempotency_key": UUIDS},
    ),
    Form(
        "helpdesk:status_update",
        "post",
        "/threads/{thread}/status-update/",
        ("seller_agent",),
        STATUS_FIELDS,
    ),
    Form(
        "helpdesk:order_status_update",
        "post",
        "/orders/{order}/status-update/",
        ("seller_agent",),
        STATUS_FIELDS,
    ),
    Form(
        "helpdesk:assign",
        "post",
        "/threads/{thread}/assign/",
        ("seller_agent",),
        {"assignee": ids(*TEAM)},
    ),
    Form(
        "helpdesk:no_reply_needed",
        "post",
        "/threads/{thread}/no-reply-needed/",
        ("seller_agent", "buyer"),
        GENERIC,
    ),
    Form("helpdesk:close", "post", "/threads/{thread}/close/", ("buyer", "seller_agent"), GENERIC),
    Form(
        "helpdesk:reopen", "post", "/threads/{thread}/reopen/", ("buyer", "seller_agent"), GENERIC
    ),
    Form(
        "helpdesk:escalate",
        "post",
        "/threads/{thread}/escalate/",
        ("buyer",),
        {"reason": text(1000)},
    ),
    Form(
        "helpdesk:rate",
        "post",
        "/threads/{thread}/rate/",
        ("buyer",),
        {"reply": ids("reply", "first_message", "held"), "answered": choices("yes", "no")},
    ),
    Form(
        "helpdesk:attachment",
        "get",
        "/attachments/{attachment}/",
        ("buyer", "seller_agent"),
        GENERIC,
    ),
    # The seller's inbox and pages
    Form("helpdesk:inbox", "get", "/seller/inbox/", ("seller_agent",), INBOX_FIELDS),
    Form("helpdesk:inbox_counts", "get", "/seller/inbox/counts/", ("seller_agent",), GENERIC),
    Form(
        "helpdesk:inbox_bulk",
        "post",
        "/seller/inbox/bulk/",
        ("seller_agent",),
        {
            "threads": st.lists(ids("thread", "other_thread"), max_size=3),
            "action": choices("read", "assign", "close"),
            "assignee": ids(*TEAM),
            "confirmed": BOOLEANS,
            "back": st.one_of(
                st.fixed_dictionaries({}, optional=INBOX_FIELDS).map(urlencode), text(2000)
            ),
        },
    ),
    Form("helpdesk:saved_replies", "get", "/seller/saved-replies/", SELLERS, {"seller": SLUGS}),
    Form(
        "helpdesk:saved_replies",
        "post",
        "/seller/saved-replies/",
        SELLERS,
        {"title": text(80), "body": text(5000)},
    ),
    Form(
        "helpdesk:saved_reply_edit",
        "get",
        "/seller/saved-replies/{saved_reply}/edit/",
        ("seller_owner",),
        GENERIC,
    ),
    Form(
        "helpdesk:saved_reply_edit",
        "post",
        "/seller/saved-replies/{saved_reply}/edit/",
        ("seller_owner",),
        {"edit-title": text(80), "edit-body": text(5000)},
    ),
    Form(
        "helpdesk:saved_reply_move",
        "post",
        "/seller/saved-replies/{saved_reply}/move/",
        ("seller_owner",),
        {"direction": choices("up", "down")},
    ),
    Form(
        "helpdesk:saved_reply_delete",
        "get",
        "/seller/saved-replies/{saved_reply}/delete/",
        ("seller_owner",),
        GENERIC,
    ),
    Form(
        "helpdesk:saved_reply_delete",
        "post",
        "/seller/saved-replies/{saved_reply}/delete/",
        SELLERS,
        GENERIC,
    ),
    Form(
        "helpdesk:notification_settings",
        "post",
        "/seller/notifications/",
        ("seller_agent",),
        {
            "m{membership}-notification_mode": choices("immediate", "hourly"),
            "m{other_membership}-notification_mode": choices("immediate", "hourly"),
        },
    ),
    Form("helpdesk:absences", "get", "/seller/absences/", ("seller_agent",), {"seller": SLUGS}),
    Form(
        "helpdesk:absences",
        "post",
        "/seller/absences/",
        SELLERS,
        {
            "absent": ids(*TEAM),
            "first_day": DATES,
            "last_day": DATES,
            "stand_in": ids(*TEAM),
        },
    ),
    Form(
        "helpdesk:absence_cancel",
        "post",
        "/seller/absences/{absence}/cancel/",
        SELLERS,
        {"confirmed": BOOLEANS},
    ),
    # Response deadlines
    Form("sla:performance", "get", "/seller/performance/", ("seller_agent",), {"seller": SLUGS}),
    Form(
        "sla:sanction_appeal",
        "post",
        "/seller/sanctions/{sanction}/appeal/",
        ("seller_agent",),
        {"text": text(2000)},
    ),
    Form("sla:seller_profile", "get", "/sellers/{slug}/", ("anonymous", "buyer"), GENERIC),
    # The console: its search, its decisions and actions
    Form(
        "admin:helpdesk_thread_search",
        "get",
        "/admin/helpdesk/thread/search/",
        ("platform_admin",),
        {"q": text(200), "market": MARKETS, "page": INTEGERS},
    ),
    Form(
        "admin:helpdesk_messagereview_change",
        "post",
        "/admin/helpdesk/messagereview/{review}/change/",
        ("platform_admin",),
        {
            "decision": choices("approved", "rejected", "violation", "pending"),
            "reason": text(2000),
            "_save": st.just("Save"),
        },
    ),
    *(
        Form(
            "admin:helpdesk_thread_escalation",
            "post",
            f"/admin/helpdesk/thread/{{other_thread}}/escalation/{step}/",
            ("platform_admin",),
            {
                "body": text(5000),
                "key": UUIDS,
                "outcome": choices("refund_by_seller", "settled", "referred"),
                "note": text(2000),
            },
        )
        for step in ("take_over", "message", "resolve")
    ),
    Form(
        "admin:sla_sanctionappeal_change",
        "post",
        "/admin/sla/sanctionappeal/{appeal}/change/",
        ("platform_admin",),
        {"decision": choices("granted", "denied"), "decision_reason": text(2000)},
    ),
    Form(
        "admin:sla_sanction_add",
        "post",
        "/admin/sla/sanction/add/",
        ("platform_admin",),
        {
            "seller": ids("seller", "other_seller"),
            "kind": choices("warning", "restriction", "suspension"),
            "reason": text(2000),
            "starts_at_0": DATES,
            "starts_at_1": TIMES,
            "ends_at_0": DATES,
            "ends_at_1": TIMES,
        },
    ),
]


# A submission each form takes (the one-field-hostile examples start from it).
KEY = "6f1c2b8e-3d4a-4c5b-9e6f-7a8b9c0d1e2f"
SHIPPED = {
    "type": "shipped",
    "carrier": "dhl",
    "tracking_number": "JJD000390007",
    "estimated_delivery": "2099-01-05",
    "idempotency_key": KEY,
}
VALID: dict[tuple[str, str], dict[str, Any]] = {
    ("accounts:login", "post"): {"username": "buyer@example.com", "password": PASSWORD},
    ("accounts:password_change", "post"): {
        "old_password": PASSWORD,
        "new_password1": "Nüsse und 2 Äpfel!",
        "new_password2": "Nüsse und 2 Äpfel!",
    },
    ("accounts:language", "post"): {"language": "fr", "next": "/orders/"},
    ("helpdesk:contact_seller", "post"): {
        "topic": "return",
        "lines": Ref("line"),
        "body": "The lamp arrived broken.",
        "idempotency_key": KEY,
    },
    ("helpdesk:contact_check", "post"): {"body": "The lamp arrived broken."},
    ("helpdesk:reply", "post"): {"body": "Thank you, I will wait.", "idempotency_key": KEY},
    ("helpdesk:draft_check", "post"): {"body": "Thank you, I will wait."},
    ("helpdesk:note", "post"): {"body": "Call the carrier.", "idempotency_key": KEY},
    ("helpdesk:status_update", "post"): SHIPPED,
    ("helpdesk:order_status_update", "post"): SHIPPED,
    ("helpdesk:assign", "post"): {"assignee": Ref("seller_owner_id")},
    ("helpdesk:escalate", "post"): {"reason": "No answer for days."},
    ("helpdesk:rate", "post"): {"reply": Ref("reply"), "answered": "no"},
    ("helpdesk:inbox_bulk", "post"): {"threads": [Ref("thread")], "action": "read"},
    ("helpdesk:saved_replies", "post"): {"title": "Hello", "body": "Hello {buyer_name},"},
    ("helpdesk:saved_reply_edit", "post"): {"edit-title": "Hi", "edit-body": "Hi {agent_name}"},
    ("helpdesk:saved_reply_move", "post"): {"direction": "down"},
    ("helpdesk:notification_settings", "post"): {"m{membership}-notification_mode": "hourly"},
    ("helpdesk:absences", "post"): {
        "absent": Ref("seller_agent_id"),
        "first_day": "2099-02-01",
        "last_day": "2099-02-03",
        "stand_in": Ref("seller_owner_id"),
    },
    ("helpdesk:absence_cancel", "post"): {"confirmed": "1"},
    ("sla:sanction_appeal", "post"): {"text": "We answered every message."},
    ("admin:helpdesk_messagereview_change", "post"): {"decision": "approved", "_save": "Save"},
    ("admin:helpdesk_thread_escalation", "post"): {
        "body": "We are looking into it.",
        "key": KEY,
        "outcome": "settled",
    },
    ("admin:sla_sanctionappeal_change", "post"): {"decision": "denied", "decision_reason": "No."},
    ("admin:sla_sanction_add", "post"): {
        "seller": Ref("seller"),
        "kind": "warning",
        "reason": "Late answers.",
        "starts_at_0": "2099-01-05",
        "starts_at_1": "10:00",
    },
}

# The world's objects the forms point at ---------------------------------------------------


@pytest.fixture
def world(shared_world, db) -> World:
    """The module's one world (tests/conftest.py: shared_world)."""
    return shared_world


@pytest.fixture(scope="module")
def refs(shared_world, django_db_blocker) -> dict[str, str]:
    """What the forms point at, as the strings a form would carry: the world's ids, and a
    seller's answer to rate, an escalated conversation with a held answer (the console's
    decisions), a sanction to appeal and an appeal to decide. Built once for the module
    inside its world's transaction."""
    with django_db_blocker.unblock():
        return _refs(shared_world)


def _refs(world: World) -> dict[str, str]:
    reply = message_post(
        thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="A new one ships."
    )
    with time_machine.travel(world.other_thread.due_at + timedelta(minutes=1)):
        thread_escalate(thread=world.other_thread, buyer=world.other_buyer, reason="No answer")
    held = message_post(
        thread=world.other_thread,
        author=world.other_seller_agent,
        role=Role.SELLER,
        body="Appelez-moi au 06 12 34 56 78.",
    )
    assert held.review.state == MessageReview.State.PENDING
    sanction = sanction_apply(
        seller=world.order.seller, kind="warning", reason="Late.", by=world.platform_admin
    )
    appealed = sanction_apply(
        seller=world.other_order.seller, kind="warning", reason="Late.", by=world.platform_admin
    )
    appeal = sanction_appeal(sanction=appealed, by=world.other_seller_agent, text="Please")
    values: dict[str, Any] = {
        **world.ids(),
        "other_seller": world.other_order.seller_id,
        "order": world.order.number,
        "other_order": world.other_order.number,
        "slug": world.order.seller.slug,
        "other_slug": world.other_order.seller.slug,
        "line": world.order.lines.first().pk,
        "other_line": world.other_order.lines.first().pk,
        "first_message": Message.objects.filter(thread=world.thread).order_by("pk").first().pk,
        "reply": reply.pk,
        "held": held.pk,
        "review": held.review.pk,
        "sanction": sanction.pk,
        "appeal": appeal.pk,
        "membership": SellerMember.objects.get(user=world.seller_agent).pk,
        "other_membership": SellerMember.objects.get(user=world.other_seller_agent).pk,
        **{f"{persona}_id": getattr(world, persona).pk for persona in PERSONAS[1:]},
    }
    return {name: str(value) for name, value in values.items()}


def _resolved(value: Any, refs: dict[str, str]) -> Any:
    if isinstance(value, Ref):
        return refs[value.name]
    if isinstance(value, list):
        return [_resolved(item, refs) for item in value]
    return value


def _rolled_back(request: Callable[[], Any]) -> Any:
    """`request()` in a savepoint rolled back after it: each example sees the world as it
    was built."""
    with transaction.atomic():
        response = request()
        transaction.set_rollback(True)
    return response


def _check(response: Any, what: Any) -> None:
    """A page, a redirect or a refusal, never a 500; a redirect stays on the site."""
    assert response.status_code in EXPECTED, (response.status_code, what)
    if response.status_code == 302:
        location = urlsplit(response["Location"])
        assert location.scheme in ("", "http", "https"), (response["Location"], what)
        assert location.netloc in ("", "testserver"), (response["Location"], what)


def _send(
    client: Client, method: str, url: str, data: dict[str, Any], *, htmx: bool, encoded: bool
) -> Any:
    headers = {"HX-Request": "true"} if htmx else {}
    if method == "get":
        return client.get(url, data, headers=headers)
    has_files = any(isinstance(v, SimpleUploadedFile) for vs in data.values() for v in _as_list(vs))
    if encoded and not has_files:
        body = urlencode(data, doseq=True)
        return client.post(
            url, body, content_type="application/x-www-form-urlencoded", headers=headers
        )
    return client.post(url, data, headers=headers)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# Every form, every field -------------------------------------------------------------------


class Clients:
    """One logged-in client per persona for a test. Asked for outside `_rolled_back`, so
    its session is written in the test's transaction, not in an example's savepoint."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.made: dict[str, Client] = {}

    def __call__(self, persona: str) -> Client:
        if persona not in self.made:
            self.made[persona] = client_for(self.world, persona)
        return self.made[persona]


@pytest.fixture
def clients(world) -> Clients:
    return Clients(world)


LOG_IN_PAGES = ("/accounts/login/", "/admin/login/")


# The forms whose fields are their own, and the pages and buttons that have none (any
# query or field is ignored: fewer examples find what they can).
WITH_FIELDS = [form for form in FORMS if form.fields is not GENERIC]
WITHOUT_FIELDS = [form for form in FORMS if form.fields is GENERIC]


@pytest.mark.parametrize("form", WITH_FIELDS, ids=[form.id for form in WITH_FIELDS])
@FUZZ
@given(data=st.data())
def test_no_input_to_a_form_gets_a_server_error(world, refs, clients, form, data):
    """Any values for any of a form's fields (the others missing), posted urlencoded or as
    multipart, as htmx or not, by a persona the form is for."""
    _fuzz(world, refs, clients, form, data)


@pytest.mark.parametrize("form", WITHOUT_FIELDS, ids=[form.id for form in WITHOUT_FIELDS])
@settings(FUZZ, max_examples=8)
@given(data=st.data())
def test_no_input_to_a_page_without_fields_gets_a_server_error(world, refs, clients, form, data):
    """Any query or fields for a page or a button that reads none."""
    _fuzz(world, refs, clients, form, data)


def _fuzz(world: World, refs: dict[str, str], clients: Clients, form: Form, data: Any) -> None:
    persona = data.draw(st.sampled_from(form.personas), label="persona")
    values = data.draw(form.values(), label="fields")
    htmx = data.draw(st.booleans(), label="htmx")
    encoded = data.draw(st.booleans(), label="urlencoded")
    fields = {name.format(**refs): _resolved(value, refs) for name, value in values.items()}
    url = form.url.format(**refs)
    shared = None if form.fresh_client else clients(persona)

    def request() -> Any:
        # A fresh client logs in inside the savepoint: its session goes with it.
        client = shared or client_for(world, persona)
        return _send(client, form.method, url, fields, htmx=htmx, encoded=encoded)

    response = _rolled_back(request)
    what = (persona, form.method, url, fields)
    _check(response, what)
    if persona != "anonymous" and not form.fresh_client:
        # Still logged in: the examples reached the form, not the log-in page.
        assert not response.get("Location", "").startswith(LOG_IN_PAGES), what


# Every URL that takes something in its path -------------------------------------------------

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
PATH_VALUES = {
    "int": st.one_of(
        refs_of("thread", "other_thread", "attachment", "saved_reply", "other_saved_reply"),
        refs_of("absence", "sanction", "appeal", "review", "held", "seller", "buyer_id"),
        st.sampled_from(["0", "9" * 30, str(2**63), str(2**63 - 1), str(2**31)]),
    ),
    "str": st.one_of(
        refs_of("order", "other_order"),
        st.sampled_from(
            ["\x00", "a\x00b", "%00", "\u202e", "\u0301", "..", "FR", "pdf", "json", "x" * 300]
        ),
        st.text(min_size=1, max_size=20).filter(lambda s: "/" not in s),
    ),
    "slug": st.one_of(refs_of("slug", "other_slug"), st.sampled_from(["-", "_" * 300])),
}
PATH_VALUES["path"] = PATH_VALUES["str"]


def _route_patterns(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> list[tuple[str, str, bool]]:
    """(route, name, whether it is a path() route) of every URL pattern; the name with its
    namespace ("admin:" for the console)."""
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            spaced = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            route = prefix + str(pattern.pattern)
            found += _route_patterns(pattern.url_patterns, route, spaced)
        elif isinstance(pattern, URLPattern):
            name = namespace + (pattern.name or "")
            found.append(
                (prefix + str(pattern.pattern), name, isinstance(pattern.pattern, RoutePattern))
            )
    return found


# path() routes with arguments; the console's few regular expressions (an app's index, the
# catch-all) take no object from their path.
PATH_ROUTES = sorted(
    route
    for route, _name, is_route in _route_patterns(get_resolver().url_patterns)
    if is_route and CONVERTER.search(route)
)


def _path(route: str, arguments: dict[str, str]) -> str:
    return "/" + CONVERTER.sub(lambda match: quote(arguments[match.group(2)], safe=""), route)


@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_no_path_gets_a_server_error(world, refs, clients, data):
    """Any value for a URL's path arguments (other people's ids, huge numbers, NUL, other
    unicode), by GET or POST (with nothing posted), as a persona who might open it."""
    route = data.draw(st.sampled_from(PATH_ROUTES), label="route")
    arguments = {
        name: _resolved(data.draw(PATH_VALUES[converter or "str"], label=name), refs)
        for converter, name in CONVERTER.findall(route)
    }
    url = _path(route, arguments)
    persona = "platform_admin" if route.startswith("admin/") else None
    persona = persona or data.draw(st.sampled_from(PERSONAS), label="persona")
    method = data.draw(st.sampled_from(["get", "post"]), label="method")
    send = getattr(clients(persona), method)
    response = _rolled_back(lambda: send(url))
    _check(response, (persona, method, url))


ORDER_PAGES = [route for route in PATH_ROUTES if "<str:number>" in route]


@settings(FUZZ, max_examples=20)
@given(
    route=st.sampled_from(ORDER_PAGES),
    number=PATH_VALUES["str"],
    persona=st.sampled_from(["buyer", "seller_agent"]),
)
@example(route="orders/<str:number>/", number="\x00", persona="buyer")
@example(route="orders/<str:number>/contact/", number="a\x00b", persona="buyer")
def test_no_order_number_gets_a_server_error(world, refs, clients, route, number, persona):
    """Failed before: a NUL in an order number reached PostgreSQL, which cannot store it
    (500); now no order has that number (404)."""
    for method in ("get", "post"):
        url = _path(route, {"number": _resolved(number, refs)})
        send = getattr(clients(persona), method)
        response = _rolled_back(lambda: send(url))  # noqa: B023
        _check(response, (persona, method, url))


@settings(FUZZ, max_examples=20)
@given(
    model=st.sampled_from(sorted(m._meta.label_lower for m in admin.site._registry)),
    page=st.sampled_from(["change", "history", "delete"]),
    object_id=PATH_VALUES["str"],
)
@example(model="orders.market", page="change", object_id="\x00")
@example(model="orders.market", page="history", object_id="\x00")
@example(model="orders.market", page="delete", object_id="\x00")
@example(model="sla.heartbeat", page="change", object_id="a\x00b")
def test_no_object_id_gets_a_server_error_from_the_console(
    world, refs, clients, model, page, object_id
):
    """Failed before: a NUL in the id of an object whose key is text (a market's code, a
    heartbeat's name) reached PostgreSQL (500); now no object has that id."""
    url = f"/admin/{model.replace('.', '/')}/{quote(_resolved(object_id, refs), safe='')}/{page}/"
    client = clients("platform_admin")
    response = _rolled_back(lambda: client.get(url))
    _check(response, url)


# The console's lists: every filter, search, ordering and page ----------------------------


CONSOLE = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)
LISTS = [f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model, _ in CONSOLE]
ACTIONS = sorted(
    {
        "delete_selected",
        *(
            action if isinstance(action, str) else action.__name__
            for _model, model_admin in CONSOLE
            for action in model_admin.actions or ()
        ),
    }
)


@pytest.fixture(scope="module")
def list_parameters(shared_world, django_db_blocker) -> dict[str, list[str]]:
    """The query parameters each console list reads: its filters' own, as the list builds
    them (which needs the database: read once for the module), the search, ordering and
    page."""
    parameters = {}
    for url, (_model, model_admin) in zip(LISTS, CONSOLE, strict=True):
        request = RequestFactory().get("/")
        request.user = shared_world.platform_admin
        with django_db_blocker.unblock():
            changelist = model_admin.get_changelist_instance(request)
        filters = {p for spec in changelist.filter_specs for p in spec.expected_parameters()}
        parameters[url] = sorted(filters | {"q", "o", "p", "all", "e", "_to_field"})
    return parameters


ANYTHING = st.one_of(text(40), INTEGERS, DATES, MARKETS, BOOLEANS, CURSORS)
OBJECT_IDS = st.one_of(refs_of("thread", "review", "sanction", "appeal", "buyer_id"), ANYTHING)


# A date list filter's bound typed by hand ("?attempt_time__gte=2026-12-01", where the
# filter's own links carry an offset) is taken in the current time zone, and Django warns
# that it received a naive datetime: a warning in production (the page answers), an error
# under the suite's "warnings are errors".
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
@settings(FUZZ, max_examples=40)
@given(
    url=st.sampled_from(LISTS),
    # Each parameter by its position among the list's own (an explicit example names it).
    query=st.lists(st.tuples(st.integers(min_value=0), any_of(ANYTHING)), max_size=4),
)
@example(url="/admin/accounts/seller/", query=[("country", "\x00")])
@example(url="/admin/helpdesk/thread/", query=[("market__code__exact", "\x00")])
def test_no_query_gets_a_server_error_from_a_console_list(clients, list_parameters, url, query):
    """Any values for a console list's filters, search box, ordering and page. Failed
    before: a NUL in a filter's value reached PostgreSQL (500)."""
    names = list_parameters[url]
    sent: dict[str, list[Any]] = {}
    for name, value in query:
        sent.setdefault(name if isinstance(name, str) else names[name % len(names)], []).append(
            value
        )
    client = clients("platform_admin")
    response = _rolled_back(lambda: client.get(url, sent))
    _check(response, (url, sent))


@settings(FUZZ, max_examples=30)
@given(
    url=st.sampled_from(LISTS),
    action=choices(*ACTIONS),
    ids=st.lists(OBJECT_IDS, max_size=3),
    more=st.fixed_dictionaries(
        {}, optional={"select_across": BOOLEANS, "index": INTEGERS, "post": BOOLEANS}
    ),
)
@example(url="/admin/accounts/seller/", action="delete_selected", ids=["\x00"], more={})
@example(url="/admin/accounts/seller/", action="delete_selected", ids=["1.5"], more={})
def test_no_action_gets_a_server_error_from_a_console_list(refs, clients, url, action, ids, more):
    """Any action (or one the list does not have) on any ids, confirmed or not. Failed
    before: ticked rows that are not ids of the list's model (500)."""
    fields = {"action": action, "_selected_action": _resolved(ids, refs), **more}
    client = clients("platform_admin")
    response = _rolled_back(lambda: client.post(url, fields))
    _check(response, (url, fields))


# Targeted properties -----------------------------------------------------------------------


@settings(FUZZ, max_examples=30)
@given(
    q=st.one_of(
        refs_of("other_order", "other_slug"),
        st.sampled_from(
            ["Otto Other", "other.buyer@example.com", "Autre Vendeur", "parcel", "2026-200", "o"]
        ),
        text(100),
    ),
    view=choices("all", "escalated", "closed"),
)
def test_the_inbox_search_never_shows_another_sellers_thread(world, refs, clients, q, view):
    """Whatever the query (the other seller's order number, buyer, shop or words), the
    inbox answers 200 with only its own seller's conversations."""
    client = clients("seller_agent")
    query = {"view": view, "q": _resolved(q, refs)}
    response = _rolled_back(lambda: client.get("/seller/inbox/", query))
    assert response.status_code == 200, query
    shown = {thread.seller_id for thread in response.context["threads"]}
    assert shown <= {world.order.seller_id}, query


def test_the_inbox_search_finds_the_sellers_own_thread(world, clients):
    """What makes the property above mean something: the search finds."""
    response = clients("seller_agent").get(
        "/seller/inbox/", {"view": "all", "q": world.order.number}
    )
    assert [thread.pk for thread in response.context["threads"]] == [world.thread.pk]


@settings(FUZZ, max_examples=30)
@given(
    after=st.one_of(refs_of("first_message", "reply", "held"), INTEGERS, text(20)),
    persona=st.sampled_from(["buyer", "seller_agent"]),
)
def test_the_thread_updates_poll_never_fails_whatever_after_is(
    world, refs, clients, after, persona
):
    """The poll answers 200 with only the thread's own entries (never the other thread's
    held message, whatever id it is given), for any `after`."""
    url = f"/threads/{world.thread.pk}/updates/"
    query = {"after": _resolved(after, refs), "deadline": "x"}
    client = clients(persona)
    response = _rolled_back(lambda: client.get(url, query, headers={"HX-Request": "true"}))
    assert response.status_code == 200, query
    shown = {int(pk) for pk in re.findall(r'id="m(\d+)"', response.content.decode())}
    assert shown <= set(world.thread.messages.values_list("pk", flat=True)), query
    after_id = query["after"]
    if after_id.isascii() and after_id.isdigit():
        assert all(pk > int(after_id) for pk in shown), query


@settings(max_examples=300, derandomize=True, database=None)
@given(
    body=st.one_of(
        st.text(),
        st.lists(
            st.one_of(st.sampled_from([f"{{{n}}}" for n in PLACEHOLDERS]), st.text(max_size=5))
        ).map("".join),
    ),
    values=st.dictionaries(
        st.one_of(st.sampled_from(list(PLACEHOLDERS)), st.text(max_size=5)), st.text()
    ),
)
def test_filling_placeholders_never_fails_whatever_the_text(body, values):
    """Any text, any values: a text; one without a placeholder, or filled with no values,
    is left as typed; a placeholder alone becomes its value."""
    filled = fill_placeholders(body, values)
    assert isinstance(filled, str)
    if "{" not in body:
        assert filled == body
    assert fill_placeholders(body, {}) == body
    for name, value in values.items():
        if re.fullmatch(r"\w+", name):
            assert fill_placeholders(f"{{{name}}}", values) == value


# Every URL is here -------------------------------------------------------------------------

# The console's extra URLs that take nothing but their path (fuzzed by
# test_no_path_gets_a_server_error): files and transcripts.
CONSOLE_PATH_ONLY = {
    "admin:helpdesk_attachment_file",
    "admin:helpdesk_messagereview_attachment",
    "admin:helpdesk_thread_transcript",
    "admin:helpdesk_thread_order_transcript",
    "admin:auth_user_password_change",
}
STANDARD_ADMIN = ("changelist", "add", "change", "history", "delete", "autocomplete")


def test_every_url_is_fuzzed(world, refs):
    """Each URL of the site has a row in FORMS, each extra URL of the console too (or takes
    only its path), and each row's URL is the view it names."""
    site = {name for _route, name, _is_route in _route_patterns(get_resolver().url_patterns)}
    site = {name for name in site if name and not name.startswith("admin:")}
    rows = {form.name for form in FORMS}
    assert site - rows == set()
    console = {
        f"admin:{pattern.name}"
        for model, model_admin in admin.site._registry.items()
        for pattern in model_admin.get_urls()
        if pattern.name
        and pattern.name.removeprefix(f"{model._meta.app_label}_{model._meta.model_name}_")
        not in STANDARD_ADMIN
    }
    assert console - rows - CONSOLE_PATH_ONLY == set()
    wrong = [
        (form.name, form.url)
        for form in FORMS
        if resolve(form.url.format(**refs)).view_name != form.name
    ]
    assert wrong == []
