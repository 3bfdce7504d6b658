import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.loadtest.world import personas_prepare


class Command(BaseCommand):
    help = (
        "For `make loadtest`: give members of the load data's sellers and buyers of their "
        "orders one password, and write them (with the markets of those orders) to a JSON "
        "file for the load client. Run generate_load_data first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="The JSON file to write.")
        parser.add_argument("--buyers", type=int, default=30)
        parser.add_argument("--sellers", type=int, default=20, help="Owners and agents.")
        parser.add_argument("--password", default="loadtest-password")

    def handle(
        self, *args: Any, out: Path, buyers: int, sellers: int, password: str, **options: Any
    ) -> None:
        try:
            world = personas_prepare(buyers=buyers, sellers=sellers, password=password)
        except LookupError as error:
            raise CommandError(str(error)) from error
        out.write_text(json.dumps(world, indent=1))
        self.stdout.write(
            f"{sellers} sellers' team members and {buyers} buyers ready "
            f"({len(world['orders'])} orders) in {out}"
        )
