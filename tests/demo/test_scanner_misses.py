"""The tool that prints what the scanner misses on development files (demo/, not make bench)."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.management.commands import scanner_misses

ROWS = [
    {"id": "X-EN-1", "lang": "en", "kinds": ["email"], "text": "write to anna.kral@gmail.com"},
    {"id": "X-EN-2", "lang": "en", "kinds": ["phone"], "text": "Parcel arrived, thanks!"},
    {"id": "X-EN-3", "lang": "en", "kinds": [], "text": "The drill is still in its box."},
]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch) -> Path:
    lines = "\n".join(json.dumps({**row, "sender": "buyer", "note": ""}) for row in ROWS)
    (tmp_path / "x1.jsonl").write_text(lines + "\n", encoding="utf-8")
    (tmp_path / "test_x2.jsonl").write_text("never read\n", encoding="utf-8")
    monkeypatch.setattr(scanner_misses, "CORPUS", tmp_path)
    return tmp_path


def test_it_counts_recall_and_clean_messages_flagged_and_prints_the_misses(corpus, capsys):
    call_command("scanner_misses", "x1", misses=True)
    out = capsys.readouterr().out
    assert "3 messages: email 1/1, phone 0/1," in out
    assert "clean flagged 0/1 (0.00%)" in out
    assert "[X-EN-2] missed ['phone'], false []" in out
    assert "X-EN-1" not in out


@pytest.mark.parametrize("writer", ["test_x2", "x2"])
def test_it_refuses_the_test_split(corpus, writer):
    with pytest.raises(CommandError, match="test split"):
        call_command("scanner_misses", writer)


def test_it_compares_the_detectors_with_a_saved_reading(corpus, tmp_path, capsys):
    saved = tmp_path / "before.json"
    call_command("scanner_misses", "x1", detectors=True, save=str(saved))
    before = json.loads(saved.read_text())
    before["X-EN-1"][0] = []
    saved.write_text(json.dumps(before))
    call_command("scanner_misses", "x1", detectors=True, compare=str(saved))
    out = capsys.readouterr().out
    assert "labelled +email [X-EN-1]" in out
    assert "labelled +1, labelled -0, false +0, false -0" in out
