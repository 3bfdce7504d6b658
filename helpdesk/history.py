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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import transaction
from django.utils import timezone

from helpdesk.models import HistoryCheck, Message

GENESIS = "0" * 64  # the "previous link" of a thread's first message


def entry_digest(
    *,
    previous: str,
    thread_id: int,
    author_id: int | None,
    author_name: str,
    author_role: str,
    kind: str,
    body: str,
    data: dict[str, Any],
    created_at: datetime,
    files: Sequence[str],
) -> str:
    """The chained SHA-256 of one message: canonical JSON (sorted keys, UTC time to the
    microsecond, the files' SHA-256 in the order they were attached) after the previous
    link's hash."""
    record = {
        "thread": thread_id,
        "author": author_id,
        "author_name": author_name,
        "role": author_role,
        "kind": kind,
        "body": body,
        "data": data,
        "at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "files": list(files),
    }
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


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
        .values(
            "id",
            "thread_id",
            "author_id",
            "author_name",
            "author_role",
            "kind",
            "body",
            "data",
            "created_at",
            "chain_hash",
            "files",
        )
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
        expected = entry_digest(
            previous=previous,
            thread_id=row["thread_id"],
            author_id=row["author_id"],
            author_name=row["author_name"],
            author_role=row["author_role"],
            kind=row["kind"],
            body=row["body"],
            data=row["data"],
            created_at=row["created_at"],
            files=[checksum for checksum in row["files"] if checksum],
        )
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
