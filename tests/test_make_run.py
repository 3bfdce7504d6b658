"""`make run`'s script starts PostgreSQL, web, worker and beat; SIGTERM stops all of it."""

import contextlib
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


def psql(port: int, sql: str, user: str = "postgres", database: str = "postgres") -> str:
    """Run SQL on the cluster of `scripts/lib.sh` (trust on loopback) with Debian's psql."""
    binary = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    done = subprocess.run(
        [binary, "-h", "127.0.0.1", "-p", str(port), "-U", user, "-d", database, "-qAt"],
        input=sql,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout.strip()


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def run_entries(run_dir: Path) -> list[Path]:
    """The /proc entry of every process started for this run: they all inherit RUN_DIR in
    their environment."""
    marker = f"RUN_DIR={run_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(entry)
            except OSError:
                pass
    return found


def processes_of(run_dir: Path) -> list[str]:
    """The command lines of the run's processes (``run_entries``)."""
    found = []
    for entry in run_entries(run_dir):
        with contextlib.suppress(OSError):  # it ended meanwhile
            found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
    return found


def stop(proc, how: str) -> None:
    if how == "sigterm":
        proc.send_signal(signal.SIGTERM)
        return
    # A terminal sends SIGINT to the whole foreground process group…
    os.killpg(proc.pid, signal.SIGINT)
    if how == "ctrl-c, then the window closes":
        # …and SIGHUP to all of it when the window closes during the clean-up.
        time.sleep(0.3)
        os.killpg(proc.pid, signal.SIGHUP)


def tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return str(error)


def kill_everything_of(proc, run_dir: Path) -> None:
    """After a failed stop: the script and every service it started, then its PostgreSQL
    (stopped by pg_ctl, not killed, so that its data folder is left as a stop leaves it)."""
    for entry in run_entries(run_dir):
        with contextlib.suppress(OSError):  # it ended meanwhile
            if entry.stat().st_uid == os.getuid():  # not PostgreSQL's, which runs as postgres
                os.kill(int(entry.name), signal.SIGKILL)
    proc.wait(timeout=10)
    pg_ctl = [sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]]
    if os.geteuid() == 0:
        pg_ctl = ["runuser", "-u", "postgres", "--", *pg_ctl]
    subprocess.run(
        [*pg_ctl, "-D", run_dir / "pg", "-m", "immediate", "-w", "stop"],
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def run_dir():
    """One folder for the runs: the first creates the cluster and the demo data, the next
    reuses them, as a developer's second `make run` does. A folder the postgres
    system user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="helpdesk-run-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


# Ctrl-C is in the first case (the window closing during the clean-up comes on top of it).
@pytest.mark.parametrize("how", ["ctrl-c, then the window closes", "sigterm"])
def test_run_script_serves_the_app_with_beat_and_worker_and_stops_cleanly(how, run_dir):
    web, pgport = free_port(), free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "MIGRATION_DATABASE_URL",
            "SUPERUSER_DATABASE_URL",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env.update(
        RUN_DIR=str(run_dir),
        WEB_PORT=str(web),
        PGPORT=str(pgport),
        HEARTBEAT_SECONDS="1",
        DEMO_ARGS="--no-history",  # the demo's content is tests/demo's
    )
    log = (run_dir / "run.log").open("wb")
    proc = subprocess.Popen(
        # A terminal starts its jobs with Ctrl-C and hang-up at their defaults. This test may
        # itself run with them ignored (a runner started in the background, or under nohup),
        # and bash cannot trap a signal that was ignored when it started: reset them first.
        ["env", "--default-signal=INT,HUP", "bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300  # start-up takes ~40 s alone, minutes on a busy machine
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
        assert len(processes_of(run_dir)) >= 4  # the check below can see what it looks for
        status, body = get(f"http://127.0.0.1:{web}/")
        assert status == 200
        assert b"Marketplace Helpdesk" in body
        assert b"buyer@example.com" in (run_dir / "run.log").read_bytes()  # the demo logins
        # Web and worker keep their connections: the application's role, never the owner's.
        sessions = psql(
            pgport,
            "SELECT DISTINCT usename FROM pg_stat_activity"
            " WHERE datname = 'helpdesk' AND backend_type = 'client backend'",
        )
        assert sessions == "helpdesk_app"
    finally:
        stop(proc, how)
        stopping = time.monotonic()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            # Leave nothing behind for the next case (its cluster, the Popen) and say what the
            # script was doing: its log and PostgreSQL's, and every process it had started.
            left = processes_of(run_dir)
            kill_everything_of(proc, run_dir)
            log.close()
            pytest.fail(
                f"run.sh had not stopped {time.monotonic() - stopping:.0f} s after {how}; "
                f"its processes then: {left}\n"
                f"run.log:\n{tail(run_dir / 'run.log')}\n"
                f"postgres.log:\n{tail(run_dir / 'postgres.log')}"
            )
        log.close()
    time.sleep(0.5)
    assert processes_of(run_dir) == []
    assert not (run_dir / "pg" / "postmaster.pid").exists()
    assert "stopped" in (run_dir / "run.log").read_text()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root runs PostgreSQL as another user")
def test_postgres_starts_from_a_folder_the_postgres_user_cannot_reach(tmp_path):
    """A fresh clone under `mktemp -d` (mode 700): the cluster and its log go under $TMPDIR."""
    private = Path(tempfile.mkdtemp(prefix="helpdesk-private-"))  # mode 700, owned by root
    port = free_port()
    script = f"""
        set -euo pipefail
        source scripts/lib.sh
        pgdata=$(pg_datadir_for {private}/.run/pg)
        trap 'pg_stop "$pgdata"; rm -rf "$pgdata" "$pgdata.log"' EXIT
        pg_start "$pgdata" {port} {private}/.run/postgres.log fast
        echo "datadir=$pgdata"
    """
    try:
        done = subprocess.run(
            ["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"datadir={private}" not in done.stdout  # moved out of the private folder
    finally:
        shutil.rmtree(private, ignore_errors=True)


def test_a_cluster_from_before_the_two_roles_is_handed_to_the_owner():
    """A developer's `.run/` from before the two roles, where the application's one role
    "helpdesk" owned the database and its tables: pg_start hands all of it to the owner, so
    the next `make run` migrates as the owner and serves as the application's role."""
    folder = Path(tempfile.mkdtemp(prefix="helpdesk-upgrade-"))
    folder.chmod(0o755)  # the postgres user's cluster lives in it
    port = free_port()
    start = f"pg_start {folder}/pg {port} {folder}/pg.log fast"
    script = f"""
        set -euo pipefail
        source scripts/lib.sh
        trap 'pg_stop {folder}/pg' EXIT
        {start}
        psql=("$(pg_bindir)/psql" -h 127.0.0.1 -p {port} -v ON_ERROR_STOP=1 -qAt)
        "${{psql[@]}}" -U postgres -d postgres -c "drop database helpdesk" \
            -c "create role helpdesk login createdb" -c "create database helpdesk owner helpdesk"
        "${{psql[@]}}" -U helpdesk -d helpdesk -c "create table helpdesk_message (id int)"
        {start}
        "${{psql[@]}}" -U postgres -d helpdesk \
            -c "select pg_get_userbyid(datdba) from pg_database where datname = 'helpdesk'" \
            -c "select tableowner from pg_tables where tablename = 'helpdesk_message'"
    """
    try:
        done = subprocess.run(
            ["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split() == ["helpdesk_owner", "helpdesk_owner"]
