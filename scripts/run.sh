#!/usr/bin/env bash
# make run: a project-local PostgreSQL under .run/, migrations, demo data, then gunicorn,
# a Celery worker and Celery beat. Ctrl-C (or SIGTERM) stops every process it started.
#
# Settings (environment): WEB_PORT (8000), PGPORT (54329), RUN_DIR (.run), and anything in
# the README's settings table. The Celery broker defaults to kombu's filesystem transport
# under $RUN_DIR/broker, so no Redis is needed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

export RUN_DIR=${RUN_DIR:-$PROJECT_DIR/.run}
WEB_PORT=${WEB_PORT:-8000}
PGPORT=${PGPORT:-54329}
mkdir -p "$RUN_DIR"
ensure_debs postgresql
pgdata=$(pg_datadir_for "$RUN_DIR/pg")
# The application connects as a role that owns nothing; migrations run as the tables' owner
# (`manage.py migrate` connects with MIGRATION_DATABASE_URL).
export DATABASE_URL=${DATABASE_URL:-postgres://$PG_APP@127.0.0.1:$PGPORT/helpdesk}
export MIGRATION_DATABASE_URL=${MIGRATION_DATABASE_URL:-postgres://$PG_OWNER@127.0.0.1:$PGPORT/helpdesk}

# Before the exit trap is armed: a second `make run` must not stop the first one's database.
port_free "$WEB_PORT" || die "port $WEB_PORT is in use (another make run?); set WEB_PORT=…"

# True while process group $1 has a member that is not a zombie (an exited leader stays a
# zombie until this shell reaps it, so `kill -0 -- -$1` would say "alive").
group_alive() {
    ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

pids=()
stop_all() {
    # A second Ctrl-C, or the terminal closing, must not cut the clean-up short.
    trap '' INT TERM HUP
    trap - EXIT
    log "stopping web, worker, beat and PostgreSQL"
    local pid i alive
    # Each service leads its own process group (setsid below). Ask the leaders to stop (they
    # stop their own workers and pools), wait for the whole groups, then kill what is left.
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for i in $(seq 150); do  # up to 15 s for a graceful stop
        alive=0
        for pid in "${pids[@]}"; do group_alive "$pid" && alive=1; done
        [ "$alive" -eq 0 ] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    pg_stop "$pgdata"
    log "stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP  # the terminal closed

pg_start "$pgdata" "$PGPORT" "$RUN_DIR/postgres.log"
log "migrating and loading demo data"
.venv/bin/python manage.py migrate --noinput -v 0
# DEMO_ARGS: extra seed_demo options (tests/test_make_run.py passes --no-history: the demo's
# content has its own tests, and its two months of history cost seconds).
# shellcheck disable=SC2086
logins=$(.venv/bin/python manage.py seed_demo ${DEMO_ARGS:-})

# setsid: terminal signals (Ctrl-C, a closing window) reach this script only; it then stops
# every service in order. (gunicorn, for one, treats SIGHUP as "reload".)
# --preload: the application and its models (config/wsgi.py) are loaded once, before the
# workers are forked, which then share them; each worker would otherwise load its own.
setsid .venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$WEB_PORT" --workers 2 --timeout 30 \
    --preload --no-control-socket --access-logfile - --error-logfile - &
pids+=($!)
setsid .venv/bin/celery -A config worker --loglevel INFO --concurrency 2 \
    --without-gossip --without-mingle --without-heartbeat &
pids+=($!)
setsid .venv/bin/celery -A config beat --loglevel INFO --schedule "$RUN_DIR/celerybeat-schedule" &
pids+=($!)

printf '\n%s\n\n  Open http://127.0.0.1:%s/   (admin: http://127.0.0.1:%s/admin/)\n  Ctrl-C stops everything.\n\n' \
    "$logins" "$WEB_PORT" "$WEB_PORT"

# Stop everything as soon as one of them dies; a signal interrupts the wait.
wait -n "${pids[@]}"
die "a process exited on its own; stopping the rest"
