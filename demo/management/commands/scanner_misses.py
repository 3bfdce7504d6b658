"""What the scanner misses and flags wrongly on the development split, for the next round of
rules (README, "Scanner"): a tool, like ``train_scanner_model``; never run by ``make bench``.

    python manage.py scanner_misses t173 t174            # recall and clean flagged of two writers
    python manage.py scanner_misses t173 --misses        # and every message it reads otherwise
    python manage.py scanner_misses --detectors --save before.json     # all development files
    python manage.py scanner_misses --detectors --compare before.json  # after a rule: what moved

The test split (``test_*`` files) is refused: it is scored by ``make bench`` and never read to
tune anything."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import override_settings

from demo.management.commands.train_scanner_model import CORPUS, CORPUS_DOMAIN, development_files
from helpdesk.scanner import KINDS, detect, scan
from helpdesk.scanner.training import read_corpus

#: Per message id: the kinds found, the kinds labelled and the text.
Reading = dict[str, tuple[list[str], list[str], str]]


class Command(BaseCommand):
    help = (
        "Recall per kind and clean messages flagged on development files of the scanner's "
        "corpus; with --misses every message read otherwise, with its findings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "writers", nargs="*", help="Corpus files by writer (t173, w5); all development files"
        )
        parser.add_argument("--misses", action="store_true", help="Print what was read otherwise")
        parser.add_argument(
            "--detectors", action="store_true", help="The detectors alone, before the model"
        )
        parser.add_argument("--hint", action="store_true", help="Scan with the language hint")
        parser.add_argument("--save", metavar="FILE", help="Write what was found per message")
        parser.add_argument(
            "--compare", metavar="FILE", help="Kinds gained and lost since a --save"
        )

    @override_settings(PLATFORM_DOMAIN=CORPUS_DOMAIN)
    def handle(self, *args: Any, writers: list[str], **options: Any) -> None:
        paths = self.paths(writers)
        find = detect if options["detectors"] else scan
        reading: Reading = {}
        for row in read_corpus(paths):
            language = row["lang"] if options["hint"] else None
            findings = find(row["text"], language=language)
            found = sorted({f.kind for f in findings})
            reading[row["id"]] = (found, sorted(row["kinds"]), row["text"])
            if options["misses"] and set(found) != set(row["kinds"]):
                self.miss(row, findings)
        self.summary(reading)
        if options["save"]:
            Path(options["save"]).write_text(json.dumps(reading, ensure_ascii=False))
        if options["compare"]:
            self.compare(json.loads(Path(options["compare"]).read_text()), reading)

    def paths(self, writers: list[str]) -> list[Path]:
        if not writers:
            return development_files(CORPUS)
        paths = []
        for writer in writers:
            name = Path(writer).name.removesuffix(".jsonl")
            path = CORPUS / f"{name}.jsonl"
            if name.startswith("test_") or (
                not path.exists() and (CORPUS / f"test_{name}.jsonl").exists()
            ):
                raise CommandError(f"{name} is the test split: it is never read to tune.")
            if not path.exists():
                raise CommandError(f"No corpus file {path.name}.")
            paths.append(path)
        return paths

    def miss(self, row: dict[str, Any], findings: list[Any]) -> None:
        found = {f.kind for f in findings}
        wanted = set(row["kinds"])
        spans = "; ".join(f"{f.kind}: {row['text'][f.start : f.end]!r}" for f in findings)
        self.stdout.write(
            f"[{row['id']}] missed {sorted(wanted - found)}, false {sorted(found - wanted)}\n"
            f"    {row['text']}\n    found: {spans or '-'}"
        )

    def summary(self, reading: Reading) -> None:
        parts = []
        for kind in KINDS:
            labelled = [found for found, wanted, _ in reading.values() if kind in wanted]
            caught = sum(1 for found in labelled if kind in found)
            parts.append(f"{kind} {caught}/{len(labelled)}")
        clean = [found for found, wanted, _ in reading.values() if not wanted]
        flagged = sum(1 for found in clean if found)
        self.stdout.write(f"{len(reading)} messages: " + ", ".join(parts))
        self.stdout.write(
            f"clean flagged {flagged}/{len(clean)} ({flagged / max(1, len(clean)):.2%})"
        )

    def compare(self, before: Reading, after: Reading) -> None:
        """Labelled and false kinds gained and lost, message by message, from ``before``."""
        counts = {"labelled +": 0, "labelled -": 0, "false +": 0, "false -": 0}
        for message, (found, wanted, text) in sorted(after.items()):
            if message not in before:
                continue
            was = set(before[message][0])
            for kind in sorted(set(found) ^ was):
                side = "labelled" if kind in wanted else "false"
                sign = "+" if kind in found else "-"
                counts[f"{side} {sign}"] += 1
                self.stdout.write(f"{side} {sign}{kind} [{message}] {text[:160]}")
        self.stdout.write(", ".join(f"{name}{count}" for name, count in counts.items()))
