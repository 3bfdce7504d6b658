#!/usr/bin/env bash
# make loadtest: load and faults on loopback, bounded in time and count, on a throwaway
# PostgreSQL cluster and Redis under a mktemp folder, then the record's invariants.
#
# 1. Load data (generate_load_data), 50 personas among it (loadtest_personas), gunicorn
#    (2 workers × 4 threads) and one Celery worker, as in production (DEBUG off).
# 2. Load: the personas work through the pages for LOADTEST_SECONDS (60) (loadtest_client);
#    PostgreSQL is restarted in the middle. No 5xx outside the restart; during it, only
#    the application's error page, and the app must recover by itself within seconds.
# 3. Fault: LOADTEST_CLOCKS (100,000) clocks past their deadline; the sweep is sent to the
#    worker, which is killed with SIGKILL (its whole process group) in the middle, then
#    restarted; the sweep is sent again until every due clock is breached.
# 4. check_invariants: every acknowledged post exists exactly once, threads agree with their
#    messages and clocks, clocks with their threads, every breach and warning is told once
#    per person, every hash chain verifies.
# Exit status 0 only if all of it held; a summary of what was checked is printed last.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

LOAD_SECONDS=${LOADTEST_SECONDS:-60}
CLOCKS=${LOADTEST_CLOCKS:-100000}
THREADS=${LOADTEST_THREADS:-2000}  # load data: 10 sellers (~25 team members), 1,000 buyers

ensure_debs postgresql redis-server gettext
bash scripts/install.sh
started=$SECONDS

scratch=$(mktemp -d "${TMPDIR:-/tmp}/helpdesk-loadtest.XXXXXX")
chmod 755 "$scratch"  # the postgres user must reach its data folder
pgdata=$scratch/pg

# True while process group $1 has a member that is not a zombie (run.sh explains why).
group_alive() {
    ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# Stop a process group led by $1: ask, wait up to 10 s, then kill what is left.
stop_group() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do
        group_alive "$pid" || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
}

web_pid="" worker_pid="" client_pid="" status=0
cleanup() {
    trap '' INT TERM HUP
    trap - EXIT
    [ -n "$client_pid" ] && kill -TERM "$client_pid" 2>/dev/null
    stop_group "$web_pid"
    stop_group "$worker_pid"
    pg_stop "$pgdata"
    redis_stop "$scratch/redis"
    if [ "$status" -ne 0 ]; then
        # The logs of a failed run stay for reading; the data goes.
        kept=$(mktemp -d "${TMPDIR:-/tmp}/helpdesk-loadtest-logs.XXXXXX")
        cp "$scratch"/*.log "$scratch"/*.json "$scratch"/*.txt "$kept"/ 2>/dev/null || true
        log "logs of this run: $kept"
    fi
    rm -rf "$scratch" || log "could not remove $scratch"
}
trap 'status=$?; cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

pgport=$(free_port)
redisport=$(free_port)
webport=$(free_port)
pg_start "$pgdata" "$pgport" "$scratch/postgres.log" fast
redis_start "$redisport" "$scratch/redis"
psql=("$(pg_bindir)/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d helpdesk -v ON_ERROR_STOP=1 -qAt)
q() { "${psql[@]}" -c "$1"; }

# Production's settings (DEBUG off: the error page, not the debug page), on plain HTTP.
export DATABASE_URL="postgres://$PG_APP@127.0.0.1:$pgport/helpdesk"
export MIGRATION_DATABASE_URL="postgres://$PG_OWNER@127.0.0.1:$pgport/helpdesk"
export REDIS_URL="redis://127.0.0.1:$redisport/0"
export CELERY_BROKER_URL="redis://127.0.0.1:$redisport/1"
export DEBUG=false SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0 STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage
export SECRET_KEY="loadtest-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export EMAIL_URL=dummymail:// RUN_DIR="$scratch" MEDIA_ROOT="$scratch/media" LOG_LEVEL=WARNING
# A thousand clocks per sweep transaction: a hundred batches, so the kill lands mid-sweep.
export SLA_SWEEP_BATCH=1000

log "load data ($THREADS conversations) and 50 personas"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py generate_load_data --threads "$THREADS" | tail -n 1
.venv/bin/python manage.py loadtest_personas --out "$scratch/personas.json" --buyers 30 --sellers 20

# setsid: each service leads a process group, which stop_group (and the fault) acts on.
setsid .venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$webport" --workers 2 --threads 4 \
    --timeout 30 --no-control-socket --access-logfile "$scratch/access.log" \
    >>"$scratch/web.log" 2>&1 &
web_pid=$!
start_worker() {
    setsid .venv/bin/celery -A config worker --loglevel WARNING --concurrency 2 \
        --without-gossip --without-mingle --without-heartbeat >>"$scratch/worker.log" 2>&1 &
    worker_pid=$!
    disown "$worker_pid"  # its SIGKILL below is on purpose: no "Killed" from bash
}
start_worker
for i in $(seq 300); do
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://127.0.0.1:$webport/accounts/login/" 2>/dev/null && break
    [ "$i" -lt 300 ] || die "gunicorn did not answer within 30 s (see $scratch/web.log)"
    sleep 0.1
done

log "load: 50 personas for $LOAD_SECONDS s; PostgreSQL restarted in the middle"
.venv/bin/python manage.py loadtest_client --url "http://127.0.0.1:$webport" \
    --personas "$scratch/personas.json" --seconds "$LOAD_SECONDS" --out "$scratch/load.json" \
    --outage "$scratch/outage.json" >"$scratch/client.txt" 2>&1 &
client_pid=$!
sleep "$((LOAD_SECONDS * 2 / 5))"
postmaster=$(head -n 1 "$pgdata/postmaster.pid")
down=$(date +%s.%N)
pg_stop "$pgdata"
pg_start "$pgdata" "$pgport" "$scratch/postgres.log" fast
up=$(date +%s.%N)
[ "$(head -n 1 "$pgdata/postmaster.pid")" != "$postmaster" ] || die "PostgreSQL was not restarted"
printf '{"down": %s, "up": %s}\n' "$down" "$up" >"$scratch/outage.json"
client_status=0
wait "$client_pid" || client_status=$?
client_pid=""
cat "$scratch/client.txt"

log "fault: the worker killed in the middle of a sweep over $CLOCKS due clocks"
seller=$(.venv/bin/python manage.py loadtest_due_clocks --clocks "$CLOCKS")
# Fresh statistics, as autovacuum would soon have them (only an owner or the superuser may).
q "analyze"
breached() { q "select count(*) from sla_responseclock where seller_id = $seller and breached_at is not null"; }
sweeps() { q "select coalesce((select runs from sla_heartbeat where name = 'sla-sweep'), 0)"; }
send_sweep() { .venv/bin/celery -A config call sla.tasks.sweep >/dev/null; }
swept_at=$(date -u +%Y-%m-%dT%H:%M:%S.%6N+00:00)  # every clock due by then must be breached
runs=$(sweeps)
send_sweep
deadline=$((SECONDS + 120))
until [ "$(breached)" -ge "$((CLOCKS / 10))" ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "the sweep breached too little in 120 s (see $scratch/worker.log)"
    sleep 0.1
done
kill -KILL -- "-$worker_pid"
while group_alive "$worker_pid"; do sleep 0.1; done
sleep 1  # PostgreSQL rolls the killed transaction back as it notices the lost connection
at_kill=$(breached)
[ "$at_kill" -lt "$CLOCKS" ] || die "the sweep finished before the kill: nothing was interrupted"
[ "$(sweeps)" -eq "$runs" ] || die "a sweep was recorded as finished before the kill"
start_worker
left() {
    q "select count(*) from sla_responseclock where closed_at is null and pending_answer_id is null
       and breached_at is null and due_at <= '$swept_at'"
}
# Beat would send the sweep again within a minute; here at once, and again until nothing
# due is left (a sweep skips rows a dying transaction may still lock).
sent=1
runs=$(sweeps)
send_sweep
deadline=$((SECONDS + 150))
while [ "$(left)" -gt 0 ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "the restarted worker did not finish the sweep in 150 s"
    if [ "$(sweeps)" -gt "$runs" ]; then
        runs=$(sweeps)
        send_sweep
        sent=$((sent + 1))
    fi
    sleep 0.5
done
q "analyze"
fault_breached=$(breached)
counts=$(q "select count(*), count(distinct clock_id) from outbox_notification where kind = 'breach'
            and clock_id in (select id from sla_responseclock where seller_id = $seller)")
IFS='|' read -r fault_notices fault_told <<<"$counts"
fault="sweep fault: $CLOCKS due clocks; worker killed (SIGKILL) with $at_kill breached, restarted,"
fault+=" $sent sweep(s) sent after: $fault_breached breached, $fault_notices breach notices for"
fault+=" $fault_told clocks (one agent each)"
fault_status=0
if [ "$fault_breached" -ne "$CLOCKS" ] || [ "$fault_notices" -ne "$CLOCKS" ] \
    || [ "$fault_told" -ne "$CLOCKS" ]; then
    fault_status=1
fi
echo "$fault"

log "invariants"
invariants_status=0
.venv/bin/python manage.py check_invariants --acknowledged "$scratch/load.json" \
    --swept-at "$swept_at" >"$scratch/invariants.txt" 2>&1 || invariants_status=$?
cat "$scratch/invariants.txt"

log "summary"
grep -E '^(load|postgres restart):' "$scratch/client.txt" || true
echo "$fault"
grep -v '^  ' "$scratch/invariants.txt" | sed 's/^/invariants: /'
elapsed=$((SECONDS - started))
verdicts="load $([ "$client_status" -eq 0 ] && echo held || echo FAILED)"
verdicts+=", sweep fault $([ "$fault_status" -eq 0 ] && echo held || echo FAILED)"
verdicts+=", invariants $([ "$invariants_status" -eq 0 ] && echo held || echo FAILED)"
if [ "$client_status" -ne 0 ] || [ "$fault_status" -ne 0 ] || [ "$invariants_status" -ne 0 ]; then
    die "make loadtest: $verdicts ($((elapsed / 60)) min $((elapsed % 60)) s)"
fi
log "make loadtest passed: $verdicts ($((elapsed / 60)) min $((elapsed % 60)) s)"
