#!/usr/bin/env bash
# make test: system packages (if missing), the venv, a throwaway PostgreSQL and Redis on free
# loopback ports, ruff, mypy, the whole pytest suite, then everything stopped and removed.
# make check (`--check`): the same without the browser and the tests that start real
# processes. Extra arguments go to pytest (e.g. `make test ARGS="-k matrix"`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

check_only=""
if [ "${1:-}" = "--check" ]; then
    check_only=1
    shift
fi

# poppler-utils: pdftotext and pdftoppm read the transcripts' PDFs back in the tests.
if [ -n "$check_only" ]; then
    ensure_debs postgresql redis-server gettext poppler-utils
else
    ensure_debs postgresql redis-server chromium-headless-shell gettext poppler-utils
fi
bash scripts/install.sh

scratch=$(mktemp -d "${TMPDIR:-/tmp}/helpdesk-test.XXXXXX")
chmod 755 "$scratch"  # the postgres user must reach its data folder
cleanup() {
    pg_stop "$scratch/pg"
    redis_stop "$scratch/redis"
    # Removing scratch files never fails a run whose tests passed.
    rm -rf "$scratch" || log "could not remove $scratch"
}
trap cleanup EXIT

pgport=$(free_port)
redisport=$(free_port)
pg_start "$scratch/pg" "$pgport" "$scratch/postgres.log" fast
redis_start "$redisport" "$scratch/redis"
# The application's role; the test databases are created, migrated and flushed as the owner
# (tests/settings.py), and the tamper tests reach the cluster's superuser "postgres".
export DATABASE_URL="postgres://$PG_APP@127.0.0.1:$pgport/helpdesk"
export MIGRATION_DATABASE_URL="postgres://$PG_OWNER@127.0.0.1:$pgport/helpdesk"
export REDIS_URL="redis://127.0.0.1:$redisport/0"
export CELERY_BROKER_URL="redis://127.0.0.1:$redisport/1"
export DJANGO_ALLOW_ASYNC_UNSAFE=true  # Playwright's sync API beside Django's live server
# The suite's own settings, whatever the shell exported for manage.py (pytest-django reads
# DJANGO_SETTINGS_MODULE from the environment before pyproject.toml: config.settings there
# fails most of the suite), and the default platform domain the tests expect.
export DJANGO_SETTINGS_MODULE=tests.settings
unset PLATFORM_DOMAIN

# The migrations run once, into a template database, beside the lint and the tests'
# collection; each test process's test database is then a copy of it (tests/settings.py:
# TEST_DATABASE_TEMPLATE), where each process ran every migration itself before: ~10 s of a
# core each. The test processes wait for the file TEST_DATABASE_TEMPLATE_DONE names before
# they copy it (tests/conftest.py): "ok", or what the migrations printed when they failed.
export TEST_DATABASE_TEMPLATE=helpdesk_template
export TEST_DATABASE_TEMPLATE_DONE="$scratch/migrated"
"$(pg_bindir)/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt \
    -c "create database $TEST_DATABASE_TEMPLATE owner $PG_OWNER"
(
    if DATABASE_URL="postgres://$PG_APP@127.0.0.1:$pgport/$TEST_DATABASE_TEMPLATE" \
        MIGRATION_DATABASE_URL="postgres://$PG_OWNER@127.0.0.1:$pgport/$TEST_DATABASE_TEMPLATE" \
        .venv/bin/python manage.py migrate --noinput -v 0 > "$scratch/migrate.log" 2>&1; then
        echo ok > "$scratch/migrated.part"
    else
        cat "$scratch/migrate.log" > "$scratch/migrated.part"
    fi
    mv "$scratch/migrated.part" "$TEST_DATABASE_TEMPLATE_DONE"
) &
migrate_pid=$!

log "lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

# mypy runs beside the tests; its verdict is read once they are done. Its cache lives outside
# the clone, so that a fresh clone (CI's) checks only what changed: ~2 s of a core instead of
# ~15 s taken from the tests. mypy checks each file's hash against the cache, so a cache
# written from another clone or commit is never trusted for a file that differs.
log "types (mypy; strict on sla/ and the services and selectors), beside the tests"
mypy_cache=${MYPY_CACHE_DIR:-$USER_CACHE/mypy}
mkdir -p "$mypy_cache"
.venv/bin/mypy --cache-dir "$mypy_cache" > "$scratch/mypy.log" 2>&1 &
mypy_pid=$!

# One process per core (at most 4), each with its own test database; a file's tests stay on
# one process, so module-scoped worlds are built once. Slow files are handed out first
# (tests/conftest.py) and the rest fill in around them.
parallel=(--numprocesses auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder)

status=0
if [ -n "$check_only" ]; then
    log "fast tests (PostgreSQL :$pgport, Redis :$redisport)"
    .venv/bin/pytest "${parallel[@]}" --junitxml "$scratch/junit.xml" \
        -m "not browser and not slow" "$@" \
        || status=$?
else
    log "tests (PostgreSQL :$pgport, Redis :$redisport)"
    .venv/bin/pytest "${parallel[@]}" --junitxml "$scratch/junit.xml" "$@" || status=$?
fi

wait "$migrate_pid"
if [ "$(cat "$TEST_DATABASE_TEMPLATE_DONE")" != ok ]; then
    cat "$scratch/migrate.log"
    die "the migrations failed"
fi

log "types"
if ! wait "$mypy_pid"; then
    cat "$scratch/mypy.log"
    die "mypy found type errors"
fi
tail -n 1 "$scratch/mypy.log"
[ "$status" -eq 0 ] || exit "$status"

# A green run that ran nothing is a failure.
.venv/bin/python - "$scratch/junit.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET

suite = ET.parse(sys.argv[1]).getroot()
suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
ran = int(suite.get("tests", 0)) - int(suite.get("skipped", 0))
print(f"{ran} tests ran")
sys.exit(0 if ran > 0 else "no test ran")
PY
