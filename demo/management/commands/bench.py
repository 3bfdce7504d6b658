"""Benchmarks that print figures (make bench). Never run by the test suite."""

import json
import random
import resource
import statistics
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from helpdesk.reply_language import identify, wrong_language
from helpdesk.scanner import scan
from sla.calendar import MARKET_CALENDARS, response_deadline
from sla.sweep import SweepResult, sla_sweep


def scanner_corpus_rows() -> list[dict[str, Any]]:
    """The scanner's labelled corpus (tests/helpdesk/fixtures/scanner_corpus/), each row
    with the name of its file (``test_*`` files are the test split)."""
    folder = Path(settings.BASE_DIR) / "tests/helpdesk/fixtures/scanner_corpus"
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append({**json.loads(line), "file": path.name})
    return rows


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Measure deadline throughput and the SLA sweep over many open clocks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--clocks", type=int, default=1_000_000)
        parser.add_argument(
            "--due",
            type=int,
            default=10_000,
            help="How many of the clocks are past their deadline.",
        )
        parser.add_argument("--deadlines", type=int, default=300_000)

    def handle(self, *args: Any, clocks: int, due: int, deadlines: int, **options: Any) -> None:
        self.deadline_throughput(deadlines)
        self.scanner()
        self.scanner_corpus()
        self.reply_language()
        self.sweep(clocks, due)

    @override_settings(PLATFORM_DOMAIN="marketplace.example")  # the sample's own platform
    def scanner(self) -> None:
        """Per-kind recall and precision of the message scanner on the product's labelled
        sample and the corpus written for issue 6, then its speed."""
        fixtures = Path(settings.BASE_DIR) / "tests/helpdesk/fixtures"
        kinds = ("email", "phone", "url", "social", "payment", "marketing")
        for corpus in ("moderation_sample.jsonl", "moderation_extra.jsonl"):
            lines = (fixtures / corpus).read_text().splitlines()
            labelled = [json.loads(line) for line in lines if line.strip()]
            found = [
                ({f.kind for f in scan(r["text"], language=r["lang"])}, set(r["kinds"]))
                for r in labelled
            ]
            self.stdout.write(f"scanner: {corpus} ({len(labelled)} messages)")
            for kind in kinds:
                tp = sum(1 for got, want in found if kind in got and kind in want)
                fn = sum(1 for got, want in found if kind not in got and kind in want)
                fp = sum(1 for got, want in found if kind in got and kind not in want)
                recall = tp / (tp + fn) if tp + fn else 1.0
                precision = tp / (tp + fp) if tp + fp else 1.0
                self.stdout.write(
                    f"scanner:   {kind:<9} recall {recall:.2f}  precision "
                    f"{precision:.2f}  ({tp + fn} labelled)"
                )
            clean = [got for got, want in found if not want]
            noisy = sum(1 for got in clean if got)
            self.stdout.write(
                f"scanner:   clean messages with a finding: {noisy}/{len(clean)} "
                f"({noisy / len(clean):.1%})"
            )
        self.scanner_speed()

    @override_settings(PLATFORM_DOMAIN="marketplace.example")
    def scanner_speed(self) -> None:
        """The scanner's median and 99th-percentile time per 500-character message (target:
        0.2 ms and 2 ms, issue 14), detectors and intent model together, on messages made of
        the labelled corpus's lines one after the other: clean ones only, and all; without
        and with the language hint (the language of the message's first line). Measured in
        the steady state of a worker that has scanned messages before: a warm-up pass over
        the corpus's lines one by one first (the model file and the look-alike table are read,
        and each keyword pattern is compiled, on first need)."""
        pool = scanner_corpus_rows()
        if not pool:
            return

        def messages(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
            """One 500-character message per line, starting with that line."""
            built = []
            for i in range(len(rows)):
                text = ""
                while len(text) < 500:
                    text += rows[(i + len(text)) % len(rows)]["text"] + " "
                built.append((text[:500], rows[i]["lang"]))
            return built

        for row in pool:
            scan(row["text"])
            scan(row["text"], language=row["lang"])
        clean = [r for r in pool if not r["kinds"]]
        for label, rows in (("clean", clean), ("all", pool)):
            texts = messages(rows)
            for hinted in (False, True):
                times = []
                for text, language in texts:
                    began = time.perf_counter_ns()
                    scan(text, language=language if hinted else None)
                    times.append(time.perf_counter_ns() - began)
                times.sort()
                median = times[len(times) // 2] / 1e6
                p99 = times[min(len(times) - 1, int(len(times) * 0.99))] / 1e6
                hint = "language hint" if hinted else "no hint"
                verdict = "meets" if median <= 0.2 and p99 <= 2 else "MISSES"
                self.stdout.write(
                    f"scanner: 500-character messages, {label:<5} ({hint:<13}, {len(times)}): "
                    f"median {median:.3f} ms, p99 {p99:.3f} ms ({verdict} 0.2 / 2 ms)"
                )

    @override_settings(PLATFORM_DOMAIN="marketplace.example")  # the corpus's own platform
    def scanner_corpus(self) -> None:
        """The scanner on the labelled corpus written by independent writers who never read
        it (tests/helpdesk/fixtures/scanner_corpus/): recall per kind and clean messages with
        a finding, per split, per kind and per language. The writers' files (w…, t…) are the
        development split, on which the intent model is trained (so its figures there are
        optimistic); the ``test_*`` files, written by other writers, are the test split:
        read for these figures only, never to tune the scanner. Targets (issue 14): recall
        ≥ 0.97 for every kind, ≤ 1 % of clean messages flagged."""
        kinds = ("email", "phone", "url", "social", "payment", "marketing")
        splits: dict[str, list[dict[str, Any]]] = {"development": [], "test": []}
        for row in scanner_corpus_rows():
            splits["test" if row["file"].startswith("test_") else "development"].append(row)
        for split, rows in splits.items():
            if not rows:
                continue
            found = [({f.kind for f in scan(r["text"])}, set(r["kinds"]), r["lang"]) for r in rows]
            languages = sorted({lang for _, _, lang in found})
            self.stdout.write(f"scanner corpus, {split} split ({len(rows)} messages)")
            self.stdout.write(
                "scanner corpus:   recall      all  " + " ".join(f"{x:>5}" for x in languages)
            )

            def recall(kind: str, language: str | None, found: list = found) -> str:
                labelled = [
                    got for got, want, lang in found if kind in want and language in (None, lang)
                ]
                if not labelled:
                    return "    -"
                return f"{sum(1 for got in labelled if kind in got) / len(labelled):5.2f}"

            for kind in kinds:
                labelled = sum(1 for _, want, _ in found if kind in want)
                caught = sum(1 for got, want, _ in found if kind in want and kind in got)
                verdict = "" if caught >= 0.97 * labelled else "  (target 0.97 missed)"
                self.stdout.write(
                    f"scanner corpus:   {kind:<9} {recall(kind, None)}  "
                    + " ".join(recall(kind, x) for x in languages)
                    + f"   ({caught}/{labelled}){verdict}"
                )

            def noisy(language: str | None, found: list = found) -> tuple[int, int]:
                clean = [got for got, want, lang in found if not want and language in (None, lang)]
                return sum(1 for got in clean if got), len(clean)

            flagged, clean_count = noisy(None)
            self.stdout.write(
                f"scanner corpus:   clean flagged {flagged / max(1, clean_count):>4.1%}  "
                + " ".join(f"{noisy(x)[0]:>2}/{noisy(x)[1]:<2}" for x in languages)
                + f"   ({flagged}/{clean_count})"
                + ("" if flagged <= 0.01 * clean_count else "  (target 1 % missed)")
            )

    def reply_language(self) -> None:
        """The reply-language check (helpdesk.reply_language) on labelled messages of the ten
        languages: how often it names the right language, stays silent (too short or unclear)
        or names a wrong one; on the independent corpus of seller replies (written by someone
        who never read the check), how often it would warn wrongly (a reply in the market's
        language, mixed ones included) and how often it warns when the reply is in another
        language; and its time per message."""
        fixtures = Path(settings.BASE_DIR) / "tests/helpdesk/fixtures"

        def load(name: str) -> list[dict[str, Any]]:
            path = fixtures / name
            if not path.exists():
                return []
            return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

        started = time.perf_counter()
        identify("Dzień dobry, paczka została wysłana wczoraj kurierem.")
        self.stdout.write(
            f"reply language: detector loaded in {time.perf_counter() - started:.1f} s, "
            f"process {rss_mb():.0f} MB"
        )
        labelled = load("moderation_sample.jsonl") + load("moderation_extra.jsonl")
        per_language: dict[str, list[int]] = {}
        times = []
        for row in labelled:
            started = time.perf_counter()
            found = identify(row["text"])
            times.append(time.perf_counter() - started)
            # [named right, silent, named wrong]
            counts = per_language.setdefault(row["lang"], [0, 0, 0])
            counts[0 if found == row["lang"] else 1 if found is None else 2] += 1
        totals = [sum(counts[i] for counts in per_language.values()) for i in range(3)]
        self.stdout.write(
            f"reply language: scanner corpora ({len(labelled)} messages, ten languages): "
            f"right {totals[0]}, silent {totals[1]}, wrong {totals[2]}; accuracy when it "
            f"names a language {totals[0] / max(1, totals[0] + totals[2]):.1%}"
        )
        for language, (right_n, silent_n, wrong_n) in sorted(per_language.items()):
            self.stdout.write(
                f"reply language:   {language}  right {right_n:>3}  silent {silent_n:>3}  "
                f"wrong {wrong_n}"
            )
        replies = load("reply_languages.jsonl")
        if replies:
            kinds: dict[str, list[int]] = {}
            for row in replies:
                market = row.get("market", row["lang"])
                warned = wrong_language(row["text"], market) is not None
                named = identify(row["text"])
                counts = kinds.setdefault(row["kind"], [0, 0, 0])
                counts[0] += 1
                counts[1] += warned
                counts[2] += named == row["lang"]
            self.stdout.write(
                f"reply language: independent seller replies ({len(replies)}, "
                "reply_languages.jsonl)"
            )
            for kind, (n, warned_n, right_n) in sorted(kinds.items()):
                rate = "warned" if kind == "wrong" else "warned wrongly"
                self.stdout.write(
                    f"reply language:   {kind:<6} {n:>4} messages, {rate} {warned_n} "
                    f"({warned_n / n:.1%}), language named right {right_n} ({right_n / n:.1%})"
                )
        times.sort()
        self.stdout.write(
            f"reply language: median {statistics.median(times) * 1000:.2f} ms, "
            f"p99 {times[int(len(times) * 0.99)] * 1000:.2f} ms per message"
        )

    def deadline_throughput(self, n: int) -> None:
        rng = random.Random(1)
        markets = sorted(MARKET_CALENDARS)
        start = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
        span = datetime(2031, 6, 30, tzinfo=UTC).timestamp() - start
        inputs = [
            (datetime.fromtimestamp(start + rng.random() * span, tz=UTC), rng.choice(markets))
            for _ in range(n)
        ]
        for market in markets:  # build each market's table outside the timing
            response_deadline(inputs[0][0], market)
        began = time.perf_counter()
        for received, market in inputs:
            response_deadline(received, market)
        elapsed = time.perf_counter() - began
        self.stdout.write(
            f"deadline: {n:,} random deadlines (2020–2031, 10 markets) in "
            f"{elapsed:.2f} s = {n / elapsed:,.0f} per second on one core"
        )

    def sweep(self, clocks: int, due: int) -> None:
        now = timezone.now()
        self.stdout.write(
            f"sweep: building {clocks:,} open clocks ({due:,} overdue, {due:,} due within 4 h)…"
        )
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(BUILD_SQL, {"clocks": clocks, "due": due, "now": now})
        self.stdout.write(f"sweep: built in {time.perf_counter() - began:.1f} s")
        before = rss_mb()
        began = time.perf_counter()
        result = sla_sweep(now=now)
        elapsed = time.perf_counter() - began
        self.stdout.write(
            f"sweep: {clocks:,} open clocks → {result.breached:,} breaches and "
            f"{result.warned:,} warnings marked, {result.notices:,} notices written in "
            f"{elapsed:.2f} s (peak memory {before:.0f} → {rss_mb():.0f} MB)"
        )
        began = time.perf_counter()
        again = sla_sweep(now=now)
        self.stdout.write(
            f"sweep: second run marked {again.breached + again.warned} in "
            f"{time.perf_counter() - began:.3f} s (exactly once)"
        )
        self.sweep_two_workers(now, result.breached + result.warned, result.notices)

    def sweep_two_workers(self, now: datetime, marked: int, notices: int) -> None:
        """The same sweep by two workers at once (two Celery workers, on one machine or
        two), after the marks and notices of the first are undone: each clock marked once,
        each notice written once, and how long it took."""
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM outbox_notification WHERE clock_id IS NOT NULL")
            cursor.execute(
                "UPDATE sla_responseclock SET warned_at = NULL, breached_at = NULL "
                "WHERE warned_at IS NOT NULL OR breached_at IS NOT NULL"
            )
        barrier = threading.Barrier(2)
        results: list[SweepResult] = []

        def worker() -> None:
            try:
                barrier.wait()
                results.append(sla_sweep(now=now))
            finally:
                connection.close()

        workers = [threading.Thread(target=worker) for _ in range(2)]
        began = time.perf_counter()
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        elapsed = time.perf_counter() - began
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM sla_responseclock WHERE warned_at IS NOT NULL "
                "OR breached_at IS NOT NULL), count(*), count(*) - count(DISTINCT "
                "(recipient_id, clock_id, kind)) FROM outbox_notification WHERE clock_id IS "
                "NOT NULL"
            )
            stamped, written, doubled = cursor.fetchone()
        shares = " + ".join(f"{r.breached + r.warned:,}" for r in results)
        once = stamped == marked and written == notices and doubled == 0
        self.stdout.write(
            f"sweep: two workers at once marked {shares} clocks and wrote {written:,} notices "
            f"in {elapsed:.2f} s ({'each once' if once else 'NOT each once'}: {stamped:,} "
            f"clocks marked of {marked:,}, {doubled} notices doubled)"
        )


# One seller with one agent, one order, one buyer message; `clocks` threads each with an
# open clock: `due` of them overdue, `due` in the warning window, the rest due next week.
BUILD_SQL = """
WITH s AS (
    INSERT INTO accounts_seller (company_name, slug, country, status, created_at)
    VALUES ('Bench GmbH', 'bench-' || md5(random()::text), 'DE', 'active', now()) RETURNING id
), u AS (
    INSERT INTO accounts_user (password, email, name, preferred_language, is_active, is_staff,
                               is_superuser, date_joined)
    VALUES ('!', 'bench-' || md5(random()::text) || '@example.com', 'Bench', 'en', true, false,
            false, now()) RETURNING id
), m AS (
    INSERT INTO accounts_sellermember (user_id, seller_id, role, notification_mode, created_at)
    SELECT u.id, s.id, 'agent', 'immediate', now() FROM u, s RETURNING seller_id, user_id
), o AS (
    INSERT INTO orders_order (number, buyer_id, seller_id, market_id, currency, status,
        subtotal, shipping_cost, total, delivery_name, delivery_line1, delivery_line2,
        delivery_postal_code, delivery_city, delivery_country, placed_at)
    SELECT 'B-' || substr(md5(random()::text), 1, 12), m.user_id, m.seller_id, 'DE', 'EUR',
        'placed', 10, 0, 10, 'x', 'x', '', '1', 'x', 'DE', now() FROM m RETURNING *
), t AS (
    INSERT INTO helpdesk_thread (order_id, seller_id, buyer_id, market_id, topic, status,
        closed_by_role, reply_state, created_at, last_activity_at)
    SELECT o.id, o.seller_id, o.buyer_id, 'DE', 'delivery', 'open', '', 'none', now(), now()
    FROM o, generate_series(1, %(clocks)s)
    RETURNING id, seller_id, buyer_id
), first_thread AS (SELECT min(id) AS id FROM t), msg AS (
    INSERT INTO helpdesk_message (thread_id, author_id, author_role, author_name, kind, body,
        data, created_at, chain_hash)
    SELECT first_thread.id, o.buyer_id, 'buyer', 'Bench', 'text', 'Where is it?', '{}', now(),
        ''  -- not chained: the sweep reads clocks, and this database is dropped after the run
    FROM first_thread, o RETURNING id
)
INSERT INTO sla_responseclock (thread_id, seller_id, market_id, opened_by_id, opened_at,
    due_at, warn_at, outcome, explanation)
SELECT t.id, t.seller_id, 'DE', msg.id, %(now)s - interval '2 days',
    CASE WHEN n <= %(due)s THEN %(now)s - interval '1 hour'
         WHEN n <= 2 * %(due)s THEN %(now)s + interval '2 hours'
         ELSE %(now)s + interval '7 days' END,
    CASE WHEN n <= %(due)s THEN %(now)s - interval '5 hours'
         WHEN n <= 2 * %(due)s THEN %(now)s - interval '2 hours'
         ELSE %(now)s + interval '6 days' END,
    '', '[]'
FROM (SELECT id, seller_id, row_number() OVER (ORDER BY id) AS n FROM t) AS t, msg
"""
