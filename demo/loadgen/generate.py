"""Load data: sellers with their teams, buyers, orders with lines and shipments, and
after-sales conversations (about five messages each, in the market's language) with their
response clocks, written in bulk for benchmarks (`manage.py generate_load_data`).

Written with COPY, constraints, foreign keys and triggers on: the database checks every row
as it checks the application's own, and its triggers fill what they fill (a message's search
language and vector). What the services would compute is computed here the same way, by the
same functions: each message's place in its thread's hash chain (helpdesk.history, so
`verify_history` passes), each clock's deadline, warning time and business response time
(sla.calendar), the status updates' stored form (helpdesk.status_updates), and the inbox
fields of each thread from its clocks (as helpdesk.services._sync_clock_fields does).

Beside them, what the services and the sweep would have written: clocks warned and breached
as the sweep (every minute) would have while they ran, with the notices to the seller's team;
the outbox rows of the last NOTIFY_DAYS days' messages (older ones are not written: the
outbox's volume is then a month's); reviews of the messages with a phone number (buyers'
masked, a few recent seller answers held and awaiting a decision, their clock waiting as
sla.clocks leaves it); rows of the files sent (photos, invoices; checksums in the chain, the
files themselves not written).

One big seller (slug "load-r<run>-big", in every market) has `big_share(threads)` of the
conversations, spread over the run, and the first of them has LONG_THREAD messages: the
inbox and thread page the benchmark measures at their worst.

Generated rows are recognisable (sellers' slugs start with "load-r<run>-"); a second run
refuses unless asked for more (`again`), which adds a new run beside the first.

The shape is a pipeline of small table writers (`Table`) fed conversation by conversation,
so a later issue can add tables (escalations, ratings) as more writers without changing the
rest.
"""

from __future__ import annotations

import functools
import json
import operator
import queue
import random
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from accounts.models import Seller
from demo.loadgen.language import Language
from demo.loadgen.texts import LANGUAGES
from helpdesk.history import GENESIS, entry_digest
from helpdesk.moderation import Screening, screen
from helpdesk.services import reply_state_of
from helpdesk.status_updates import normalise
from orders.markets import BY_CODE, MARKETS
from orders.models import Carrier, Market
from orders.money import quantize
from sla.calendar import business_time_between, deadline_steps, response_deadline
from sla.clocks import WARN_AFTER_HOURS, ClockState

SLUG_PREFIX = "load-r"
ID_BLOCK = 10_000  # ids reserved from a sequence at a time
LONG_THREAD = 100  # messages of the big seller's longest thread
# What the services and the sweep would have left beside the conversations:
NOTIFY_DAYS = 30  # outbox rows of messages sent in the last NOTIFY_DAYS days (not older)
MASKED_SHARE = 0.01  # buyer messages with a phone number, masked and reviewed
HELD_SHARE = 0.03  # last seller replies of the last HELD_DAYS with a phone number, held
HELD_DAYS = 2  # (older ones would have been decided)
PHOTO_SHARE = 0.12  # buyer messages of complaints, returns and warranty with photos
INVOICE_SHARE = 0.3  # seller answers about invoices with the invoice (a PDF)
SWEEP_SECONDS = 60  # the sweep runs every minute: a warning or breach within a minute
CALLING_CODES = {
    "FR": "33",
    "DE": "49",
    "AT": "43",
    "PL": "48",
    "CZ": "420",
    "SK": "421",
    "HU": "36",
    "RO": "40",
    "ES": "34",
    "IT": "39",
}


def big_share(threads: int) -> int:
    """How many conversations go to the one big seller (its inbox is the benchmark's worst
    case): 2 % of them (20,000 of 1,000,000), at least 4,000 when there are 20,000 or more,
    never more than a fifth."""
    return max(threads // 50, min(threads // 5, 4000))


# How the generated world is spread: markets by share of conversations, topics by share.
MARKET_WEIGHTS = {
    "FR": 20,
    "DE": 20,
    "AT": 5,
    "PL": 15,
    "CZ": 6,
    "SK": 4,
    "HU": 4,
    "RO": 6,
    "ES": 10,
    "IT": 10,
}
TOPIC_WEIGHTS = {
    "delivery": 25,
    "return": 18,
    "withdrawal": 8,
    "complaint": 18,
    "warranty": 10,
    "invoice": 6,
    "cancellation": 7,
    "other": 8,
}
CARRIERS = {
    "FR": (Carrier.COLISSIMO, Carrier.CHRONOPOST, Carrier.DPD),
    "DE": (Carrier.DHL, Carrier.DPD, Carrier.GLS, Carrier.UPS),
    "AT": (Carrier.DHL, Carrier.GLS, Carrier.DPD),
    "PL": (Carrier.INPOST, Carrier.DPD),
    "CZ": (Carrier.PACKETA, Carrier.GLS),
    "SK": (Carrier.PACKETA, Carrier.DPD),
    "HU": (Carrier.GLS, Carrier.DPD),
    "RO": (Carrier.DPD, Carrier.GLS),
    "ES": (Carrier.CORREOS, Carrier.UPS),
    "IT": (Carrier.POSTE_ITALIANE, Carrier.GLS),
}
# Rough rates from EUR, for prices only.
EUR_RATES = {
    "EUR": Decimal(1),
    "PLN": Decimal("4.3"),
    "CZK": Decimal(25),
    "HUF": Decimal(395),
    "RON": Decimal(5),
}
CURRENCY_SIGNS = {"EUR": "€", "PLN": "zł", "CZK": "Kč", "HUF": "Ft", "RON": "lei"}
# Status updates a seller may post, by topic (helpdesk.status_updates.KINDS).
UPDATES = {
    "delivery": ("shipped",),
    "return": ("return_received", "refund_issued"),
    "withdrawal": ("return_received", "refund_issued"),
    "complaint": ("refund_issued", "shipped"),
    "warranty": ("repair_started", "repair_finished", "shipped"),
    "invoice": (),
    "cancellation": ("refund_issued",),
    "other": (),
}


class LoadDataExists(Exception):
    """Load data is there already: say `again` to add more."""


@dataclass
class LoadReport:
    run: int = 0
    sellers: int = 0
    members: int = 0
    buyers: int = 0
    orders: int = 0
    lines: int = 0
    shipments: int = 0
    threads: int = 0
    messages: int = 0
    clocks: int = 0
    breaches: int = 0
    warnings: int = 0
    reviews: int = 0
    held: int = 0  # reviews of held replies awaiting a decision
    attachments: int = 0
    notifications: int = 0
    seconds: float = 0.0
    big_seller: int = 0  # the seller with big_share(threads) of the conversations
    big_threads: int = 0
    long_thread: int = 0  # the thread of LONG_THREAD messages, the big seller's


# Writing ------------------------------------------------------------------------------------


class Ids:
    """Ids from a table's own sequence, reserved a block at a time (so concurrent writers
    never collide with them); blocks grow from 100 to ID_BLOCK as they are used up."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.block: Iterator[int] = iter(())
        self.size = 100

    def __call__(self) -> int:
        for value in self.block:
            return value
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [self.table, self.size],
            )
            self.block = iter([row[0] for row in cursor.fetchall()])
        self.size = min(self.size * 4, ID_BLOCK)
        return next(self.block)


class Table:
    """Rows for one table, gathered for a batch, then written with COPY (`copy_rows`)."""

    def __init__(self, name: str, columns: Sequence[str]) -> None:
        self.name = name
        self.columns = tuple(columns)
        self.rows: list[tuple[Any, ...]] = []
        self.next_id = Ids(name)
        self._row = operator.itemgetter(*self.columns)

    def add(self, **values: Any) -> None:
        self.rows.append(self._row(values))

    def take(self) -> tuple[str, tuple[str, ...], list[tuple[Any, ...]]]:
        """This batch's rows (and the table starts a new batch)."""
        rows, self.rows = self.rows, []
        return self.name, self.columns, rows


Batch = list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]


def copy_rows(batch: Batch) -> None:
    """Write a batch with COPY, table after table (in foreign key order), in one
    transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        for name, columns, rows in batch:
            if not rows:
                continue
            with raw.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


class Writers:
    """Write batches on connections of their own while the next one is generated: the
    database parses and indexes batches while Python builds the next. Batches are
    independent (each refers only to its own rows and to the people written first), so
    `count` writers take them in any order. `done` is called after each batch is
    committed."""

    def __init__(self, done: Callable[[int], None], count: int = 2) -> None:
        self.queue: queue.Queue[tuple[Batch, int] | None] = queue.Queue(maxsize=count)
        self.done = done
        self.lock = threading.Lock()  # around `done`
        self.errors: list[BaseException] = []
        self.threads = [
            threading.Thread(target=self.run, name=f"load-data-writer-{n}", daemon=True)
            for n in range(count)
        ]
        for thread in self.threads:
            thread.start()

    def run(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                copy_rows(item[0])
                with self.lock:
                    self.done(item[1])
        except BaseException as error:  # handed to the generating thread
            self.errors.append(error)
            while self.queue.get() is not None:  # let the producer finish
                pass
        finally:
            connection.close()

    def write(self, batch: Batch, threads: int) -> None:
        if self.errors:
            raise self.errors[0]
        self.queue.put((batch, threads))

    def finish(self) -> None:
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        if self.errors:
            raise self.errors[0]


def tables() -> dict[str, Table]:
    """The writers, in the order their rows must reach the database (foreign keys)."""
    specs = {
        "accounts_user": (
            "id password last_login is_superuser email name preferred_language is_active "
            "is_staff date_joined market_id"
        ),
        "accounts_seller": (
            "id company_name slug country status created_at service_score "
            "typical_response_hours score_updated_at"
        ),
        "accounts_sellermember": "id user_id seller_id role notification_mode created_at",
        "orders_order": (
            "id number buyer_id seller_id market_id currency status subtotal shipping_cost "
            "total delivery_name delivery_line1 delivery_line2 delivery_postal_code "
            "delivery_city delivery_country placed_at"
        ),
        "orders_orderline": "id order_id position sku title quantity unit_price",
        "orders_shipment": (
            "id order_id carrier tracking_number shipped_at estimated_delivery created_at"
        ),
        "helpdesk_thread": (
            "id order_id seller_id buyer_id market_id topic status assignee_id created_at "
            "awaiting_reply_since due_at reply_state last_activity_at buyer_activity_at "
            "seller_activity_at closed_at closed_by_role escalated_at platform_since open_key"
        ),
        "helpdesk_message": (
            "id thread_id author_id author_role author_name kind body data created_at "
            "idempotency_key chain_hash"
        ),
        "sla_responseclock": (
            "id thread_id seller_id market_id opened_by_id opened_at due_at warn_at warned_at "
            "breached_at pending_answer_id closed_at outcome closed_by_id response_seconds "
            "explanation"
        ),
        "helpdesk_attachment": (
            "id message_id file original_name content_type size sha256 created_at"
        ),
        "helpdesk_messagereview": (
            "id message_id seller_id market_id author_role action kinds findings masked_text "
            "state reason decided_at decided_by_id created_at due_at"
        ),
        "outbox_notification": (
            "id recipient_id kind thread_id message_id clock_id sanction_id payload digest "
            "created_at sent_at"
        ),
    }
    return {name: Table(name, columns.split()) for name, columns in specs.items()}


# Names and places ---------------------------------------------------------------------------

ASCII_FOLDS = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "đ": "d", "Đ": "D"})


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(ASCII_FOLDS))
    plain = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    first: str


@dataclass(frozen=True)
class Buyer(Person):
    line1: str
    postal_code: str
    city: str


@dataclass
class SellerRow:
    id: int
    company_name: str
    members: list[Person] = field(default_factory=list)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _ui_language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else "en"


def money_text(amount: Decimal, currency: str) -> str:
    """An amount as people write it in these markets: "1 249,90 €", "12 490 Ft"."""
    whole = currency in {"HUF", "CZK"}
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    text = text.replace(",", " ").replace(".", ",")
    return f"{text} {CURRENCY_SIGNS[currency]}"


def _serial_shapes() -> dict[str, Callable[[int, random.Random], str]]:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"

    def pair(rng: random.Random) -> str:
        return rng.choice(letters) + rng.choice(letters)

    return {
        Carrier.COLISSIMO: lambda n, rng: f"6A{rng.randrange(10, 100)}{n:09d}",
        Carrier.CHRONOPOST: lambda n, rng: f"{pair(rng)}{n:09d}FR",
        Carrier.DHL: lambda n, rng: f"JJD00{rng.randrange(10**4, 10**5)}{n:011d}",
        Carrier.DPD: lambda n, rng: f"0{rng.randrange(1000, 10000)}{n:09d}",
        Carrier.GLS: lambda n, rng: f"{rng.randrange(10, 100)}{n:09d}",
        Carrier.UPS: lambda n, rng: f"1Z{rng.randrange(16**6):06X}{rng.randrange(10, 100)}{n:08d}",
        Carrier.INPOST: lambda n, rng: f"6{rng.randrange(10**13, 10**14)}{n:010d}",
        Carrier.PACKETA: lambda n, rng: f"Z{rng.randrange(1, 10)}{n:09d}",
        Carrier.POSTE_ITALIANE: lambda n, rng: f"{pair(rng)}{n:09d}IT",
        Carrier.CORREOS: lambda n, rng: f"PQ{pair(rng)}{rng.randrange(10, 100)}{n:09d}ES",
    }


TRACKING_SHAPES = _serial_shapes()


def tracking_number(carrier: str, serial: int, rng: random.Random) -> str:
    """A tracking number in the carrier's usual shape, unique by `serial`."""
    return TRACKING_SHAPES[carrier](serial, rng)


@functools.cache
def _minor_unit(currency: str) -> Decimal:
    return quantize(Decimal(1), currency)  # orders.money decides the decimals: Decimal("1.00")


def price(amount: Decimal, currency: str) -> Decimal:
    """An amount rounded to the currency's minor unit, as orders.money.quantize does."""
    return amount.quantize(_minor_unit(currency), rounding=ROUND_HALF_UP)


# The generator ------------------------------------------------------------------------------


class Generator:
    def __init__(self, *, run: int, seed: int, now: datetime) -> None:
        self.run = run
        self.rng = random.Random(seed)
        self.now = now
        self.tables = tables()
        self.markets = {market.code: market for market in Market.objects.all()}
        self.sellers: dict[str, list[SellerRow]] = {code: [] for code in MARKET_WEIGHTS}
        self.buyers: dict[str, list[Buyer]] = {code: [] for code in MARKET_WEIGHTS}
        self.big: SellerRow | None = None
        self.report = LoadReport(run=run)

    def batch(self) -> Batch:
        """The rows generated since the last batch, in the order they must be written."""
        return [table.take() for table in self.tables.values()]

    def language(self, market: str) -> Language:
        return LANGUAGES[BY_CODE[market].language]

    # People ---------------------------------------------------------------------------------

    def user(self, market: str, *, email_domain: str = "", joined: datetime) -> Person:
        lang = self.language(market)
        first, last = self.rng.choice(lang.first_names), self.rng.choice(lang.last_names)
        users = self.tables["accounts_user"]
        user_id = users.next_id()
        domain = email_domain or self.rng.choice(lang.email_domains)
        local = f"{ascii_slug(first)}.{ascii_slug(last)}{user_id}".replace("-", ".")
        users.add(
            id=user_id,
            password="!",  # noqa: S106 (an unusable password: load data never logs in)
            last_login=None,
            is_superuser=False,
            email=f"{local}@{domain}",
            name=f"{first} {last}",
            preferred_language=_ui_language(lang.code),
            is_active=True,
            is_staff=False,
            date_joined=joined,
            market_id=market,
        )
        return Person(id=user_id, name=f"{first} {last}", first=first)

    def create_sellers(self, count: int) -> None:
        rng = self.rng
        markets = list(MARKET_WEIGHTS)
        for n in range(1, count + 1):
            home = _weighted(rng, MARKET_WEIGHTS)
            lang = self.language(home)
            first, second = rng.sample(lang.company_words, 2)
            company = f"{first} {second} {rng.choice(lang.company_forms)}"
            sellers = self.tables["accounts_seller"]
            seller_id = sellers.next_id()
            joined = self.now - timedelta(days=rng.uniform(400, 1500))
            sellers.add(
                id=seller_id,
                company_name=company,
                slug=f"{SLUG_PREFIX}{self.run}-s{n}",
                country=BY_CODE[home].country,
                status="active",
                created_at=joined,
                service_score=None,
                typical_response_hours=None,
                score_updated_at=None,
            )
            seller = SellerRow(id=seller_id, company_name=company)
            domain = f"{ascii_slug(company)}.example"
            for role in ["owner"] + ["agent"] * rng.choice((0, 1, 1, 2, 3)):
                seller.members.append(self.member(seller_id, role, home, domain, joined))
                self.report.members += 1
            others = [code for code in markets if code != home]
            for code in [home, *rng.sample(others, rng.choice((0, 0, 1, 2)))]:
                self.sellers[code].append(seller)
        # Every market has someone selling in it.
        every = [seller for listed in self.sellers.values() for seller in listed]
        for market_sellers in self.sellers.values():
            if not market_sellers:
                market_sellers.append(rng.choice(every))
        self.report.sellers += count

    def member(self, seller_id: int, role: str, home: str, domain: str, joined: datetime) -> Person:
        """A new user of the market `home`, member of the seller in `role`: the user row."""
        user = self.user(home, email_domain=domain, joined=joined)
        self.tables["accounts_sellermember"].add(
            id=self.tables["accounts_sellermember"].next_id(),
            user_id=user.id,
            seller_id=seller_id,
            role=role,
            notification_mode="immediate",
            created_at=joined,
        )
        return user

    def create_big_seller(self) -> None:
        """The big seller: in every market, an owner and three agents; only conversations
        asked for with `big` go to it."""
        sellers = self.tables["accounts_seller"]
        seller_id = sellers.next_id()
        company = "Großhandel Beispiel GmbH"
        joined = self.now - timedelta(days=1500)
        sellers.add(
            id=seller_id,
            company_name=company,
            slug=f"{SLUG_PREFIX}{self.run}-big",
            country="DE",
            status="active",
            created_at=joined,
            service_score=None,
            typical_response_hours=None,
            score_updated_at=None,
        )
        self.big = SellerRow(id=seller_id, company_name=company)
        for role in ("owner", "agent", "agent", "agent"):
            domain = "grosshandel-beispiel.example"
            self.big.members.append(self.member(seller_id, role, "DE", domain, joined))
            self.report.members += 1
        self.report.sellers += 1
        self.report.big_seller = seller_id

    def create_buyers(self, count: int) -> None:
        """`count` buyers, one in each market first, then as the markets weigh."""
        rng = self.rng
        for n in range(count):
            market = list(MARKET_WEIGHTS)[n] if n < len(MARKET_WEIGHTS) else None
            market = market or _weighted(rng, MARKET_WEIGHTS)
            lang = self.language(market)
            person = self.user(market, joined=self.now - timedelta(days=rng.uniform(30, 1500)))
            city, postal_code = rng.choice(lang.cities)
            line1 = lang.street_format.format(
                number=rng.randrange(1, 120), street=rng.choice(lang.streets)
            )
            self.buyers[market].append(
                Buyer(
                    id=person.id,
                    name=person.name,
                    first=person.first,
                    line1=line1,
                    postal_code=postal_code,
                    city=city,
                )
            )
        self.report.buyers += count

    # Orders ---------------------------------------------------------------------------------

    def order(
        self, market: str, buyer: Buyer, seller: SellerRow, topic: str, created: datetime
    ) -> tuple[int, str, list[str], Decimal, tuple[str, str] | None]:
        """An order placed before the conversation, with lines and (if sent) a shipment.
        Returns (id, number, product titles, total, (carrier, tracking number) or None)."""
        rng = self.rng
        spec = BY_CODE[market]
        lang = self.language(market)
        orders = self.tables["orders_order"]
        order_id = orders.next_id()
        placed = created - timedelta(days=rng.uniform(1, 25))
        number = f"{placed.year}-{rng.randrange(100, 1000)}-{order_id:07d}"
        rate = EUR_RATES[spec.currency]
        subtotal = Decimal(0)
        titles = []
        for position in range(1, rng.choice((1, 1, 1, 2, 2, 3)) + 1):
            title = rng.choice(lang.products)
            titles.append(title)
            quantity = rng.choice((1, 1, 1, 1, 2, 3))
            unit_price = price(Decimal(rng.randrange(990, 39900)) / 100 * rate, spec.currency)
            subtotal += unit_price * quantity
            lines = self.tables["orders_orderline"]
            lines.add(
                id=lines.next_id(),
                order_id=order_id,
                position=position,
                sku=f"{ascii_slug(title)[:12].upper()}-{rng.randrange(100, 1000)}",
                title=title,
                quantity=quantity,
                unit_price=unit_price,
            )
            self.report.lines += 1
        shipping = price(Decimal(rng.choice((0, 0, 390, 490, 690))) / 100 * rate, spec.currency)
        if topic == "cancellation" and rng.random() < 0.5:
            status = "cancelled"
        elif topic == "delivery":
            status = "shipped"
        else:
            status = "delivered"
        orders.add(
            id=order_id,
            number=number,
            buyer_id=buyer.id,
            seller_id=seller.id,
            market_id=market,
            currency=spec.currency,
            status=status,
            subtotal=subtotal,
            shipping_cost=shipping,
            total=subtotal + shipping,
            delivery_name=buyer.name,
            delivery_line1=buyer.line1,
            delivery_line2="",
            delivery_postal_code=buyer.postal_code,
            delivery_city=buyer.city,
            delivery_country=spec.country,
            placed_at=placed,
        )
        self.report.orders += 1
        parcel = None
        if status in ("shipped", "delivered"):
            shipped_at = placed + timedelta(hours=rng.uniform(4, 60))
            parcel = self.shipment(order_id, market, shipped_at)
        return order_id, number, titles, subtotal + shipping, parcel

    def shipment(self, order_id: int, market: str, at: datetime) -> tuple[str, str]:
        shipments = self.tables["orders_shipment"]
        shipment_id = shipments.next_id()
        carrier = self.rng.choice(CARRIERS[market])
        number = tracking_number(carrier, shipment_id, self.rng)
        shipments.add(
            id=shipment_id,
            order_id=order_id,
            carrier=carrier,
            tracking_number=number,
            shipped_at=at,
            estimated_delivery=(at + timedelta(days=self.rng.randrange(2, 6))).date(),
            created_at=at,
        )
        self.report.shipments += 1
        return carrier, number

    # Conversations --------------------------------------------------------------------------

    def conversation(self, *, big: bool = False) -> None:
        """One conversation; with `big`, with the big seller (the first of them is the long
        thread, LONG_THREAD messages)."""
        rng = self.rng
        market = _weighted(rng, MARKET_WEIGHTS)
        lang = self.language(market)
        buyer = rng.choice(self.buyers[market])
        seller = self.big if big and self.big else rng.choice(self.sellers[market])
        agent = rng.choice(seller.members)
        topic = _weighted(rng, TOPIC_WEIGHTS)
        long = big and not self.report.long_thread
        days = 30 if long else rng.uniform(3600, 400 * 86400) / 86400
        created = self.now - timedelta(days=days)
        order_id, number, titles, total, parcel = self.order(market, buyer, seller, topic, created)
        carrier, tracking = parcel or (rng.choice(CARRIERS[market]), "")
        currency = BY_CODE[market].currency
        slots = {
            "product": titles[0],
            "order": number,
            "tracking": tracking or tracking_number(carrier, order_id, rng),
            "carrier": str(Carrier(carrier).label),
            "days": str(rng.randrange(5, 10)),
            "date": (created - timedelta(days=rng.randrange(2, 20))).strftime(lang.date_format),
            "amount": money_text(total, currency),
            "defect": rng.choice(lang.defects),
            "part": rng.choice(lang.parts),
            "color": rng.choice(lang.colors),
            "weekday": rng.choice(lang.weekdays[:5]),
            "buyer": buyer.name,
            "buyer_first": buyer.first,
            "agent": agent.name,
            "seller": seller.company_name,
            "qty": str(rng.randrange(2, 5)),
            "city": buyer.city,
            "hours": str(rng.randrange(2, 48)),
        }
        thread_id = self.tables["helpdesk_thread"].next_id()
        if long:
            script = self.long_script(lang, topic, slots, created)
            self.report.long_thread = thread_id
        else:
            script = self.script(lang, topic, slots, market, order_id, total, created)
        self.write_thread(
            thread_id=thread_id,
            order_id=order_id,
            market=market,
            topic=topic,
            buyer=buyer,
            seller=seller,
            agent=agent,
            script=script,
        )

    def say(self, lang: Language, key: str, slots: dict[str, str]) -> str:
        return self.rng.choice(lang.texts[key]).format_map(slots)

    def script(
        self,
        lang: Language,
        topic: str,
        slots: dict[str, str],
        market: str,
        order_id: int,
        total: Decimal,
        created: datetime,
    ) -> list[tuple[str, str, str, dict[str, Any], datetime]]:
        """The conversation: (role, kind, body, data, sent at) from the buyer's request on,
        alternating buyer and seller, sometimes a status update, a note, a closing."""
        rng = self.rng
        say = self.say
        texts = rng.choice((3, 4, 4, 5, 5, 6))
        at = created
        entries: list[tuple[str, str, str, dict[str, Any], datetime]] = []
        for step in range(texts):
            buyer_turn = step % 2 == 0
            if step:
                hours = rng.lognormvariate(2.4, 1.0) if buyer_turn else rng.lognormvariate(1.6, 1)
                at += timedelta(hours=min(hours, 120))
            if at > self.now - timedelta(minutes=5):
                return entries
            if buyer_turn:
                if step == 0:
                    parts = [
                        say(lang, "greet_buyer", slots),
                        say(lang, f"open_{topic}", slots)
                        + (" " + say(lang, "detail", slots) if rng.random() < 0.4 else ""),
                        say(lang, "sign_buyer", slots),
                    ]
                elif step == 2:
                    parts = [
                        say(lang, "follow_up", slots)
                        + (" " + say(lang, "detail", slots) if rng.random() < 0.3 else ""),
                    ]
                    if rng.random() < 0.5:
                        parts.append(say(lang, "sign_buyer", slots))
                else:
                    key = "thanks" if step == texts - 1 else "follow_up"
                    parts = [say(lang, key, slots)]
                entries.append(("buyer", "text", "\n\n".join(parts), {}, at))
                continue
            if rng.random() < 0.07:
                note = say(lang, "note", slots)
                entries.append(("seller", "internal_note", note, {}, at))
                at += timedelta(minutes=rng.uniform(2, 90))
            kinds = UPDATES[topic]
            if step >= 3 and kinds and rng.random() < 0.3:
                data = self.update(rng.choice(kinds), market, order_id, total, at, lang, slots)
                entries.append(("seller", "status_update", "", data, at))
                continue
            if step == 1:
                parts = [
                    say(lang, "greet_seller", slots),
                    say(lang, f"reply_{topic}", slots)
                    + (" " + say(lang, "sorry", slots) if rng.random() < 0.5 else ""),
                    say(lang, "sign_seller", slots),
                ]
            else:
                parts = [say(lang, "answer", slots), say(lang, "sign_seller", slots)]
            entries.append(("seller", "text", "\n\n".join(parts), {}, at))
        if rng.random() < 0.5:  # closed: by the buyer (solved), or by the seller after answering
            at += timedelta(hours=min(rng.lognormvariate(2.0, 1.0), 120))
            if at <= self.now - timedelta(minutes=5):
                last_role = entries[-1][0]
                role = "seller" if last_role == "seller" and rng.random() < 0.4 else "buyer"
                entries.append((role, "event", "", {"event": "closed"}, at))
        return entries

    def long_script(
        self, lang: Language, topic: str, slots: dict[str, str], created: datetime
    ) -> list[tuple[str, str, str, dict[str, Any], datetime]]:
        """LONG_THREAD messages, buyer and seller in turn a few hours apart (a thread page's
        worst case)."""
        rng = self.rng
        entries: list[tuple[str, str, str, dict[str, Any], datetime]] = []
        at = created
        for step in range(LONG_THREAD):
            if step % 2 == 0:
                key = f"open_{topic}" if step == 0 else "follow_up"
                entries.append(("buyer", "text", self.say(lang, key, slots), {}, at))
            else:
                body = (
                    self.say(lang, "answer", slots) + "\n\n" + self.say(lang, "sign_seller", slots)
                )
                entries.append(("seller", "text", body, {}, at))
            at += timedelta(hours=rng.uniform(1, 5))
        return entries

    def update(
        self,
        kind: str,
        market: str,
        order_id: int,
        total: Decimal,
        at: datetime,
        lang: Language,
        slots: dict[str, str],
    ) -> dict[str, Any]:
        """A status update as the service stores it (and the shipment a "shipped" records)."""
        fields: dict[str, Any] = {"type": kind}
        if kind == "shipped":
            carrier, number = self.shipment(order_id, market, at)
            fields |= {
                "carrier": carrier,
                "tracking_number": number,
                "estimated_delivery": (at + timedelta(days=3)).date(),
            }
        elif kind == "refund_issued":
            fields |= {"amount": total, "currency": BY_CODE[market].currency}
        if self.rng.random() < 0.5:
            fields["note"] = self.say(lang, "status_note", slots)
        return normalise(fields)

    def write_thread(
        self,
        *,
        thread_id: int,
        order_id: int,
        market: str,
        topic: str,
        buyer: Buyer,
        seller: SellerRow,
        agent: Person,
        script: list[tuple[str, str, str, dict[str, Any], datetime]],
    ) -> None:
        """The thread, its messages (chained, with their files' rows and reviews), its clocks
        (warned and breached as the sweep would have), the outbox rows of its recent
        messages and of its clocks' notices, as the services would leave them."""
        rng = self.rng
        messages = self.tables["helpdesk_message"]
        language = BY_CODE[market].language
        previous = GENESIS
        open_clock: dict[str, Any] | None = None
        closed: list[dict[str, Any]] = []
        activity: dict[str, datetime] = {}
        status, closed_at, closed_by = "open", None, ""
        recent = self.now - timedelta(days=NOTIFY_DAYS)
        for number, (role, kind, body, data, at) in enumerate(script):
            author = buyer if role == "buyer" else agent
            message_id = messages.next_id()
            # A buyer leaves a phone number (masked); a team's recent last answer gives one
            # (held, awaiting the platform's decision: the clock waits for it).
            held = (
                role == "seller"
                and kind == "text"
                and open_clock is not None
                and number == len(script) - 1
                and at > self.now - timedelta(days=HELD_DAYS)
                and rng.random() < HELD_SHARE
            )
            masked = role == "buyer" and kind == "text" and rng.random() < MASKED_SHARE
            screening = None
            if held or masked:
                body += f"\n\nTel. +{CALLING_CODES[market]} {rng.randrange(600, 800)} " + (
                    f"{rng.randrange(100, 1000)} {rng.randrange(100, 1000)}"
                )
                screening = screen(role=role, text=body, language=language)
                held = held and screening.action == "hold"
            files = self.attachments(message_id, role, kind, topic, at)
            entry = {
                "thread_id": thread_id,
                "author_id": author.id,
                "author_name": author.name,
                "author_role": role,
                "kind": kind,
                "body": body,
                "data": data,
                "created_at": at,
            }
            previous = entry_digest(previous, entry, files)
            messages.add(
                id=message_id,
                **(entry | {"data": json.dumps(data, sort_keys=True) if data else "{}"}),
                idempotency_key=None,
                chain_hash=previous,
            )
            if screening:
                self.review(message_id, seller, market, role, screening, at)
            if kind == "internal_note":
                continue
            if at > recent and not held:
                self.tell(thread_id, message_id, role, kind, body, data, at, buyer, seller)
            if held:
                assert open_clock is not None  # (held only when answering an open clock)
                open_clock["pending_answer_id"] = message_id
                open_clock["answered_at"] = at  # the sweep leaves it alone from then on
                self.report.held += 1
                continue
            activity["last"] = at
            activity[role] = at
            # The clocks, as sla.clocks opens and closes them.
            if role == "buyer" and kind == "text" and open_clock is None:
                open_clock = {
                    "id": self.tables["sla_responseclock"].next_id(),
                    "opened_by_id": message_id,
                    "opened_at": at,
                    "due_at": response_deadline(at, market),
                    "warn_at": response_deadline(at, market, hours=WARN_AFTER_HOURS),
                    # As sla.clocks.clock_open stores it.
                    "explanation": json.dumps(deadline_steps(at, market)),
                }
            elif role == "seller" and kind in ("text", "status_update") and open_clock:
                opened: datetime = open_clock["opened_at"]
                seconds = business_time_between(opened, at, market).total_seconds()
                closed.append(
                    open_clock
                    | {
                        "closed_at": at,
                        "outcome": "answered",
                        "closed_by_id": message_id,
                        "response_seconds": int(seconds),
                    }
                )
                open_clock = None
            elif kind == "event":
                status, closed_at, closed_by = "closed", at, role
                if role == "buyer" and open_clock:
                    closed.append(
                        open_clock
                        | {
                            "closed_at": at,
                            "outcome": "solved",
                            "closed_by_id": None,
                            "response_seconds": None,
                        }
                    )
                    open_clock = None
        for clock in [*closed, *([open_clock] if open_clock else [])]:
            self.write_clock(clock, thread_id, seller, market)
        # The thread's inbox fields from its clocks (helpdesk.services._sync_clock_fields).
        if open_clock:
            state = ClockState(
                awaiting_since=open_clock["opened_at"],
                due_at=open_clock["due_at"],
                pending=bool(open_clock.get("pending_answer_id")),
            )
        else:
            state = ClockState(last_outcome=closed[-1]["outcome"] if closed else "")
        self.tables["helpdesk_thread"].add(
            id=thread_id,
            order_id=order_id,
            seller_id=seller.id,
            buyer_id=buyer.id,
            market_id=market,
            topic=topic,
            status=status,
            assignee_id=None,
            created_at=script[0][4],
            awaiting_reply_since=state.awaiting_since,
            due_at=state.due_at,
            reply_state=reply_state_of(state),
            last_activity_at=activity["last"],
            buyer_activity_at=activity.get("buyer"),
            seller_activity_at=activity.get("seller"),
            closed_at=closed_at,
            closed_by_role=closed_by,
            escalated_at=None,
            platform_since=None,
            open_key=None,
        )
        self.report.threads += 1
        self.report.big_threads += seller is self.big
        self.report.messages += len(script)
        self.report.clocks += len(closed) + (1 if open_clock else 0)

    def write_clock(
        self, clock: dict[str, Any], thread_id: int, seller: SellerRow, market: str
    ) -> None:
        """A clock, warned and breached as the sweep (sla.sweep, every SWEEP_SECONDS) would
        have while it ran, with the notices it wrote to the seller's team (no assignee: all
        of it)."""
        rng = self.rng
        # The sweep stops looking at a clock once it is closed or its answer is held.
        held_at = clock.pop("answered_at", None)
        until = clock.get("closed_at") or held_at or self.now
        marks: dict[str, datetime | None] = {"warned_at": None, "breached_at": None}
        warned = clock["warn_at"] + timedelta(seconds=rng.uniform(0, SWEEP_SECONDS))
        if warned < min(until, clock["due_at"]):
            marks["warned_at"] = warned
        breached = clock["due_at"] + timedelta(seconds=rng.uniform(0, SWEEP_SECONDS))
        if breached < until:
            marks["breached_at"] = breached
        for column, kind in (("warned_at", "due_soon"), ("breached_at", "breach")):
            at = marks[column]
            if at is None:
                continue
            self.report.warnings += column == "warned_at"
            self.report.breaches += column == "breached_at"
            for member in seller.members:
                self.notification(member.id, kind, thread_id, None, clock["id"], {}, at)
        unanswered = {"closed_at": None, "outcome": "", "closed_by_id": None}
        self.tables["sla_responseclock"].add(
            thread_id=thread_id,
            seller_id=seller.id,
            market_id=market,
            **(unanswered | {"response_seconds": None, "pending_answer_id": None} | marks | clock),
        )

    def notification(
        self,
        recipient: int,
        kind: str,
        thread_id: int,
        message_id: int | None,
        clock_id: int | None,
        payload: dict[str, Any],
        at: datetime,
    ) -> None:
        """An outbox row, sent a few seconds after it was written."""
        table = self.tables["outbox_notification"]
        table.add(
            id=table.next_id(),
            recipient_id=recipient,
            kind=kind,
            thread_id=thread_id,
            message_id=message_id,
            clock_id=clock_id,
            sanction_id=None,
            payload=json.dumps(payload, sort_keys=True),
            digest=False,
            created_at=at,
            sent_at=at + timedelta(seconds=self.rng.uniform(1, 30)),
        )
        self.report.notifications += 1

    def tell(
        self,
        thread_id: int,
        message_id: int,
        role: str,
        kind: str,
        body: str,
        data: dict[str, Any],
        at: datetime,
        buyer: Buyer,
        seller: SellerRow,
    ) -> None:
        """The outbox rows of a message, for the other side (helpdesk.services._tell)."""
        if kind not in ("text", "status_update"):
            return
        kind = "status_update" if kind == "status_update" else "message"
        payload = {"text": body or str(data.get("note", ""))}
        readers = seller.members if role == "buyer" else [buyer]
        for reader in readers:
            self.notification(reader.id, kind, thread_id, message_id, None, payload, at)

    def review(
        self,
        message_id: int,
        seller: SellerRow,
        market: str,
        role: str,
        screening: Screening,
        at: datetime,
    ) -> None:
        """The review of a message with findings (`screening`, helpdesk.moderation's): a
        seller's held answer awaits the platform's decision; a buyer's masked message was
        decided when older than a day (mostly a confirmed violation, the mask kept)."""
        pending = role == "seller" or at > self.now - timedelta(days=1)
        state = "pending" if pending else self.rng.choice(("violation", "violation", "approved"))
        table = self.tables["helpdesk_messagereview"]
        table.add(
            id=table.next_id(),
            message_id=message_id,
            seller_id=seller.id,
            market_id=market,
            author_role=role,
            action=screening.action,
            kinds="{" + ",".join(screening.kinds) + "}",
            findings=json.dumps(screening.findings),
            masked_text=screening.masked_text,
            state=state,
            reason="",
            decided_at=None if pending else at + timedelta(hours=self.rng.uniform(0.2, 4)),
            decided_by_id=None,
            created_at=at,
            due_at=response_deadline(at, market, hours=settings.MODERATION_REVIEW_HOURS),
        )
        self.report.reviews += 1

    def attachments(
        self, message_id: int, role: str, kind: str, topic: str, at: datetime
    ) -> list[str]:
        """Rows of the files sent with a message (photos of a damaged item, an invoice; the
        files themselves are not written): their checksums, for the hash chain."""
        rng = self.rng
        if kind != "text":
            return []
        if role == "buyer" and topic in ("complaint", "return", "warranty"):
            count = rng.choice((1, 1, 2, 3)) if rng.random() < PHOTO_SHARE else 0
            content_type, extension, name = "image/jpeg", ".jpg", "IMG_{n}.jpg"
        elif role == "seller" and topic == "invoice":
            count = 1 if rng.random() < INVOICE_SHARE else 0
            content_type, extension, name = "application/pdf", ".pdf", "invoice-{n}.pdf"
        else:
            return []
        table = self.tables["helpdesk_attachment"]
        sums = []
        for _ in range(count):
            sha = f"{rng.getrandbits(256):064x}"
            table.add(
                id=table.next_id(),
                message_id=message_id,
                file=f"attachments/{at:%Y/%m}/{sha[:32]}{extension}",
                original_name=name.format(n=rng.randrange(1000, 10000)),
                content_type=content_type,
                size=rng.randrange(40_000, 3_000_000),
                sha256=sha,
                created_at=at,
            )
            sums.append(sha)
        self.report.attachments += count
        return sums


def _next_run() -> int:
    slugs = Seller.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    runs = [int(match.group(1)) for slug in slugs if (match := re.match(r"load-r(\d+)-", slug))]
    return max(runs, default=0) + 1


def load_data_generate(
    *,
    threads: int,
    seed: int = 1,
    again: bool = False,
    batch: int = 2000,
    background: bool = True,
    vacuum: bool = True,
    progress: Callable[[str], None] = lambda line: None,
) -> LoadReport:
    """Generate `threads` conversations (about five messages each) with the sellers, buyers
    and orders behind them, committed a batch of conversations at a time (written on a
    second and third connection while the next batch is generated, unless not `background`).
    Refuses
    when load data exists, unless `again`. Ends with VACUUM ANALYZE of the tables written,
    so the planner knows them and the search index has no pending entries."""
    missing = {spec.code for spec in MARKETS} - set(Market.objects.values_list("code", flat=True))
    if missing:
        raise LoadDataExists(f"Markets missing (run migrate first): {sorted(missing)}")
    run = _next_run()
    if run > 1 and not again:
        raise LoadDataExists("Load data exists already (run it again with --again to add more).")
    began = time.monotonic()
    generator = Generator(run=run, seed=seed + run - 1, now=timezone.now())
    generator.create_sellers(max(len(MARKET_WEIGHTS), threads // 500))  # one per market at least
    generator.create_big_seller()
    big = big_share(threads)
    generator.create_buyers(max(10, threads // 5))
    copy_rows(generator.batch())
    report = generator.report
    progress(
        f"{report.sellers:,} sellers ({report.members:,} team members), "
        f"{report.buyers:,} buyers in {time.monotonic() - began:.1f} s"
    )
    written = 0

    def batch_written(size: int) -> None:
        nonlocal written
        written += size
        elapsed = time.monotonic() - began
        progress(
            f"{written:,}/{threads:,} threads written ({written / elapsed:,.0f} per second), "
            f"{elapsed:.0f} s"
        )

    writer = Writers(batch_written) if background else None
    done = 0
    try:
        while done < threads:
            size = min(batch, threads - done)
            for n in range(done, done + size):
                # The big seller's conversations spread evenly over the run.
                generator.conversation(big=n * big // threads != (n + 1) * big // threads)
            if writer:
                writer.write(generator.batch(), size)
            else:
                copy_rows(generator.batch())
                batch_written(size)
            done += size
    finally:
        if writer:
            writer.finish()
    progress(
        f"{report.threads:,} threads, {report.messages:,} messages, {report.clocks:,} clocks, "
        f"{report.orders:,} orders in {time.monotonic() - began:.0f} s"
    )
    if vacuum:
        vacuumed = time.monotonic()
        # Only the tables' owner may VACUUM or ANALYZE them (README, "Database roles").
        owner = connections["owner" if "owner" in settings.DATABASES else DEFAULT_DB_ALIAS]
        with owner.cursor() as cursor:
            for table in generator.tables:
                cursor.execute(f"VACUUM ANALYZE {table}")
        progress(f"VACUUM ANALYZE in {time.monotonic() - vacuumed:.1f} s")
    report.seconds = time.monotonic() - began
    return report


def loaded_threads() -> int:
    """How many generated conversations the database holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM helpdesk_thread WHERE seller_id IN "
            "(SELECT id FROM accounts_seller WHERE slug LIKE %s)",
            [f"{SLUG_PREFIX}%"],
        )
        return int(cursor.fetchone()[0])
