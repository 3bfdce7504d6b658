"""The pages over HTTP (make bench; demo.benchhttp). Never run by the test suite: it needs
generated load data and a running server."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.benchhttp import (
    BenchError,
    bench_figures,
    bench_world,
    results_table,
    results_write,
    run_pages,
)


class Command(BaseCommand):
    help = (
        "Request the helpdesk's pages over HTTP from a running server (the big seller's "
        "inbox and long thread, a reply, Performance, a buyer's requests, the admin's lists, "
        "searches and a transcript), a bounded number of times each, and write p50/p95/max "
        "and queries per request to bench/results.json with a table."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, required=True, help="The server's port.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--loops", type=int, default=30, help="Requests per page.")
        parser.add_argument(
            "--bench-output",
            type=Path,
            help="A file holding `manage.py bench`'s output, for its figures.",
        )
        parser.add_argument(
            "--results", type=Path, default=Path(settings.BASE_DIR) / "bench/results.json"
        )

    def handle(
        self,
        *args: Any,
        port: int,
        host: str,
        loops: int,
        bench_output: Path | None,
        results: Path,
        **options: Any,
    ) -> None:
        try:
            world = bench_world()
            self.stdout.write(
                f"http: {world.threads:,} threads, {world.messages:,} messages; the big "
                f"seller has {world.seller_threads:,} threads; {loops} requests per page"
            )
            pages = run_pages(host, port, world, loops=loops, progress=self.stdout.write)
        except BenchError as error:
            raise CommandError(str(error)) from error
        figures = {}
        if bench_output and bench_output.exists():
            figures = bench_figures(bench_output.read_text(encoding="utf-8"))
        written = results_write(results, world, pages, figures)
        self.stdout.write("")
        self.stdout.write(results_table(written))
        self.stdout.write("")
        missed = written["targets_missed"]
        self.stdout.write(
            f"Written to {results}. "
            + (f"Targets missed: {', '.join(missed)}." if missed else "Every target met.")
        )
