from typing import Any

from django.core.management.base import BaseCommand

from sla.sweep import sla_sweep


class Command(BaseCommand):
    help = "Warn about answers due soon and mark missed deadlines (what beat runs each minute)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=None, help="Clocks per transaction.")

    def handle(self, *args: Any, batch: int | None = None, **options: Any) -> None:
        result = sla_sweep(batch=batch)
        self.stdout.write(
            f"warned {result.warned}, breached {result.breached}, notices {result.notices}"
        )
