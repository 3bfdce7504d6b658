"""The console's conversation search on generated load data (make bench). Never run by the
test suite."""

import random
import statistics
import time
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from demo.loadgen.generate import load_data_generate, loaded_threads
from helpdesk.search import SearchResults, conversation_search, text_query, thread_ids_sql

PUNCTUATION = ".,;:!?¿¡()«»„“”‚‘’'–- \n"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Case:
    query: str
    target: int  # the message (or thread) the search must find
    kind: str  # "message" or "thread"


class Command(BaseCommand):
    help = (
        "Measure the console's conversation search (what its page runs: the matching threads, "
        "the count and the ranked page of messages, their snippets) on generated "
        "conversations: phrases from the third message of random threads, order-number "
        "fragments, tracking numbers. Generates --threads conversations first when the "
        "database has none."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--threads",
            type=int,
            default=200_000,
            help="Conversations to generate when there are none (default 200,000).",
        )
        parser.add_argument("--samples", type=int, default=200, help="Searches of each kind.")
        parser.add_argument("--seed", type=int, default=12)

    def handle(self, *args: Any, threads: int, samples: int, seed: int, **options: Any) -> None:
        if loaded_threads() == 0:
            self.stdout.write(f"search: generating {threads:,} conversations (once; kept)…")
            load_data_generate(threads=threads, progress=lambda line: self.stdout.write(line))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM helpdesk_thread), (SELECT count(*) FROM "
                "helpdesk_message), pg_size_pretty(pg_relation_size('message_search'))"
            )
            thread_count, message_count, index_size = cursor.fetchone()
        self.stdout.write(
            f"search: {thread_count:,} threads, {message_count:,} messages "
            f"(full-text index {index_size}); {samples} searches of each kind"
        )
        rng = random.Random(seed)
        phrases = self.phrases(rng, samples)
        self.measure("phrase from a third message", phrases)
        self.measure(
            "the same words, without quotes",
            [Case(case.query.strip('"'), case.target, case.kind) for case in phrases],
        )
        orders, tracking = self.numbers(rng, samples)
        self.measure("order number, 9 middle characters", orders)
        self.measure("tracking number", tracking)
        self.measure(
            "tracking number, last 8 characters",
            [Case(case.query[-8:], case.target, case.kind) for case in tracking],
        )

    def sample(self, sql: str, samples: int, rng: random.Random) -> list[tuple[Any, ...]]:
        """`samples` random rows of `sql` (repeatable: ordered by a seeded hash)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT * FROM ({sql}) AS s ORDER BY md5(s.id::text || %s) LIMIT %s",  # noqa: S608
                [str(rng.random()), samples],
            )
            return cursor.fetchall()

    def phrases(self, rng: random.Random, samples: int) -> list[Case]:
        """3–4 consecutive words of the third message of random threads, searched as a phrase
        (in quotes, as staff search for one)."""
        rows = self.sample(
            """
            SELECT m.id, m.body FROM helpdesk_thread AS t
            CROSS JOIN LATERAL (
                SELECT id, body FROM helpdesk_message
                WHERE thread_id = t.id ORDER BY id OFFSET 2 LIMIT 1
            ) AS m
            WHERE m.body <> ''
            """,
            samples,
            rng,
        )
        cases = []
        for message_id, body in rows:
            # Copied as a person copies words: with the punctuation inside them ("d'origine",
            # "pouvez-vous", "24/05/2026"), not around them.
            words = body.replace('"', " ").split()
            size = rng.choice((3, 4))
            start = rng.randrange(max(1, len(words) - size + 1))
            phrase = " ".join(words[start : start + size]).strip(PUNCTUATION)
            cases.append(Case(f'"{phrase}"', message_id, "message"))
        return cases

    def numbers(self, rng: random.Random, samples: int) -> tuple[list[Case], list[Case]]:
        """Order numbers by their middle ("417-00618" of "2026-417-0061800") and tracking
        numbers, of random threads."""
        rows = self.sample(
            "SELECT t.id, o.number, s.tracking_number FROM helpdesk_thread AS t "
            "JOIN orders_order AS o ON o.id = t.order_id "
            "JOIN orders_shipment AS s ON s.order_id = t.order_id",
            samples,
            rng,
        )
        orders = [Case(number[5:14], thread, "thread") for thread, number, _ in rows]
        tracking = [Case(tracking, thread, "thread") for thread, _, tracking in rows]
        return orders, tracking

    def found(self, case: Case, results: SearchResults) -> tuple[bool, bool]:
        """(found at all, found on the first page)."""
        if case.kind == "thread":
            if any(thread.pk == case.target for thread in results.threads):
                return True, True
            # Beyond the first THREADS_SHOWN: in the thread list the page links to.
            threads, params = thread_ids_sql(case.query)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT %s IN ({threads})", [case.target, *params])
                return bool(cursor.fetchone()[0]), False
        if any(hit.message.pk == case.target for hit in results.messages):
            return True, True
        match, params = text_query(case.query).match()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM helpdesk_message AS message "  # noqa: S608
                f"WHERE message.id = %s AND {match})",
                [case.target, *params],
            )
            return bool(cursor.fetchone()[0]), False

    def measure(self, label: str, cases: list[Case]) -> None:
        timings, counts = [], []
        found = first_page = 0
        for case in cases:
            began = time.perf_counter()
            results = conversation_search(case.query)
            timings.append((time.perf_counter() - began) * 1000)
            counts.append(results.message_count if case.kind == "message" else results.thread_count)
            anywhere, shown = self.found(case, results)
            found += anywhere
            first_page += shown
        self.stdout.write(
            f"search: {label:<35} p50 {statistics.median(timings):6.1f} ms  "
            f"p95 {percentile(timings, 0.95):6.1f} ms  max {max(timings):7.1f} ms  "
            f"found {found}/{len(cases)} ({found / len(cases):.0%}), "
            f"on the first page {first_page}/{len(cases)}  "
            f"(matches: median {statistics.median(counts):,.0f})"
        )
