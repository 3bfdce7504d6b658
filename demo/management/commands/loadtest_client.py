import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import translation

from demo.loadtest.client import Outage, load_run, record_json, verdict


def error_pages() -> set[str]:
    """The application's 500 page in every language, as Django's handler renders it (the
    language active when the request failed, if any)."""
    pages: set[str] = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pages.add(str(render_to_string("500.html")))
    return pages


class Command(BaseCommand):
    help = (
        "For `make loadtest`: drive the personas of a loadtest_personas file through the "
        "pages of a running server for SECONDS, write the acknowledged posts and every "
        "response to OUT, print what happened; exit status 1 on a server error outside the "
        "outage given by --outage (a JSON file {down, up} written meanwhile), on anything "
        "but the error page during it, or when the application does not recover."
    )
    # The client reaches the application over HTTP only; no check needs the database.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8000")
        parser.add_argument("--personas", type=Path, required=True)
        parser.add_argument("--seconds", type=float, default=60.0)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--outage", type=Path, help="Read when the load is over, if it exists.")

    def handle(
        self,
        *args: Any,
        url: str,
        personas: Path,
        seconds: float,
        out: Path,
        outage: Path | None = None,
        **options: Any,
    ) -> None:
        world = json.loads(personas.read_text())
        began = time.monotonic()
        record = load_run(url=url, world=world, seconds=seconds, error_pages=error_pages())
        self.stdout.write(f"load: over in {time.monotonic() - began:.0f} s")
        window = None
        if outage is not None and outage.exists():
            times = json.loads(outage.read_text())
            window = Outage(down=times["down"], up=times["up"])
        out.write_text(json.dumps(record_json(record)))
        result = verdict(record, personas=world["personas"], outage=window)
        for line in result.lines:
            self.stdout.write(line)
        for failure in result.failures[:20]:
            self.stdout.write(self.style.ERROR(f"  {failure}"))
        if not result.passed:
            raise CommandError(f"{len(result.failures)} failures under load.")
