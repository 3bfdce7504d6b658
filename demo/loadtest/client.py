"""The load client of `make loadtest`: buyers and sellers' team members, one thread each,
working through the real pages over HTTP for a while, as people do: they log in, read
their inbox, requests and orders, open requests, reply, post status updates, write what
the pre-send check stops (a phone number) and send it anyway (a seller's is then held for
review, a buyer's masked), and wait a moment between actions.

Every response is recorded with its time. A post counts as acknowledged only when the
page answered it with the redirect that follows a successful send; the client keeps its
key and text for the invariant checker (helpdesk.invariants). A post that met an error is
sent again with the same key, as a person presses "Send" again, so the record must hold it
exactly once.

Judged here: no response of 500 or more, and no failed connection, except while
PostgreSQL was restarted (an outage window given afterwards), when a failure must be the
application's own error page and must stop within OUTAGE_GRACE seconds of the database
being back. Standard library only (http.client), no browser.
"""

from __future__ import annotations

import html
import http.client
import random
import re
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from demo.loadgen.samples import after_sales_messages
from helpdesk.models import BUYER_TOPICS
from orders.markets import BY_CODE

OUTAGE_GRACE = 5.0  # seconds after the database is back within which errors must stop
TIMEOUT = 60.0  # per request
POST_EVERY = (5.0, 8.0)  # seconds between one person's posts (POSTING_LIMITS: 12 a minute)
THINK = (1.0, 3.0)  # seconds between two actions
RETRIES = 20  # sends of one post after errors, one a second
# A phone number the scanner finds in any language: the pre-send check stops the text.
PHONE = "Tel. +49 151 23456789"
STATUS_KINDS = ("repair_started", "return_received", "repair_finished")

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_INPUT = re.compile(r"<input\b[^>]*>", re.S)
_ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')
_THREAD_LINK = re.compile(r'href="/threads/(\d+)/"')
_ORDER_LINK = re.compile(r'href="/orders/([^/"]+)/"')
_AFTER = re.compile(r"/updates/\?after=(\d+)")


@dataclass
class Sample:
    """One request and its answer; times in seconds since the epoch."""

    start: float
    end: float
    persona: str
    action: str
    method: str
    status: int  # 0: no answer (the connection failed)
    error_page: bool = False  # a 5xx that is the application's own error page
    detail: str = ""


@dataclass
class Page:
    status: int
    location: str
    body: str


@dataclass
class Post:
    """An acknowledged post (helpdesk.invariants.Acknowledged)."""

    kind: str  # "open" | "reply" | "status_update"
    author: str
    key: str
    thread: int
    text: str
    checked: bool = False  # stopped by the pre-send check (a phone number), sent anyway
    retried: bool = False  # met an error before it was acknowledged


@dataclass
class Record:
    """Everything the personas did, shared by their threads."""

    samples: list[Sample] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def acknowledge(self, post: Post) -> None:
        with self.lock:
            self.posts.append(post)

    def refuse(self, why: str) -> None:
        with self.lock:
            self.refused[why] += 1


def hidden_fields(page: str, action: str) -> dict[str, str]:
    """The hidden inputs of the form posting to `action` ("": a form without an action,
    which posts to its own page); empty when the page has none."""
    for attributes, content in _FORM.findall(page):
        if dict(_ATTRIBUTE.findall(attributes)).get("action", "") != action:
            continue
        fields = {}
        for tag in _INPUT.findall(content):
            named = dict(_ATTRIBUTE.findall(tag))
            if "name" in named and named.get("type") == "hidden":
                fields[named["name"]] = html.unescape(named.get("value", ""))
        return fields
    return {}


class Browser:
    """One person's cookies and requests (a new connection each: no idle keep-alive to
    lose); redirects are not followed, so that each answer is seen and recorded."""

    def __init__(
        self, host: str, port: int, persona: str, record: Record, errors: set[str]
    ) -> None:
        self.host, self.port = host, port
        self.persona = persona
        self.record = record
        self.error_pages = errors
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, action: str, fields: dict[str, str] | None = None
    ) -> Page:
        headers = {"Host": f"{self.host}:{self.port}", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.time()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status = response.status
            location = response.getheader("Location", "")
            for header in response.msg.get_all("Set-Cookie") or ():
                self._keep(header)
        except (OSError, http.client.HTTPException) as error:
            self.record.add(
                Sample(start, time.time(), self.persona, action, method, 0, detail=repr(error))
            )
            return Page(0, "", "")
        finally:
            connection.close()
        sample = Sample(start, time.time(), self.persona, action, method, status)
        if status >= 500:
            sample.error_page = text in self.error_pages
            sample.detail = text[:300]
        self.record.add(sample)
        return Page(status, location, text)

    def _keep(self, header: str) -> None:
        cookie: SimpleCookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel.value in ("", '""') or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path: str, action: str) -> Page:
        return self.request("GET", path, action)

    def post(self, path: str, action: str, fields: dict[str, str]) -> Page:
        return self.request("POST", path, action, fields)


class Persona:
    """A buyer or a member of a seller's team, working until `until`."""

    def __init__(
        self,
        *,
        email: str,
        role: str,
        password: str,
        browser: Browser,
        record: Record,
        markets: dict[str, str],
        texts: dict[str, list[str]],
        until: float,
        seed: int,
    ) -> None:
        self.email, self.role, self.password = email, role, password
        self.browser, self.record = browser, record
        self.markets, self.texts = markets, texts
        self.until = until
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 (simulated people, not secrets)
        self.next_post = 0.0
        self.threads: list[int] = []
        self.orders: list[str] = []
        self.opened = 0  # a seller's posts tried, a buyer's requests opened

    # Helpers ---------------------------------------------------------------------------

    def think(self) -> None:
        time.sleep(self.rng.uniform(*THINK))

    def text(self, page: str) -> str:
        """A message in the language of the sale the page is about (its order's market)."""
        numbers = _ORDER_LINK.findall(page)
        market = next((self.markets[n] for n in numbers if n in self.markets), "FR")
        return self.rng.choice(self.texts[BY_CODE[market].language])

    def send(self, path: str, action: str, fields: dict[str, str]) -> tuple[Page, bool]:
        """Post until the page answers; after an error, again with the same fields (the same
        key), as a person presses "Send" again. Returns the last page and whether an error
        was met on the way."""
        errored = False
        for _attempt in range(RETRIES):
            page = self.browser.post(path, action, fields)
            if page.status and page.status < 500:
                return page, errored
            errored = True
            time.sleep(1)
        return page, errored

    def read(self, path: str, action: str) -> Page:
        """A page someone needs before going on (the draft the check stopped): loaded again
        after an error, as a person reloads it."""
        for _attempt in range(RETRIES):
            page = self.browser.get(path, action)
            if page.status and page.status < 500:
                return page
            time.sleep(1)
        return page

    def acknowledged(self, post: Post) -> None:
        self.record.acknowledge(post)
        self.next_post = time.time() + self.rng.uniform(*POST_EVERY)

    def sent(self, page: Page, what: str, location: str) -> bool:
        """The page answered with the redirect of a successful send (its location matches);
        anything else (429 too fast, 400 closed meanwhile…) is counted as refused."""
        if page.status == 302 and re.fullmatch(location, page.location):
            return True
        self.record.refuse(f"{what}: {page.status or 'no answer'}")
        return False

    # The day's work --------------------------------------------------------------------

    def run(self) -> None:
        if not self.log_in():
            return
        while time.time() < self.until:
            if self.role == "seller":
                self.seller_step()
            else:
                self.buyer_step()
            self.think()

    def log_in(self) -> bool:
        for _attempt in range(RETRIES):
            page = self.browser.get("/accounts/login/", "log-in page")
            if page.status == 200:
                form = hidden_fields(page.body, "/accounts/login/")
                page = self.browser.post(
                    "/accounts/login/",
                    "log in",
                    {**form, "username": self.email, "password": self.password},
                )
                if page.status == 302:
                    self.browser.get(page.location, "home")
                    return True
            time.sleep(1)
        self.record.refuse("log in")
        return False

    def seller_step(self) -> None:
        if not self.threads or self.rng.random() < 0.3:
            view = self.rng.choice(("awaiting", "awaiting", "open", "new"))
            inbox = self.browser.get(f"/seller/inbox/?view={view}", "inbox")
            self.threads = [int(pk) for pk in _THREAD_LINK.findall(inbox.body)] or self.threads
            if self.rng.random() < 0.3:
                self.browser.get("/seller/inbox/counts/", "inbox badge")
            return
        thread = self.rng.choice(self.threads)
        page = self.browser.get(f"/threads/{thread}/", "thread")
        if page.status != 200:
            return
        if time.time() < self.next_post:
            self.poll(thread, page.body)
            return
        # The team's first posts take turns (a reply, a status update, a reply the check
        # stops), so that each kind is tried even when a slow machine allows few posts.
        choice = self.rng.random() if self.opened else (0.0, 0.6, 0.8)[self.seed % 3]
        self.opened += 1
        if choice < 0.55:
            self.reply(thread, page.body)
        elif choice < 0.75:
            self.status_update(thread, page.body)
        elif choice < 0.95:
            self.reply(thread, page.body, phone=True)
        else:
            self.note(thread, page.body)

    def buyer_step(self) -> None:
        if not self.threads or self.rng.random() < 0.25:
            mine = self.browser.get("/requests/", "my requests")
            self.threads = [int(pk) for pk in _THREAD_LINK.findall(mine.body)] or self.threads
            if not self.orders or self.rng.random() < 0.3:
                orders = self.browser.get("/orders/", "my orders")
                self.orders = _ORDER_LINK.findall(orders.body) or self.orders
            return
        # A buyer's first post is often a new request; later ones mostly replies.
        opening = 0.6 if not self.opened else 0.15
        if time.time() >= self.next_post and self.orders and self.rng.random() < opening:
            self.opened += 1
            self.open_request(self.rng.choice(self.orders))
            return
        thread = self.rng.choice(self.threads)
        page = self.browser.get(f"/threads/{thread}/", "thread")
        if page.status != 200:
            return
        if time.time() < self.next_post:
            self.poll(thread, page.body)
            return
        self.reply(thread, page.body, phone=self.rng.random() < 0.15)

    # Actions ---------------------------------------------------------------------------

    def poll(self, thread: int, page: str) -> None:
        after = _AFTER.search(page)
        self.browser.get(
            f"/threads/{thread}/updates/?after={after.group(1) if after else 0}", "poll"
        )

    def reply(self, thread: int, page: str, *, phone: bool = False) -> None:
        action = f"/threads/{thread}/reply/"
        form = hidden_fields(page, action)
        if "idempotency_key" not in form:  # closed, or order updates: nothing to write
            return
        text = self.text(page) + (f"\n\n{PHONE}" if phone else "")
        fields = {**form, "body": text}
        answer, errored = self.send(action, "reply", fields)
        if answer.status == 302 and answer.location.endswith("#reply"):
            # The pre-send check stopped it: read why, then "Send anyway".
            again = self.read(f"/threads/{thread}/", "thread (checked draft)")
            kept = hidden_fields(again.body, action)
            if kept.get("idempotency_key") != form["idempotency_key"]:
                self.record.refuse("reply: the checked draft lost its key")
                return
            answer, retried = self.send(
                action, "reply (send anyway)", {**kept, "body": text, "send_anyway": "1"}
            )
            errored = errored or retried
        if self.sent(answer, "reply", rf"/threads/{thread}/#latest"):
            self.acknowledged(
                Post("reply", self.email, form["idempotency_key"], thread, text, phone, errored)
            )

    def status_update(self, thread: int, page: str) -> None:
        action = f"/threads/{thread}/status-update/"
        form = hidden_fields(page, action)
        if "idempotency_key" not in form:
            return
        kind = self.rng.choice(STATUS_KINDS)
        answer, errored = self.send(action, "status update", {**form, "type": kind})
        if self.sent(answer, "status update", rf"/threads/{thread}/#latest"):
            self.acknowledged(
                Post(
                    "status_update",
                    self.email,
                    form["idempotency_key"],
                    thread,
                    kind,
                    retried=errored,
                )
            )

    def note(self, thread: int, page: str) -> None:
        action = f"/threads/{thread}/note/"
        form = hidden_fields(page, action)
        if "idempotency_key" not in form:
            return
        answer, _errored = self.send(action, "internal note", {**form, "body": self.text(page)})
        if self.sent(answer, "internal note", rf"/threads/{thread}/#latest"):
            self.next_post = time.time() + self.rng.uniform(*POST_EVERY)

    def open_request(self, number: str) -> None:
        self.browser.get(f"/orders/{number}/", "order")
        path = f"/orders/{number}/contact/"
        page = self.browser.get(path, "contact form")
        form = hidden_fields(page.body, "")  # the form posts to its own page
        if "idempotency_key" not in form:
            return
        phone = self.rng.random() < 0.15
        language = BY_CODE[self.markets.get(number, "FR")].language
        text = self.rng.choice(self.texts[language]) + (f"\n\n{PHONE}" if phone else "")
        topic = self.rng.choice([value for value, _label in BUYER_TOPICS])
        fields = {**form, "topic": topic, "body": text}
        answer, errored = self.send(path, "new request", fields)
        if answer.status == 302 and "#draft-check" in answer.location:
            again = self.read(path, "contact form (checked draft)")
            kept = hidden_fields(again.body, "")
            answer, retried = self.send(
                path,
                "new request (send anyway)",
                {**kept, "topic": topic, "body": text, "send_anyway": "1"},
            )
            errored = errored or retried
        opened = re.fullmatch(r"/threads/(\d+)/", answer.location)
        if self.sent(answer, "new request", r"/threads/\d+/") and opened:
            self.acknowledged(
                Post(
                    "open",
                    self.email,
                    form["idempotency_key"],
                    int(opened.group(1)),
                    text,
                    phone,
                    errored,
                )
            )
            self.threads.append(int(opened.group(1)))


# Running and judging ---------------------------------------------------------------------


def load_run(
    *,
    url: str,
    world: dict[str, Any],
    seconds: float,
    error_pages: Iterable[str],
    seed: int = 1,
) -> Record:
    """Every persona of `world` (loadtest_personas' file) on a thread of its own for
    `seconds`, their logins spread over the first three seconds."""
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    record = Record()
    errors = set(error_pages)
    texts: dict[str, list[str]] = {}
    for row in after_sales_messages(per_language=60, seed=seed):
        texts.setdefault(row["lang"], []).append(row["text"])
    began = time.time()
    until = began + seconds
    personas = world["personas"]
    threads = []
    for n, row in enumerate(personas):
        persona = Persona(
            email=row["email"],
            role=row["role"],
            password=world["password"],
            browser=Browser(host, port, row["email"], record, errors),
            record=record,
            markets=world["orders"],
            texts=texts,
            until=until,
            seed=seed * 1000 + n,
        )

        def start(persona: Persona = persona, delay: float = 3.0 * n / len(personas)) -> None:
            time.sleep(delay)
            persona.run()

        threads.append(threading.Thread(target=start, name=row["email"], daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return record


@dataclass(frozen=True)
class Outage:
    """When the database was stopped and when it answered again (seconds since the epoch)."""

    down: float
    up: float


@dataclass
class Verdict:
    lines: list[str]
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def verdict(record: Record, *, personas: list[dict[str, str]], outage: Outage | None) -> Verdict:
    """What the run did, and what went wrong: a 5xx or a lost connection outside the
    database's outage, anything but the error page during it, errors that outlast the
    outage by more than OUTAGE_GRACE, or a kind of post that never got through."""
    samples = sorted(record.samples, key=lambda s: s.start)
    failures: list[str] = []
    lines: list[str] = []
    sellers = sum(1 for p in personas if p["role"] == "seller")
    span = (samples[-1].end - samples[0].start) if samples else 0.0
    methods = Counter(s.method for s in samples)
    lines.append(
        f"load: {len(personas)} personas ({sellers} sellers' team members, "
        f"{len(personas) - sellers} buyers) for {span:.0f} s: {len(samples):,} requests "
        f"(GET {methods['GET']:,}, POST {methods['POST']:,}), "
        f"{len(samples) / max(span, 1):.1f} a second"
    )
    statuses = Counter(s.status for s in samples)
    lines.append(
        "load: responses by status: "
        + ", ".join(f"{status or 'no answer'} × {n:,}" for status, n in sorted(statuses.items()))
    )
    times = [s.end - s.start for s in samples if s.status]
    lines.append(
        f"load: response time median {_percentile(times, 0.5) * 1000:.0f} ms, "
        f"95th percentile {_percentile(times, 0.95) * 1000:.0f} ms, "
        f"slowest {max(times, default=0) * 1000:.0f} ms"
    )
    posts = Counter(p.kind for p in record.posts)
    held = sum(1 for p in record.posts if p.checked and p.author in _sellers(personas))
    masked = sum(1 for p in record.posts if p.checked and p.author not in _sellers(personas))
    lines.append(
        f"load: {len(record.posts):,} posts acknowledged: {posts['open']:,} new requests, "
        f"{posts['reply']:,} replies, {posts['status_update']:,} status updates; "
        f"{held:,} sellers' replies with a phone number sent anyway (held for review), "
        f"{masked:,} buyers' (masked)"
    )
    if record.refused:
        lines.append(
            "load: refused or not sent: "
            + ", ".join(f"{why} × {n}" for why, n in sorted(record.refused.items()))
        )
    retried = sum(1 for p in record.posts if p.retried)
    if retried:
        lines.append(
            f"load: {retried} {'post' if retried == 1 else 'posts'} met an error and "
            f"{'was' if retried == 1 else 'were'} sent again with the same key before "
            f"{'it was' if retried == 1 else 'they were'} acknowledged"
        )
    for kind, name in (
        ("open", "new request"),
        ("reply", "reply"),
        ("status_update", "status update"),
    ):
        if not posts[kind]:
            failures.append(f"no {name} was acknowledged: the load did not exercise it")
    if not held:
        failures.append("no reply held for review was acknowledged")

    bad = [s for s in samples if s.status == 0 or s.status >= 500]
    allowed: list[Sample] = []
    if outage is not None:
        allowed = [s for s in bad if s.end >= outage.down and s.start <= outage.up + OUTAGE_GRACE]
    during = {id(s) for s in allowed}
    for sample in bad:
        answer = sample.status or f"no answer ({sample.detail})"
        what = f"{sample.method} {sample.action} by {sample.persona}: {answer}"
        if id(sample) not in during:
            failures.append(f"{what} at {time.strftime('%H:%M:%S', time.localtime(sample.start))}")
        elif not sample.error_page:
            failures.append(f"{what} during the outage, not the error page: {sample.detail[:120]}")
    if outage is not None:
        # Recovery is read from when requests started: under load, one that started once the
        # database was back may take seconds to answer.
        after = [s for s in samples if s.start >= outage.up and 0 < s.status < 500]
        last_error = max((s.start for s in allowed), default=None)
        lines.append(
            f"postgres restart: down for {outage.up - outage.down:.1f} s; {len(allowed)} "
            f"requests failed meanwhile, {sum(1 for s in allowed if s.error_page)} of them "
            "with the application's error page; "
            + (
                "none failed after it was back"
                if last_error is None or last_error < outage.up
                else f"the last failed request started {last_error - outage.up:.1f} s after"
            )
            + f" (limit {OUTAGE_GRACE:.0f} s), {len(after):,} succeeded after"
        )
        if not after:
            failures.append("no request succeeded after the database was back")
    return Verdict(lines=lines, failures=failures)


def _sellers(personas: list[dict[str, str]]) -> set[str]:
    return {p["email"] for p in personas if p["role"] == "seller"}


def record_json(record: Record) -> dict[str, Any]:
    """The acknowledged posts (for check_invariants --acknowledged) and every sample."""
    return {
        "posts": [asdict(p) for p in record.posts],
        "samples": [asdict(s) for s in record.samples],
    }
