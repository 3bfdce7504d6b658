#!/usr/bin/env bash
# make bench: figures, not tests. One PostgreSQL cluster kept under BENCH_DIR (default
# .run/bench) with two databases:
# - bench_sweep, dropped and migrated afresh each run: `manage.py bench` (deadline
#   throughput, the scanner, the SLA sweep over 1,000,000 open clocks it builds itself);
# - helpdesk, kept between runs: `manage.py bench_search` (the console's search over
#   BENCH_THREADS generated conversations, 200,000 × ~5 messages by default). Generating them
#   takes minutes, so a later run reuses them; BENCH_FRESH=1 (or `rm -rf .run/bench`) builds
#   them again.
# Extra arguments go to `manage.py bench`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"
ensure_debs postgresql gettext
bash scripts/install.sh
keep=${BENCH_DIR:-$PROJECT_DIR/.run/bench}
threads=${BENCH_THREADS:-200000}
datadir=$(pg_datadir_for "$keep/pg")
port=$(free_port)
trap 'pg_stop "$datadir"' EXIT
pg_start "$datadir" "$port" "$keep/postgres.log" fast
psql=("$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
export CELERY_BROKER_URL="memory://" RUN_DIR="$keep"
# Migrations as the tables' owner, everything else as the application (README, "Database roles").
urls() {
    export DATABASE_URL="postgres://$PG_APP@127.0.0.1:$port/$1"
    export MIGRATION_DATABASE_URL="postgres://$PG_OWNER@127.0.0.1:$port/$1"
}

log "deadlines, scanner and sweep (a fresh database)"
"${psql[@]}" -c "drop database if exists bench_sweep" -c "create database bench_sweep owner $PG_OWNER"
(
    urls bench_sweep
    .venv/bin/python manage.py migrate -v 0
    .venv/bin/python manage.py bench "$@"
)
"${psql[@]}" -c "drop database bench_sweep"

log "search (the kept database: $keep)"
if [ -n "${BENCH_FRESH:-}" ]; then
    "${psql[@]}" -c "drop database if exists helpdesk" -c "create database helpdesk owner $PG_OWNER"
fi
urls helpdesk
.venv/bin/python manage.py migrate -v 0
.venv/bin/python manage.py bench_search --threads "$threads"
