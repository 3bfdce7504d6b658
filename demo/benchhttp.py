"""The pages over HTTP (make bench, `manage.py bench_http`): a sequential client against a
running server (gunicorn on 127.0.0.1, started by scripts/bench.sh with the bench database
and BENCH_QUERY_COUNT on) logs in as the big seller's agent, a buyer with requests and a
platform administrator, warms every page up, then requests each a bounded number of times:
p50, p95, max and the queries per request (the server's X-Query-Count header), against the
targets of issue 16. Written to bench/results.json and printed as a table.

The client is the standard library's http.client (one connection, reopened when the server
closes it, as gunicorn's sync workers do after each response): nothing to install.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.db import connection
from django.db.models import Count

from accounts.models import Seller, SellerMember, User
from helpdesk.models import Message, Thread
from orders.models import Shipment

PASSWORD = "bench-password-not-secret-1"  # noqa: S105 (loopback-only bench accounts)
ADMIN_EMAIL = "bench-admin@bench.example"

# Targets (issue 16: p95 at 1,000,000 threads / 5,000,000 messages), in milliseconds.
TARGETS = {
    "inbox": 50,
    "thread_page": 50,
    "reply_post": 100,
    "performance": 100,
    "admin_threads": 150,
    "admin_message_search": 300,
}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (as bench_search computes it)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class BenchError(Exception):
    """The bench cannot run (no big seller in the data, a login refused, a page failing)."""


class Browser:
    """One person's session: cookies kept, the CSRF token sent with each POST."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes, float]:
        """(status, headers, body, milliseconds from sending to the last byte read)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        began = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (http.client.RemoteDisconnected, ConnectionError):
            self.connection.close()  # closed between requests: once more, on a new one
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        elapsed = (time.perf_counter() - began) * 1000
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, dict(response.headers.items()), content, elapsed

    def log_in(self, email: str) -> None:
        status, _, body, _ = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not token:
            raise BenchError(f"the login page answered {status}")
        form = {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": email,
            "password": PASSWORD,
        }
        status, _, _, _ = self.request("POST", "/accounts/login/", form)
        if status != 302:
            raise BenchError(f"logging in as {email} answered {status}, not a redirect")


@dataclass
class PageResult:
    name: str
    label: str
    path: str
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    queries: int | None  # median of X-Query-Count
    target_p95_ms: int | None
    verdict: str  # "met", "MISSED" or "" (no target)


@dataclass
class World:
    """What the bench requests, found in the generated data."""

    seller: Seller
    agent: User
    buyer: User
    admin: User
    long_thread: int
    reply_threads: list[int]
    inbox_word: str
    order_number: str
    phrase: str
    tracking: str
    threads: int = 0
    messages: int = 0
    seller_threads: int = 0
    notes: list[str] = field(default_factory=list)


def bench_world() -> World:
    """The big seller, one of its agents, the buyer with the most requests and a platform
    administrator, each given the bench's password (the administrator created when missing:
    idempotent); the thread of 100 messages, open threads of the big seller to reply to, and
    words and numbers to search for."""
    seller = Seller.objects.filter(slug__regex=r"^load-r\d+-big$").order_by("id").first()
    if seller is None:
        raise BenchError(
            "no big seller in the load data (generated before it existed): "
            "BENCH_FRESH=1 make bench generates them again"
        )
    member = SellerMember.objects.filter(seller=seller, role="agent").order_by("id").first()
    if member is None:
        raise BenchError("the big seller has no agent")
    agent = member.user
    buyer_id = (
        Thread.objects.values("buyer_id")
        .annotate(n=Count("id"))
        .order_by("-n", "buyer_id")
        .values_list("buyer_id", flat=True)[0]
    )
    buyer = User.objects.get(pk=buyer_id)
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(email=ADMIN_EMAIL, password=PASSWORD, name="Bench")
    for person in (agent, buyer, admin):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    long_thread = (
        Thread.objects.filter(seller=seller)
        .annotate(n=Count("messages"))
        .order_by("-n", "id")
        .values_list("id", flat=True)[0]
    )
    # In the long thread's market: the reply is the long thread's answer, in its language.
    market = Thread.objects.filter(pk=long_thread).values_list("market_id", flat=True)[0]
    reply_threads = list(
        Thread.objects.filter(seller=seller, status="open", market_id=market)
        .exclude(pk=long_thread)
        .order_by("id")
        .values_list("id", flat=True)[:200]
    )
    first = Message.objects.filter(thread_id=long_thread).order_by("id").first()
    words = [w.strip(".,;:!?()«»„“”'") for w in (first.body.split() if first else [])]
    inbox_word = max(words, key=len, default="paket")
    order_number = (
        Thread.objects.filter(seller=seller)
        .order_by("-id")
        .values_list("order__number", flat=True)[0]
    )
    third = (
        Message.objects.filter(kind="text", thread__seller=seller)
        .exclude(thread_id=long_thread)
        .order_by("id")[2:3]
        .values_list("body", flat=True)
    )
    body_words = third[0].replace('"', " ").split() if third else ["Paket"]
    phrase = '"' + " ".join(body_words[2:5]).strip(".,;:!?()«»„“”'") + '"'
    tracking = Shipment.objects.order_by("-id").values_list("tracking_number", flat=True)[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM helpdesk_thread), (SELECT count(*) FROM "
            "helpdesk_message), (SELECT count(*) FROM helpdesk_thread WHERE seller_id = %s)",
            [seller.pk],
        )
        threads, messages, seller_threads = cursor.fetchone()
    return World(
        seller=seller,
        agent=agent,
        buyer=buyer,
        admin=admin,
        long_thread=long_thread,
        reply_threads=reply_threads,
        inbox_word=inbox_word,
        order_number=order_number,
        phrase=phrase,
        tracking=tracking,
        threads=threads,
        messages=messages,
        seller_threads=seller_threads,
    )


@dataclass
class Page:
    name: str
    label: str
    who: str  # "agent", "buyer" or "admin"
    path: Callable[[int], str]  # of the request's number (a POST picks its thread by it)
    form: Callable[[int], dict[str, str]] | None = None  # a POST's fields
    loops: int = 0  # 0: the run's default
    expect: int = 200


def pages(world: World, reply_body: str) -> list[Page]:
    q = urlencode
    long = world.long_thread
    replies = world.reply_threads

    def reply_path(n: int) -> str:
        return f"/threads/{replies[n % len(replies)]}/reply/"

    def reply_form(n: int) -> dict[str, str]:
        return {"body": reply_body, "idempotency_key": str(uuid.uuid4())}

    return [
        Page("inbox", "seller inbox (awaiting)", "agent", lambda n: "/seller/inbox/"),
        Page(
            "inbox_search_word",
            f"inbox search, a word ({world.inbox_word})",
            "agent",
            lambda n: "/seller/inbox/?" + q({"view": "all", "q": world.inbox_word}),
        ),
        Page(
            "inbox_search_order",
            "inbox search, an order number",
            "agent",
            lambda n: "/seller/inbox/?" + q({"view": "all", "q": world.order_number}),
        ),
        Page(
            "inbox_sort_oldest",
            "inbox, all, oldest activity first",
            "agent",
            lambda n: "/seller/inbox/?" + q({"view": "all", "sort": "oldest"}),
        ),
        Page(
            "thread_page",
            "thread page, 100 messages, seller",
            "agent",
            lambda n: f"/threads/{long}/",
        ),
        Page("reply_post", "reply POST", "agent", reply_path, reply_form, expect=302),
        Page("performance", "seller Performance page", "agent", lambda n: "/seller/performance/"),
        Page("my_requests", "buyer's my requests", "buyer", lambda n: "/requests/"),
        Page(
            "admin_threads",
            "admin thread list, no search",
            "admin",
            lambda n: "/admin/helpdesk/thread/",
        ),
        Page(
            "admin_search_phrase",
            "admin thread search, a phrase",
            "admin",
            lambda n: "/admin/helpdesk/thread/search/?" + q({"q": world.phrase}),
        ),
        Page(
            "admin_search_tracking",
            "admin thread search, tracking number",
            "admin",
            lambda n: "/admin/helpdesk/thread/search/?" + q({"q": world.tracking}),
        ),
        Page(
            "admin_search_order",
            "admin thread search, order number",
            "admin",
            lambda n: "/admin/helpdesk/thread/search/?" + q({"q": world.order_number}),
        ),
        Page(
            "admin_message_search",
            "admin message list, searched",
            "admin",
            lambda n: "/admin/helpdesk/message/?" + q({"q": world.phrase}),
        ),
        Page(
            "transcript_pdf",
            "transcript export, 100 messages (PDF)",
            "admin",
            lambda n: f"/admin/helpdesk/thread/{long}/transcript/pdf/",
            loops=8,
        ),
    ]


def run_pages(
    host: str,
    port: int,
    world: World,
    *,
    loops: int = 30,
    warm_up: int = 4,
    progress: Callable[[str], None] = lambda line: None,
) -> list[PageResult]:
    """Each page `warm_up` times, then `loops` times, one request after another."""
    browsers = {
        "agent": Browser(host, port),
        "buyer": Browser(host, port),
        "admin": Browser(host, port),
    }
    browsers["agent"].log_in(world.agent.email)
    browsers["buyer"].log_in(world.buyer.email)
    browsers["admin"].log_in(world.admin.email)
    # A reply in the thread's language that the pre-send checks let through: the seller's
    # own earlier answer in the long thread (written by the generator, which the scanner's
    # guard keeps clean), cut to its first paragraph.
    answer = (
        Message.objects.filter(thread_id=world.long_thread, author_role="seller", kind="text")
        .order_by("id")
        .values_list("body", flat=True)
        .first()
    )
    results = []
    sequence = 0
    for page in pages(world, (answer or "Danke, wir kümmern uns darum.").split("\n\n")[0]):
        browser = browsers[page.who]
        count = page.loops or loops
        timings: list[float] = []
        queries: list[int] = []
        for n in range(warm_up + count):
            sequence += 1
            path = page.path(sequence)
            form = page.form(sequence) if page.form else None
            status, headers, body, elapsed = browser.request(
                "POST" if form is not None else "GET", path, form
            )
            location = urlsplit(headers.get("Location", ""))
            if status != page.expect or location.fragment == "reply":
                snippet = unescape(body[:300].decode(errors="replace"))
                raise BenchError(f"{page.name}: {path} answered {status} {location} {snippet}")
            if n >= warm_up:
                timings.append(elapsed)
                if "X-Query-Count" in headers:
                    queries.append(int(headers["X-Query-Count"]))
        target = TARGETS.get(page.name)
        p95 = percentile(timings, 0.95)
        result = PageResult(
            name=page.name,
            label=page.label,
            path=page.path(0).split("?")[0],
            requests=count,
            p50_ms=round(statistics.median(timings), 1),
            p95_ms=round(p95, 1),
            max_ms=round(max(timings), 1),
            queries=round(statistics.median(queries)) if queries else None,
            target_p95_ms=target,
            verdict="" if target is None else "met" if p95 <= target else "MISSED",
        )
        progress(
            f"http: {result.label:<42} p50 {result.p50_ms:7.1f} ms  p95 {result.p95_ms:7.1f} ms"
        )
        results.append(result)
    return results


# The figures `manage.py bench` prints (its output, saved by scripts/bench.sh).
SCANNER_ALL = r"scanner: 500-character messages, all +\(language hint.*"
BENCH_LINES = {
    "deadlines_per_second": r"deadline: .* = ([\d,]+) per second",
    "sweep_clocks": r"sweep: ([\d,]+) open clocks →",
    "sweep_seconds": r"sweep: [\d,]+ open clocks → .* in ([\d.]+) s",
    "sweep_two_workers_seconds": r"sweep: two workers at once .* in ([\d.]+) s \(each once",
    "scanner_median_ms": SCANNER_ALL + r"median ([\d.]+) ms",
    "scanner_p99_ms": SCANNER_ALL + r"p99 ([\d.]+) ms",
}


def bench_figures(output: str) -> dict[str, float]:
    """The deadline throughput, the sweep and the scanner's speed from `manage.py bench`'s
    output (the figures it has printed; none when it has not run)."""
    figures = {}
    for name, pattern in BENCH_LINES.items():
        match = re.search(pattern, output)
        if match:
            figures[name] = float(match.group(1).replace(",", ""))
    return figures


def results_write(
    path: Path, world: World, pages: list[PageResult], figures: dict[str, float]
) -> dict[str, Any]:
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "data": {
            "threads": world.threads,
            "messages": world.messages,
            "big_seller_threads": world.seller_threads,
            "long_thread_messages": Message.objects.filter(thread_id=world.long_thread).count(),
        },
        "pages": [asdict(page) for page in pages],
        "bench": figures,
        "targets_missed": [page.name for page in pages if page.verdict == "MISSED"],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def results_table(results: dict[str, Any]) -> str:
    """The results as a Markdown table (the README's)."""
    data = results["data"]
    lines = [
        f"{data['threads']:,} threads, {data['messages']:,} messages; the big seller "
        f"{data['big_seller_threads']:,} threads; {results['machine']['cores']} cores; "
        f"{results['measured_at']}",
        "",
        "| page | p50 ms | p95 ms | max ms | queries | target p95 | verdict |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for page in results["pages"]:
        target = f"≤ {page['target_p95_ms']} ms" if page["target_p95_ms"] else ""
        queries = "" if page["queries"] is None else str(page["queries"])
        lines.append(
            f"| {page['label']} | {page['p50_ms']:.1f} | {page['p95_ms']:.1f} | "
            f"{page['max_ms']:.1f} | {queries} | {target} | {page['verdict']} |"
        )
    bench = results["bench"]
    rows = [
        ("deadlines_per_second", "deadlines per second (one core)", "{:,.0f}"),
        ("sweep_seconds", "SLA sweep over {clocks} open clocks, s", "{:.2f}"),
        (
            "sweep_two_workers_seconds",
            "the same sweep by two workers at once (each clock once), s",
            "{:.2f}",
        ),
        ("scanner_median_ms", "scanner median per 500-character message, ms", "{:.3f}"),
        ("scanner_p99_ms", "scanner p99 per 500-character message, ms", "{:.3f}"),
    ]
    if bench:
        lines += ["", "| figure | value |", "|---|---:|"]
        clocks = f"{bench.get('sweep_clocks', 0):,.0f}"
        for key, label, shape in rows:
            if key in bench:
                lines.append(f"| {label.format(clocks=clocks)} | {shape.format(bench[key])} |")
    return "\n".join(lines)
