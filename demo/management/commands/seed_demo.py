"""Demo data: sellers, their teams, buyers in every market, ~80 orders. Idempotent."""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Seller, SellerMember, User
from accounts.services import absence_record
from helpdesk.absences import current_and_upcoming, seller_today
from helpdesk.models import Role, Thread
from helpdesk.services import (
    message_post,
    note_post,
    saved_reply_create_defaults,
    status_update_post,
    thread_assign,
    thread_close,
    thread_escalate,
    thread_open,
)
from orders.models import Carrier, Market, Order
from orders.services import Address, LineSpec, order_place, shipment_add
from outbox.models import Notification
from sla.calendar import response_deadline
from sla.performance import sellers_nightly

DEMO_PASSWORD = "helpdesk-demo"  # noqa: S105 (printed demo logins, local data only)
ORDERS_PER_BUYER = 8

# Rough rates from EUR, for demo prices only.
EUR_RATES = {
    "EUR": Decimal(1),
    "PLN": Decimal("4.3"),
    "CZK": Decimal(25),
    "HUF": Decimal(395),
    "RON": Decimal("5"),
}


@dataclass(frozen=True)
class DemoSeller:
    slug: str
    company_name: str
    country: str
    owner: tuple[str, str]
    agents: tuple[tuple[str, str], ...]
    products: tuple[tuple[str, str, str], ...]  # sku, title, price in EUR


SELLERS = (
    DemoSeller(
        "maison-lumiere",
        "Maison Lumière",
        "FR",
        ("camille@maison-lumiere.example", "Camille Roux"),
        (
            ("hugo@maison-lumiere.example", "Hugo Lefèvre"),
            ("ines@maison-lumiere.example", "Inès Garnier"),
        ),
        (
            ("ML-LAMP-204", "Brass reading lamp", "89.00"),
            ("ML-BULB-E27", "Warm LED bulb E27 (2-pack)", "12.50"),
            ("ML-SHADE-L", "Linen lampshade, large", "34.90"),
            ("ML-PEND-77", "Opal glass pendant light", "149.00"),
        ),
    ),
    DemoSeller(
        "bursztyn",
        "Bursztyn Sp. z o.o.",
        "PL",
        ("agnieszka@bursztyn.example", "Agnieszka Nowak"),
        (
            ("piotr@bursztyn.example", "Piotr Kowalski"),
            ("zofia@bursztyn.example", "Zofia Wiśniewska"),
        ),
        (
            ("BZ-RING-11", "Amber silver ring", "59.00"),
            ("BZ-NECK-03", "Baltic amber necklace", "119.00"),
            ("BZ-EAR-08", "Amber drop earrings", "45.00"),
            ("BZ-BOX-01", "Gift box", "4.00"),
        ),
    ),
    DemoSeller(
        "werkzeug-schmidt",
        "Werkzeug Schmidt GmbH",
        "DE",
        ("jonas@werkzeug-schmidt.example", "Jonas Schmidt"),
        (
            ("lena@werkzeug-schmidt.example", "Lena Bauer"),
            ("tim@werkzeug-schmidt.example", "Tim Becker"),
        ),
        (
            ("WS-DRILL-18V", "Cordless drill 18 V", "129.00"),
            ("WS-BIT-SET", "Drill bit set, 32 pieces", "24.90"),
            ("WS-BATT-4AH", "Spare battery 4 Ah", "69.00"),
            ("WS-CASE-M", "Tool case, medium", "39.00"),
        ),
    ),
)

# One buyer per market: e-mail, name, address (street, postal code, city).
BUYERS = {
    "FR": ("buyer@example.com", "Claire Martin", ("12 rue des Lilas", "69003", "Lyon")),
    "DE": ("buyer.de@example.com", "Max Müller", ("Lindenstraße 5", "10969", "Berlin")),
    "AT": ("buyer.at@example.com", "Anna Gruber", ("Mariahilfer Straße 20", "1070", "Wien")),
    "PL": ("buyer.pl@example.com", "Kasia Zielińska", ("ul. Długa 8", "80-827", "Gdańsk")),
    "CZ": ("buyer.cz@example.com", "Jana Nováková", ("Vinohradská 12", "120 00", "Praha")),
    "SK": ("buyer.sk@example.com", "Martin Horváth", ("Obchodná 3", "811 06", "Bratislava")),
    "HU": ("buyer.hu@example.com", "Eszter Kovács", ("Király utca 15", "1061", "Budapest")),
    "RO": ("buyer.ro@example.com", "Andrei Popescu", ("Strada Lipscani 10", "030031", "București")),
    "ES": ("buyer.es@example.com", "Lucía García", ("Calle Mayor 22", "28013", "Madrid")),
    "IT": ("buyer.it@example.com", "Giulia Rossi", ("Via Roma 18", "10121", "Torino")),
}
ADMIN = ("admin@example.com", "Paula Admin")  # a superuser
# Staff in a role each (helpdesk/migrations/0012_staff_roles.py).
STAFF = (
    ("moderator@example.com", "Mo Moderator", "Moderator"),
    ("sanctions@example.com", "Sam Sanctions", "Sanctions manager"),
    ("auditor@example.com", "Aude Auditor", "Auditor"),
)

CARRIERS = {
    "FR": Carrier.COLISSIMO,
    "DE": Carrier.DHL,
    "AT": Carrier.DPD,
    "PL": Carrier.INPOST,
    "CZ": Carrier.PACKETA,
    "SK": Carrier.PACKETA,
    "HU": Carrier.GLS,
    "RO": Carrier.DPD,
    "ES": Carrier.CORREOS,
    "IT": Carrier.POSTE_ITALIANE,
}


def _price(eur: str, currency: str) -> Decimal:
    amount = Decimal(eur) * EUR_RATES[currency]
    # Whole numbers where the currency is usually priced that way.
    return amount.quantize(Decimal(1) if currency in {"HUF", "CZK"} else Decimal("0.01"))


class Command(BaseCommand):
    help = "Create demo sellers, team members, buyers and orders (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Skip the three months of answered messages behind the performance figures "
            "(quicker; for tests of other journeys).",
        )

    @transaction.atomic
    def handle(
        self, *args: Any, quiet: bool = False, no_history: bool = False, **options: Any
    ) -> None:
        self.password_hash = make_password(DEMO_PASSWORD)
        markets = Market.objects.in_bulk()
        created = 0
        sellers = []
        for spec in SELLERS:
            seller, _ = Seller.objects.get_or_create(
                slug=spec.slug,
                defaults={"company_name": spec.company_name, "country": spec.country},
            )
            sellers.append((seller, spec))
            people = [(spec.owner, SellerMember.Role.OWNER)] + [
                (a, SellerMember.Role.AGENT) for a in spec.agents
            ]
            team = []
            for (email, name), role in people:
                user = self._user(
                    email,
                    name,
                    market=markets[spec.country],
                )
                SellerMember.objects.get_or_create(
                    user=user, seller=seller, defaults={"role": role}
                )
                team.append(user)
            # The saved replies every new seller gets, in its market's language, as if the
            # owner had written them (agents insert them but may not change them).
            saved_reply_create_defaults(seller=seller, author=team[0])
        self._user(*ADMIN, market=markets["FR"], language="en", staff=True)
        for email, name, group in STAFF:
            member = self._user(email, name, market=markets["FR"], language="en", staff=True)
            member.is_superuser = False
            member.save(update_fields=["is_superuser"])
            member.groups.add(Group.objects.get(name=group))

        now = timezone.now()
        for index, (code, (email, name, (street, postal, city))) in enumerate(BUYERS.items()):
            market = markets[code]
            buyer = self._user(email, name, market=market)
            address = Address(
                name=name, line1=street, postal_code=postal, city=city, country=market.country
            )
            for n in range(ORDERS_PER_BUYER):
                seller, spec = sellers[(index + n) % len(sellers)]
                # One generator per order: the same data on every machine and every run.
                rng = random.Random(f"{code}-{n}")
                number = f"2026-{100 + index * 10 + n:03d}-{rng.randrange(1000, 9999):04d}"
                picks = rng.sample(spec.products, k=rng.randint(1, 3))
                lines = [
                    LineSpec(
                        sku=sku,
                        title=title,
                        quantity=rng.choice((1, 1, 1, 2, 3)),
                        unit_price=_price(eur, market.currency),
                    )
                    for sku, title, eur in picks
                ]
                shipping = _price(rng.choice(("0.00", "4.90", "6.90")), market.currency)
                # Newest order a few hours ago, the oldest about two months back.
                placed_at = now - timedelta(
                    days=n * 7 + rng.randint(0, 6), hours=rng.randint(2, 20)
                )
                if Order.objects.filter(number=number).exists():
                    continue
                order = order_place(
                    number=number,
                    buyer=buyer,
                    seller=seller,
                    market=market,
                    lines=lines,
                    shipping_cost=shipping,
                    address=address,
                    placed_at=placed_at,
                )
                created += 1
                if n == 0 and index % 3 == 0:
                    continue  # some recent orders are not shipped yet
                if (index, n) == (0, 1):
                    continue  # shipped by Bursztyn's proactive update (seed_conversations)
                shipped_at = placed_at + timedelta(hours=rng.randint(18, 40))
                shipment_add(
                    order=order,
                    carrier=CARRIERS[code],
                    tracking_number=f"{code}{rng.randrange(10**9, 10**10)}",
                    shipped_at=shipped_at,
                    estimated_delivery=(shipped_at + timedelta(days=rng.randint(2, 4))).date(),
                )
                if shipped_at + timedelta(days=5) < now:
                    Order.objects.filter(pk=order.pk).update(status=Order.Status.DELIVERED)

        conversations = seed_conversations(now)
        if not no_history:
            conversations += seed_answer_history(now)
        seed_absence(now)

        if not quiet:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data ready ({created} new orders, {conversations} new conversations)."
                )
            )
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            self.stdout.write(f"  buyer (FR market)      {BUYERS['FR'][0]}")
            self.stdout.write(
                "  buyers in other markets buyer.<de|at|pl|cz|sk|hu|ro|es|it>@example.com"
            )
            for spec in SELLERS:
                agents = ", ".join(email for email, _ in spec.agents)
                self.stdout.write(
                    f"  {spec.company_name:<22} owner {spec.owner[0]}, agents {agents}"
                )
            self.stdout.write(f"  platform administrator {ADMIN[0]} (admin console at /admin/)")
            for email, _name, group in STAFF:
                self.stdout.write(f"  {group.lower()} {email} (admin console, that role only)")

    def _user(
        self, email: str, name: str, *, market: Market, language: str = "", staff: bool = False
    ) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            # One Argon2 hash shared by every demo account: hashing ~20 times costs seconds.
            user = User.objects.create(
                email=email,
                password=self.password_hash,
                name=name,
                market=market,
                preferred_language=language,
                is_staff=staff,
                is_superuser=staff,
            )
        return user


def _order(buyer_email: str, seller_slug: str) -> Order:
    """The buyer's most recent shipped order from that seller."""
    orders = Order.objects.filter(
        buyer__email=buyer_email, seller__slug=seller_slug, shipments__isnull=False
    )
    return orders.order_by("-placed_at")[0]


def _member(email: str) -> User:
    return User.objects.get(email=email)


def seed_absence(now) -> None:
    """Inès (Maison Lumière) away for five days from next week, Hugo standing in, as Camille
    (the owner) recorded it: the absences page is not empty. Skipped while one is to come."""
    seller = Seller.objects.get(slug="maison-lumiere")
    ines = _member("ines@maison-lumiere.example")
    if current_and_upcoming([seller], now=now).filter(absent=ines).exists():
        return
    first_day = seller_today(seller, now) + timedelta(days=7)
    absence_record(
        seller=seller,
        absent=ines,
        first_day=first_day,
        last_day=first_day + timedelta(days=4),
        stand_in=_member("hugo@maison-lumiere.example"),
        by=_member("camille@maison-lumiere.example"),
    )


def seed_conversations(now) -> int:
    """Conversations in every state the inbox shows: awaiting (due soon, overdue), answered
    with status updates, with an internal note, closed, escalated. Written through the real
    services, dated in the past with `at`. Skipped when they exist."""
    if Thread.objects.filter(buyer__email__in=[b[0] for b in BUYERS.values()]).exists():
        return 0
    hours = lambda n: now - timedelta(hours=n)  # noqa: E731
    hugo, ines = _member("hugo@maison-lumiere.example"), _member("ines@maison-lumiere.example")
    piotr = _member("piotr@bursztyn.example")
    lena = _member("lena@werkzeug-schmidt.example")
    count = 0

    # Maison Lumière: a fresh return request in French (due soon)…
    order = _order("buyer@example.com", "maison-lumiere")
    thread_open(
        order=order,
        buyer=order.buyer,
        topic="return",
        at=hours(3),
        body="Bonjour, l'abat-jour est arrivé froissé. Je souhaite le retourner : "
        "comment dois-je procéder ?",
    )
    count += 1
    # …an overdue delivery question from Germany…
    order = _order("buyer.de@example.com", "maison-lumiere")
    thread_open(
        order=order,
        buyer=order.buyer,
        topic="delivery",
        at=hours(80),
        body="Hello, tracking has not moved for four days. Is the parcel lost?",
    )
    count += 1
    # …a warranty case answered, with a repair under way and an internal note…
    order = _order("buyer.it@example.com", "maison-lumiere")
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="warranty",
        at=hours(120),
        body="The pendant light flickers since last week. Is it covered by the warranty?",
    )
    thread_assign(thread=thread, by=hugo, assignee=hugo)
    message_post(
        thread=thread,
        author=hugo,
        role=Role.SELLER,
        at=hours(110),
        body="Hello Giulia, yes: the light is under warranty for two years. Please "
        "send it back with the return label we will e-mail through the platform.",
    )
    note_post(
        thread=thread,
        author=hugo,
        at=hours(109),
        body="Second flicker complaint on ML-PEND-77 this month: check the batch.",
    )
    status_update_post(
        order=order, author=hugo, thread=thread, at=hours(30), update={"type": "repair_started"}
    )
    count += 1
    # …and an invoice question the buyer marked solved.
    order = _order("buyer.es@example.com", "maison-lumiere")
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="invoice",
        at=hours(200),
        body="Could you send the invoice with my company VAT number?",
    )
    message_post(
        thread=thread,
        author=ines,
        role=Role.SELLER,
        at=hours(190),
        body="Of course: the corrected invoice is now in your order documents.",
    )
    thread_close(thread=thread, by=order.buyer, role=Role.BUYER)
    count += 1

    # Bursztyn: a complaint awaiting an answer, and a shipment announced proactively.
    order = _order("buyer.pl@example.com", "bursztyn")
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="complaint",
        at=hours(20),
        body="Zapięcie naszyjnika pękło po dwóch dniach. Proszę o naprawę.",
    )
    note_post(
        thread=thread,
        author=piotr,
        at=hours(18),
        body="Ask the workshop whether the clasp can be replaced within a week.",
    )
    count += 1
    order = Order.objects.get(
        buyer__email="buyer@example.com", seller__slug="bursztyn", status=Order.Status.PLACED
    )
    status_update_post(
        order=order,
        author=piotr,
        at=hours(6),
        update={
            "type": "shipped",
            "carrier": "inpost",
            "tracking_number": "PL6020413378112",
            "estimated_delivery": (now + timedelta(days=3)).date(),
            "note": "Packed in a gift box as requested.",
        },
    )
    count += 1

    # Werkzeug Schmidt (nothing awaiting: a new request lands at the top of its inbox): a
    # withdrawal answered with a status update, and a closing the buyer disputes.
    order = _order("buyer.at@example.com", "werkzeug-schmidt")
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="withdrawal",
        at=hours(50),
        body="I would like to withdraw from this purchase (14-day right). "
        "The drill is unused and in its box.",
    )
    message_post(
        thread=thread,
        author=lena,
        role=Role.SELLER,
        at=hours(40),
        body="Thank you Anna. Please send it back with the prepaid label; we refund "
        "within 14 days of receiving it.",
    )
    status_update_post(
        order=order, author=lena, thread=thread, at=hours(4), update={"type": "return_received"}
    )
    count += 1
    order = _order("buyer.cz@example.com", "werkzeug-schmidt")
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="cancellation",
        at=hours(150),
        body="Please cancel the spare battery, I ordered the wrong model.",
    )
    thread_assign(thread=thread, by=lena, assignee=lena)
    message_post(
        thread=thread,
        author=lena,
        role=Role.SELLER,
        at=hours(140),
        body="The battery had already left our warehouse: please refuse the parcel "
        "or return it within 14 days.",
    )
    thread_close(thread=thread, by=lena, role=Role.SELLER)
    thread_escalate(
        thread=thread,
        buyer=order.buyer,
        reason="I asked to cancel before it was shipped; I should not pay the return.",
    )
    count += 1
    # Moderation (issue 6): a seller reply held for review, a buyer's e-mail address masked.
    order = _order("buyer.pl@example.com", "bursztyn")
    thread = thread_open(
        order=order,
        buyer=order.buyer,
        topic="invoice",
        at=hours(5),
        body="Dzień dobry, potrzebuję faktury VAT na firmę. Jak mogę ją otrzymać?",
    )
    message_post(thread=thread, author=piotr, role=Role.SELLER, at=hours(4), body=DEMO_HELD)
    count += 1
    order = _order("buyer.it@example.com", "maison-lumiere")
    thread_open(order=order, buyer=order.buyer, topic="other", at=hours(2), body=DEMO_MASKED)
    count += 1
    # Demo history is not news: nobody is e-mailed about it.
    Notification.objects.filter(sent_at__isnull=True).update(sent_at=now)
    return count


# The two demo messages the scanner is meant to catch (the moderation queue's examples).
DEMO_HELD = (
    "Dzień dobry, fakturę wyślę mailem. Proszę zadzwonić: 600 700 800, to ustalimy szczegóły."
)
DEMO_MASKED = (
    "Buongiorno, la lampada è bellissima. Potete scrivermi a giulia.rossi75@gmail.com "
    "per gli accessori?"
)


# Share of buyer messages each demo seller answered late over the last 90 days: one good,
# one under the warning threshold, one under the restriction threshold.
LATE_SHARE = {"maison-lumiere": 0.0, "werkzeug-schmidt": 0.06, "bursztyn": 0.25}
HISTORY_PER_SELLER = 48
TOPICS = ("delivery", "return", "invoice", "warranty", "other")


def seed_answer_history(now) -> int:
    """Three months of answered buyer messages (real services, dated with `at`) so the
    performance dashboard, the scores and the automatic sanctions have something to show;
    then the nightly job runs once."""
    if Thread.objects.filter(created_at__lt=now - timedelta(days=20)).exists():
        return 0
    count = 0
    for spec in SELLERS:
        rng = random.Random(f"history-{spec.slug}")
        agents = [_member(email) for email, _ in spec.agents]
        orders = list(Order.objects.filter(seller__slug=spec.slug).select_related("market"))
        for i in range(HISTORY_PER_SELLER):
            order = rng.choice(orders)
            day = now - timedelta(days=58 - i * 56 / HISTORY_PER_SELLER)
            received = day.replace(hour=rng.randint(7, 15), minute=rng.randint(0, 59))
            while received.weekday() >= 5:
                received -= timedelta(days=1)
            late = rng.random() < LATE_SHARE[spec.slug]
            hours = rng.uniform(25, 40) if late else rng.uniform(0.5, 14)
            answered = response_deadline(received, order.market_id, hours=hours)
            if answered >= now - timedelta(hours=1):
                continue
            thread = thread_open(
                order=order,
                buyer=order.buyer,
                topic=rng.choice(TOPICS),
                at=received,
                body="Hello, a question about my order, please.",
            )
            message_post(
                thread=thread,
                author=rng.choice(agents),
                role=Role.SELLER,
                at=answered,
                body="Thank you for your message: here is the answer.",
            )
            count += 1
    sellers_nightly(now)
    # Demo history is not news (the sanctions the nightly job applied included).
    Notification.objects.filter(sent_at__isnull=True).update(sent_at=now)
    return count
