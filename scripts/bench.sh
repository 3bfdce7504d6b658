#!/usr/bin/env bash
# make bench: figures, not tests. One PostgreSQL cluster kept under BENCH_DIR (default
# .run/bench) with two databases:
# - bench_sweep, dropped and migrated afresh each run: `manage.py bench` (deadline
#   throughput, the scanner, the SLA sweep over 1,000,000 open clocks it builds itself);
# - helpdesk, kept between runs: `manage.py bench_search` (the console's search over
#   BENCH_THREADS generated conversations, 20,000 × ~5 messages by default: a run in under
#   5 minutes; BENCH_THREADS=1000000 is the issue's full size) and `manage.py bench_http`
#   (the pages over HTTP, against gunicorn started here on that database; bench/results.json
#   and a table). Generating them takes a while, so a later run reuses them; BENCH_FRESH=1
#   (or `rm -rf .run/bench`) builds them again.
# Extra arguments go to `manage.py bench`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"
ensure_debs postgresql gettext
bash scripts/install.sh
keep=${BENCH_DIR:-$PROJECT_DIR/.run/bench}
threads=${BENCH_THREADS:-20000}
datadir=$(pg_datadir_for "$keep/pg")
port=$(free_port)
web=""
stop() {
    if [ -n "$web" ]; then kill "$web" 2>/dev/null && wait "$web" 2>/dev/null || true; fi
    pg_stop "$datadir"
}
trap stop EXIT
pg_start "$datadir" "$port" "$keep/postgres.log" fast
psql=("$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
export CELERY_BROKER_URL="memory://" RUN_DIR="$keep"
# Migrations as the tables' owner, everything else as the application (README, "Database roles").
urls() {
    export DATABASE_URL="postgres://$PG_APP@127.0.0.1:$port/$1"
    export MIGRATION_DATABASE_URL="postgres://$PG_OWNER@127.0.0.1:$port/$1"
}

log "deadlines, scanner and sweep (a fresh database; ${SECONDS} s)"
"${psql[@]}" -c "drop database if exists bench_sweep" -c "create database bench_sweep owner $PG_OWNER"
(
    urls bench_sweep
    .venv/bin/python manage.py migrate -v 0
    .venv/bin/python manage.py bench "$@" | tee "$keep/bench-output.txt"
)
"${psql[@]}" -c "drop database bench_sweep"

log "search (the kept database: $keep; ${SECONDS} s)"
# Load data from before the big seller (issue 16) cannot serve the HTTP bench: build it again.
stale=$("${psql[@]}" -d helpdesk -c "select exists (select from pg_tables where
    tablename = 'accounts_seller') and not exists (select from accounts_seller where slug
    like 'load-r1-big')" 2>/dev/null || echo f)
if [ -n "${BENCH_FRESH:-}" ] || [ "$stale" = t ]; then
    "${psql[@]}" -c "drop database if exists helpdesk" -c "create database helpdesk owner $PG_OWNER"
fi
urls helpdesk
.venv/bin/python manage.py migrate -v 0
.venv/bin/python manage.py bench_search --threads "$threads"

log "the pages over HTTP (gunicorn, 2 workers, on the kept database; ${SECONDS} s)"
web_port=$(free_port)
ready="$keep/gunicorn-ready"
rm -rf "$ready" && mkdir -p "$ready"
# As in production (DEBUG off: cached templates, no query log), over plain HTTP on the
# loopback; each response says how many queries it ran (BENCH_QUERY_COUNT).
DEBUG=false SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))') \
    STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage \
    SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
    PYTHONWARNINGS="ignore:No directory at" \
    GUNICORN_READY_DIR="$ready" \
    BENCH_QUERY_COUNT=1 DJANGO_SETTINGS_MODULE=config.bench_settings .venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$web_port" \
    --workers 2 --timeout 120 --no-control-socket --error-logfile "$keep/gunicorn.log" \
    --config python:config.gunicorn_ready &
web=$!
# Both workers loaded and warmed up (config/gunicorn_ready.py), not only the port bound: a
# worker still loading takes a core from the pages measured first.
for _ in $(seq 300); do
    [ "$(find "$ready" -type f | wc -l)" -ge 2 ] && ! port_free "$web_port" && break
    kill -0 "$web" 2>/dev/null || { tail -n 20 "$keep/gunicorn.log" >&2; die "gunicorn stopped"; }
    sleep 0.2
done
.venv/bin/python manage.py bench_http --port "$web_port" --bench-output "$keep/bench-output.txt"
log "done in ${SECONDS} s"
