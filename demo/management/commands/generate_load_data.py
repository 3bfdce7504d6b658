"""Realistic load data for benchmarks (demo.loadgen.generate)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from demo.loadgen.generate import LONG_THREAD, LoadDataExists, load_data_generate


class Command(BaseCommand):
    help = (
        "Generate sellers, buyers, orders and about five messages per conversation in each "
        "market's language, with COPY and every constraint on (for benchmarks; 200,000 "
        "threads take a few minutes). Refuses to run twice unless --again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--threads", type=int, required=True, help="How many conversations.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--again", action="store_true", help="Add another run beside existing load data."
        )
        parser.add_argument(
            "--batch", type=int, default=2000, help="Conversations per transaction."
        )

    def handle(
        self, *args: Any, threads: int, seed: int, again: bool, batch: int, **options: Any
    ) -> None:
        if threads < 1 or batch < 1:
            raise CommandError("--threads and --batch must be positive.")
        try:
            report = load_data_generate(
                threads=threads,
                seed=seed,
                again=again,
                batch=batch,
                progress=lambda line: self.stdout.write(line),
            )
        except LoadDataExists as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            self.style.SUCCESS(
                f"Run {report.run}: {report.threads:,} threads, {report.messages:,} messages, "
                f"{report.clocks:,} clocks, {report.orders:,} orders ({report.lines:,} lines, "
                f"{report.shipments:,} shipments), {report.buyers:,} buyers, "
                f"{report.sellers:,} sellers; {report.breaches:,} breaches, "
                f"{report.warnings:,} warnings, {report.reviews:,} reviews ({report.held:,} "
                f"held, awaiting a decision), {report.attachments:,} files' rows, "
                f"{report.notifications:,} notifications; in {report.seconds:.0f} s; "
                f"the big seller {report.big_seller} has {report.big_threads:,} threads, thread "
                f"{report.long_thread} has {LONG_THREAD} messages."
            )
        )
