"""Writes of the sla app that are neither clocks (sla.clocks), the sweep (sla.sweep) nor
sanctions (sla.sanctions): the periodic jobs' heartbeat."""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.utils import timezone


def heartbeat_record(*, name: str, now: datetime | None = None) -> None:
    """Record one run of the periodic job `name` (an upsert, safe under concurrent workers)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO sla_heartbeat (name, last_run_at, runs) VALUES (%s, %s, 1)
            ON CONFLICT (name) DO UPDATE
              SET last_run_at = GREATEST(sla_heartbeat.last_run_at, EXCLUDED.last_run_at),
                  runs = sla_heartbeat.runs + 1
            """,
            [name, now or timezone.now()],
        )
