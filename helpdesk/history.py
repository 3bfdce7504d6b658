"""Tamper evidence for the conversations: each message stores a SHA-256 of what it says
(thread, author and the author's name as of writing, role, kind, text, data, time, its files'
checksums) chained to the previous message of its thread. Changing, removing or reordering a
stored message breaks its link and every later one; `verify_history` finds the first broken
link of each thread.

The append-only trigger already refuses changes; the chain is what proves, later, to someone
who does not trust the database, that nothing was changed by whoever could disable it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import transaction
from django.utils import timezone

from helpdesk.models import HistoryCheck, Message

GENESIS = "0" * 64  # the "previous link" of a thread's first message
# What a link covers, besides the files' checksums (Message attributes, or `values()` keys).
CHAINED_FIELDS = (
    "thread_id",
    "author_id",
    "author_name",
    "author_role",
    "kind",
    "body",
    "data",
    "created_at",
)


def entry_digest(previous: str, entry: Mapping[str, Any], files: Sequence[str]) -> str:
    """The chained SHA-256 of one message (`entry` holds CHAINED_FIELDS): canonical JSON
    (sorted keys, UTC time to the microsecond, the files' SHA-256 in the order they were
    attached) after the previous link's hash."""
    created_at: datetime = entry["created_at"]
    record = {
        "thread": entry["thread_id"],
        "author": entry["author_id"],
        "author_name": entry["author_name"],
        "role": entry["author_role"],
        "kind": entry["kind"],
        "body": entry["body"],
        "data": entry["data"],
        "at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "files": list(files),
    }
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def chain_link(message: Message, previous: str, files: Sequence[str]) -> str:
    """The digest of a message about to be stored (or of a stored one)."""
    return entry_digest(previous, {name: getattr(message, name) for name in CHAINED_FIELDS}, files)


def thread_head(thread_id: int) -> str:
    """The last link of a thread's chain (call with the thread row locked)."""
    last = (
        Message.objects.filter(thread_id=thread_id)
        .order_by("-id")
        .values_list("chain_hash", flat=True)
        .first()
    )
    return last or GENESIS


@dataclass(frozen=True)
class Break:
    """The first message of a thread whose stored hash does not match its content."""

    thread_id: int
    message_id: int


def _links() -> Iterator[dict[str, Any]]:
    """Every message with its files' checksums, thread by thread, oldest first; streamed."""
    return (
        Message.objects.order_by("thread_id", "id")
        .annotate(files=ArrayAgg("attachments__sha256", order_by="attachments__id", default=[]))
        .values("id", "chain_hash", "files", *CHAINED_FIELDS)
        .iterator(chunk_size=5000)
    )


def find_breaks() -> tuple[list[Break], int, int]:
    """(the first broken link of each broken thread, threads read, messages read)."""
    breaks: list[Break] = []
    thread_id, previous, broken = None, GENESIS, False
    threads = messages = 0
    for row in _links():
        messages += 1
        if row["thread_id"] != thread_id:
            thread_id, previous, broken = row["thread_id"], GENESIS, False
            threads += 1
        if broken:
            continue
        expected = entry_digest(previous, row, [checksum for checksum in row["files"] if checksum])
        if expected != row["chain_hash"]:
            breaks.append(Break(thread_id=row["thread_id"], message_id=row["id"]))
            broken = True
        previous = row["chain_hash"]
    return breaks, threads, messages


def history_verify() -> HistoryCheck:
    """Check every thread's chain and record the result (the admin shows the latest)."""
    started = timezone.now()
    breaks, threads, messages = find_breaks()
    with transaction.atomic():
        return HistoryCheck.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            threads=threads,
            messages=messages,
            broken=[{"thread": b.thread_id, "message": b.message_id} for b in breaks],
        )
