"""`make run`'s script starts PostgreSQL, web, worker and beat; SIGTERM stops all of it."""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def session_processes(sid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid:
                    found.append(int(entry.name))
            except ProcessLookupError:
                pass
    return found


def stop(proc, how: str) -> None:
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole foreground process group
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal({"sigterm": signal.SIGTERM, "hangup": signal.SIGHUP}[how])


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "hangup"])
def test_run_script_serves_the_app_with_beat_and_worker_and_stops_cleanly(how):
    # A folder the postgres system user can reach (pytest's tmp_path is private to root).
    run_dir = Path(tempfile.mkdtemp(prefix="helpdesk-run-"))
    run_dir.chmod(0o755)
    web = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        RUN_DIR=str(run_dir), WEB_PORT=str(web), PGPORT=str(free_port()), HEARTBEAT_SECONDS="1"
    )
    log = (run_dir / "run.log").open("wb")
    proc = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        health = {}
        while time.monotonic() < deadline:
            assert proc.poll() is None, (run_dir / "run.log").read_text()
            try:
                health = json.loads(get(f"http://127.0.0.1:{web}/healthz")[1])
                if health["heartbeat_runs"] >= 1:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert health.get("heartbeat_runs", 0) >= 1, (run_dir / "run.log").read_text()
        status, body = get(f"http://127.0.0.1:{web}/")
        assert status == 200
        assert b"Marketplace Helpdesk" in body
        assert b"buyer@example.com" in (run_dir / "run.log").read_bytes()  # the demo logins
    finally:
        stop(proc, how)
        proc.wait(timeout=60)
        log.close()
    try:
        time.sleep(0.5)
        assert session_processes(proc.pid) == []
        assert not (run_dir / "pg" / "postmaster.pid").exists()
        output = (run_dir / "run.log").read_text()
        assert "stopped" in output
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
