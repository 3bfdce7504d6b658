"""The local default broker writes each message whole before a worker can see it
(config/kombu_filesystem.py): kombu's own transport let a polling worker read a file beat
had created but not yet written, and stop. No database."""

import os
import socket
from queue import Empty

import pytest
from kombu import Connection
from kombu.transport import filesystem

from config import kombu_filesystem


@pytest.fixture
def connection(tmp_path):
    folder = tmp_path / "queue"
    folder.mkdir()
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(tmp_path / "control"),  # kombu's default is ./control
        "store_processed": False,
    }
    with Connection(
        "filesystem://", transport=kombu_filesystem.Transport, transport_options=options
    ) as connection:
        yield connection


def test_a_message_goes_through(connection):
    queue = connection.SimpleQueue("tasks")
    queue.put({"task": "sla.tasks.heartbeat"})
    assert queue.get(timeout=1).payload == {"task": "sla.tasks.heartbeat"}
    queue.close()


def test_a_message_being_written_is_not_read(connection, monkeypatch):
    """At the moment the complete message gets its name, a worker polling the folder has found
    nothing: the file being written has a name the reader skips."""
    channel = connection.default_channel
    seen = []
    replace = os.replace

    def replace_after_a_poll(source, target):
        assert os.path.getsize(source) > 0
        try:
            seen.append(channel._get("tasks"))
        except Empty:
            seen.append(None)
        replace(source, target)

    monkeypatch.setattr(kombu_filesystem.os, "replace", replace_after_a_poll)
    channel._put("tasks", {"body": "whole"})
    assert seen == [None]
    assert channel._get("tasks") == {"body": "whole"}


def test_a_wait_for_a_message_is_cut_short_so_a_stopped_worker_stops_at_once(
    connection, monkeypatch
):
    """Celery's worker loop asks for 2 s and reads Ctrl-C only between waits (an idle worker
    took 7 s to stop); a wait lasts 0.2 s at most, and "wait for ever" stays so."""
    with pytest.raises(socket.timeout):  # nothing queued: the real wait ends, empty
        connection.drain_events(timeout=2.0)
    asked = []
    monkeypatch.setattr(
        filesystem.Transport,
        "drain_events",
        lambda self, connection, timeout=None: asked.append(timeout),
    )
    connection.drain_events(timeout=2.0)
    connection.drain_events(timeout=0.05)
    connection.drain_events()
    assert asked == [kombu_filesystem.LONGEST_WAIT, 0.05, None]
