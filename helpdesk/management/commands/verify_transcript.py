import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helpdesk.transcripts import transcript_verify


class Command(BaseCommand):
    help = (
        "Check a JSON transcript (exported from the admin): recompute every link of its hash "
        "chain and compare it with the platform's record. Exit status 1 names each problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the JSON file, as downloaded")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if not isinstance(data, dict):
            raise CommandError(f"{path} is not a transcript.")
        problems = transcript_verify(data)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s): the transcript does not verify.")
        entries = sum(len(thread.get("entries", [])) for thread in data["threads"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(data['threads'])} thread(s), {entries} entries: every link holds and "
                "matches the platform's record."
            )
        )
