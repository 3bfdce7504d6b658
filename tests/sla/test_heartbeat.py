import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections
from django.urls import reverse

from config.celery import app
from sla.models import Heartbeat
from sla.services import heartbeat_record
from sla.tasks import heartbeat


@pytest.mark.django_db
def test_heartbeat_counts_runs_and_keeps_the_latest_time(client):
    from datetime import UTC, datetime

    heartbeat_record(name="beat", now=datetime(2026, 1, 2, tzinfo=UTC))
    heartbeat_record(name="beat", now=datetime(2026, 1, 1, tzinfo=UTC))  # a late, older one
    beat = Heartbeat.objects.get(name="beat")
    assert beat.runs == 2
    assert beat.last_run_at == datetime(2026, 1, 2, tzinfo=UTC)
    body = client.get(reverse("healthz")).json()
    assert body["status"] == "ok"
    assert body["heartbeat_runs"] == 2


@pytest.mark.django_db
def test_healthz_without_heartbeat_yet(client):
    assert client.get(reverse("healthz")).json()["heartbeat_at"] is None


def test_beat_schedules_the_heartbeat_from_code(settings):
    entry = app.conf.beat_schedule["heartbeat"]
    assert entry["task"] == "sla.tasks.heartbeat"
    assert entry["schedule"].total_seconds() == settings.HEARTBEAT_SECONDS


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_runs_the_heartbeat():
    """The real transport of production: a task sent through Redis reaches a worker."""
    assert app.conf.broker_url.startswith("redis://"), "make test runs Redis for this"
    app.loader.import_module("celery.contrib.testing.tasks")

    def close_the_workers_connections(**_kwargs):
        # The worker runs in a thread of this process: its connection to the test database
        # would outlive it and stop the database from being dropped at the end.
        connections.close_all()

    task_postrun.connect(close_the_workers_connections, weak=False)
    # Tasks queued (after commit) by the tests that ran before in this process, with no
    # worker to run them, would be run first: the heartbeat could wait behind hundreds.
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            heartbeat.delay()
            deadline = time.monotonic() + 60  # a busy machine: seconds, not minutes
            while not Heartbeat.objects.filter(name="beat").exists():
                assert time.monotonic() < deadline, "the worker did not run the heartbeat"
                time.sleep(0.1)
    finally:
        task_postrun.disconnect(close_the_workers_connections)
