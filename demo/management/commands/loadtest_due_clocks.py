from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from demo.loadtest.world import due_clocks_seed


class Command(BaseCommand):
    help = (
        "For `make loadtest`: one seller of its own with CLOCKS requests, each with an open "
        "clock an hour past its deadline (one statement); prints the seller's id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clocks", type=int, default=100_000)

    def handle(self, *args: Any, clocks: int, **options: Any) -> None:
        self.stdout.write(str(due_clocks_seed(clocks=clocks)))
