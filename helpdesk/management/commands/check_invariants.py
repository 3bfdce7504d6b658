import json
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helpdesk.invariants import Acknowledged, invariants_check


def aware(value: str) -> datetime:
    """An ISO 8601 time with its offset (argparse type)."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


class Command(BaseCommand):
    help = (
        "Check the record's invariants set-wise (helpdesk.invariants): acknowledged posts "
        "exist exactly once, threads agree with their messages and clocks, clocks with their "
        "threads, warnings and breaches are told once per person, every hash chain verifies. "
        "Prints what it checked; exit status 1 on any violation. Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--acknowledged",
            type=Path,
            help="A JSON file of acknowledged posts ({kind, author, key, thread, text} each, "
            'under "posts"), as `make loadtest`\'s client writes it.',
        )
        parser.add_argument(
            "--swept-at",
            type=aware,
            help="An ISO time with offset at which a sweep that has finished started: every "
            "clock it could breach must be breached.",
        )

    def handle(
        self,
        *args: Any,
        acknowledged: Path | None = None,
        swept_at: datetime | None = None,
        **options: Any,
    ) -> None:
        posts = None
        if acknowledged is not None:
            rows = json.loads(acknowledged.read_text())["posts"]
            posts = [Acknowledged.from_json(row) for row in rows]
        checks = invariants_check(acknowledged=posts, swept_at=swept_at)
        for check in checks:
            figures = "".join(f", {value:,} {name}" for name, value in check.figures.items())
            verdict = (
                self.style.SUCCESS("holds")
                if check.holds
                else self.style.ERROR(f"{check.violations:,} violations")
            )
            self.stdout.write(f"{check.name}: {check.checked:,} {check.unit}{figures}: {verdict}")
            for example in check.examples:
                self.stdout.write(f"  {example}")
        broken = [check for check in checks if not check.holds]
        if broken:
            raise CommandError(f"{len(broken)} of {len(checks)} invariants violated.")
        self.stdout.write(self.style.SUCCESS(f"All {len(checks)} invariants hold."))
