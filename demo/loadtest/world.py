"""What `make loadtest` builds besides the load data (demo.loadgen): the people its client
logs in as, and the due clocks its sweep is killed in the middle of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Seller, SellerMember, User
from demo.loadgen.generate import SLUG_PREFIX
from orders.models import Order

SWEEP_SLUG = "loadtest-sweep"


@dataclass(frozen=True)
class Persona:
    email: str
    role: str  # "buyer" | "seller"


def personas_prepare(*, buyers: int, sellers: int, password: str) -> dict[str, Any]:
    """`sellers` members of the load data's sellers (owners and agents, team by team) and
    `buyers` buyers of those sellers' orders, all given `password` (one hash: a throwaway
    cluster); with the market of every order they may meet, so each writes in the
    language of the sale. Raises LookupError when the load data has too few of either."""
    teams = Seller.objects.filter(slug__startswith=SLUG_PREFIX).order_by("id")
    members = list(
        SellerMember.objects.filter(seller__in=teams, user__is_active=True)
        .order_by("seller_id", "id")
        .values_list("user__email", "seller_id")[:sellers]
    )
    seller_ids = {seller_id for _email, seller_id in members}
    buyer_emails = list(
        User.objects.filter(orders__seller_id__in=seller_ids, is_active=True)
        .distinct()
        .order_by("id")
        .values_list("email", flat=True)[:buyers]
    )
    if len(members) < sellers or len(buyer_emails) < buyers:
        raise LookupError(
            f"the load data has {len(members)} team members and {len(buyer_emails)} buyers; "
            f"{sellers} and {buyers} are needed"
        )
    emails = [email for email, _seller in members] + buyer_emails
    with transaction.atomic():
        User.objects.filter(email__in=emails).update(password=make_password(password))
    orders = dict(Order.objects.filter(seller_id__in=seller_ids).values_list("number", "market_id"))
    people = [Persona(email, "seller") for email, _seller in members] + [
        Persona(email, "buyer") for email in buyer_emails
    ]
    return {
        "password": password,
        "personas": [{"email": p.email, "role": p.role} for p in people],
        "orders": orders,
    }


# One seller with one agent who takes notices in the hourly digest (so a sweep's hundred
# thousand notices are recorded, not e-mailed during the run), one buyer, one order; then
# `clocks` requests, each with its buyer's message (chained as helpdesk.history chains a
# thread's first message), an open clock past its deadline, and the inbox fields the services
# would have left (helpdesk.services._advance_thread, _sync_clock_fields): the record's
# invariants hold before the sweep and must hold after it.
_DUE_CLOCKS_SQL = """
WITH s AS (
    INSERT INTO accounts_seller (company_name, slug, country, status, created_at)
    VALUES ('Sweep GmbH', %(slug)s, 'DE', 'active', %(now)s) RETURNING id
), agent AS (
    INSERT INTO accounts_user (password, email, name, preferred_language, is_active, is_staff,
                               is_superuser, date_joined, market_id)
    VALUES ('!', %(slug)s || '-agent@example.com', 'Sweep Agent', 'de', true, false, false,
            %(now)s, 'DE') RETURNING id
), buyer AS (
    INSERT INTO accounts_user (password, email, name, preferred_language, is_active, is_staff,
                               is_superuser, date_joined, market_id)
    VALUES ('!', %(slug)s || '-buyer@example.com', 'Sweep Buyer', 'de', true, false, false,
            %(now)s, 'DE') RETURNING id
), m AS (
    INSERT INTO accounts_sellermember (user_id, seller_id, role, notification_mode, created_at)
    SELECT agent.id, s.id, 'agent', 'hourly', %(now)s FROM agent, s RETURNING seller_id
), o AS (
    INSERT INTO orders_order (number, buyer_id, seller_id, market_id, currency, status,
        subtotal, shipping_cost, total, delivery_name, delivery_line1, delivery_line2,
        delivery_postal_code, delivery_city, delivery_country, placed_at)
    SELECT 'SWEEP-' || s.id, buyer.id, s.id, 'DE', 'EUR', 'placed', 10, 0, 10, 'Sweep Buyer',
        'Hauptstraße 1', '', '10115', 'Berlin', 'DE', %(opened)s
    FROM s, buyer, m RETURNING id, buyer_id, seller_id
), t AS (
    INSERT INTO helpdesk_thread (order_id, seller_id, buyer_id, market_id, topic, status,
        closed_by_role, reply_state, created_at, last_activity_at, buyer_activity_at,
        awaiting_reply_since, due_at)
    SELECT o.id, o.seller_id, o.buyer_id, 'DE', 'delivery', 'open', '', 'awaiting',
        %(opened)s, %(opened)s, %(opened)s, %(opened)s, %(due)s
    FROM o, generate_series(1, %(clocks)s)
    RETURNING id, seller_id, buyer_id
), msg AS (
    INSERT INTO helpdesk_message (thread_id, author_id, author_role, author_name, kind, body,
        data, created_at, chain_hash)
    SELECT t.id, t.buyer_id, 'buyer', 'Sweep Buyer', 'text', %(body)s, '{}', %(opened)s,
        encode(sha256(convert_to(
            repeat('0', 64) || E'\\n' || '{"at":"'
            || to_char(%(opened)s::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
            || '+00:00","author":' || t.buyer_id || ',"author_name":"Sweep Buyer","body":'
            || to_json(%(body)s::text)::text || ',"data":{},"files":[],"kind":"text",'
            || '"role":"buyer","thread":' || t.id || '}', 'UTF8')), 'hex')
    FROM t RETURNING id, thread_id
)
INSERT INTO sla_responseclock (thread_id, seller_id, market_id, opened_by_id, opened_at,
    due_at, warn_at, outcome, explanation)
SELECT msg.thread_id, t.seller_id, 'DE', msg.id, %(opened)s, %(due)s, %(warn)s, '', '[]'
FROM msg JOIN t ON t.id = msg.thread_id
"""


def due_clocks_seed(*, clocks: int, now: datetime | None = None) -> int:
    """`clocks` open clocks an hour past their deadline, each in a request of its own, for
    one seller of their own (slug returned as its id). One statement."""
    now = now or timezone.now()
    opened = now - timedelta(days=2)
    with transaction.atomic(), connection.cursor() as cursor:
        slug = f"{SWEEP_SLUG}-{now:%Y%m%d%H%M%S%f}"
        cursor.execute(
            _DUE_CLOCKS_SQL,
            {
                "slug": slug,
                "now": now,
                "opened": opened,
                "due": now - timedelta(hours=1),
                "warn": now - timedelta(hours=5),
                "clocks": clocks,
                "body": "Wo bleibt meine Bestellung?",
            },
        )
    return Seller.objects.get(slug=slug).pk
