# Shared shell functions for scripts/run.sh and scripts/test.sh. Source it; don't run it.
# shellcheck shell=bash

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# These machines set PYTHONDONTWRITEBYTECODE=1: every Python process would recompile the
# ~1,000 modules of Django and Celery at start (3–4 s each). Cache bytecode.
unset PYTHONDONTWRITEBYTECODE
VENV="$PROJECT_DIR/.venv"
# What the clones of this project share, outside any clone: the virtualenvs (install.sh) and
# mypy's cache (test.sh).
USER_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/marketplace-helpdesk"

# `|| true`: the terminal may be gone (closed window) while we clean up.
log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2 || true; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

# Install Debian packages that are missing (as root, with apt-get), e.g. on a fresh machine.
ensure_debs() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing system packages: ${missing[*]} (install them as root)"
    log "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$dir/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    echo "$dir"
}

# Run a command as the postgres system user when we are root (initdb and postgres refuse
# to run as root); as ourselves otherwise.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- env -C / "$@"
    else
        "$@"
    fi
}

# A data folder the postgres user can reach: $1 if it can, else one under $TMPDIR named after $1.
pg_datadir_for() {
    local wanted=$1
    mkdir -p "$(dirname "$wanted")"
    if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$(dirname "$wanted")"; then
        echo "$wanted"
    else
        echo "${TMPDIR:-/tmp}/helpdesk-pg-$(printf '%s' "$wanted" | sha1sum | cut -c1-12)"
    fi
}

# The system's Python for the port checks below (they run before the venv exists): Debian's
# when there is one; pyenv's shim, first on PATH on these machines, takes ~140 ms a call.
if [ -x /usr/bin/python3 ]; then SYS_PYTHON=/usr/bin/python3; else SYS_PYTHON=python3; fi

free_port() {
    "$SYS_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# True when nothing listens on 127.0.0.1:PORT.
port_free() {
    ! "$SYS_PYTHON" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" 2>/dev/null
}

# The two database roles (README, "Database roles"): the owner of every table, trigger and
# function, which runs the migrations, and the role the application connects as, which owns
# nothing and so can neither switch the append-only triggers off nor truncate a table.
PG_OWNER=helpdesk_owner
PG_APP=helpdesk_app

# pg_start DATADIR PORT LOGFILE [fast]: create the cluster if needed, start it on
# 127.0.0.1:PORT (TCP only), and make sure the two roles and the database "helpdesk" (owned
# by $PG_OWNER) exist.
pg_start() {
    local datadir=$1 port=$2 logfile=$3 fast=${4:-}
    local bin
    bin=$(pg_bindir)
    if [ ! -s "$datadir/PG_VERSION" ]; then
        log "creating PostgreSQL cluster in $datadir"
        mkdir -p "$datadir"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$datadir"
        chmod 700 "$datadir"
        # Loopback only, trust auth: a project-local cluster for one developer or one test run.
        as_pg "$bin/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # The server writes its own log: next to the data folder when the postgres user cannot
    # reach the folder asked for (a clone under a private `mktemp -d`, as for the cluster).
    if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$logfile")"; then
        logfile="$datadir.log"
        log "PostgreSQL log: $logfile"
    fi
    touch "$logfile"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$logfile"
    if as_pg "$bin/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
        log "PostgreSQL already running in $datadir"
    else
        port_free "$port" || die "port $port is in use (another PostgreSQL or make run?); set PGPORT=…"
        local opts="-c listen_addresses=127.0.0.1 -p $port -k ''"
        [ -n "$fast" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        as_pg "$bin/pg_ctl" -D "$datadir" -l "$logfile" -o "$opts" -w -t 60 start >/dev/null \
            || { tail -n 20 "$logfile" >&2; die "PostgreSQL did not start"; }
    fi
    local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
    # Neither role is a superuser. The owner may create databases: the test runner creates
    # its test databases as the owner, so that the owner owns what they hold.
    "${psql[@]}" -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_OWNER') THEN
        CREATE ROLE $PG_OWNER LOGIN CREATEDB;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP') THEN
        CREATE ROLE $PG_APP LOGIN;
    END IF;
END \$\$;
SQL
    local owner
    owner=$("${psql[@]}" -d postgres \
        -c "select pg_get_userbyid(datdba) from pg_database where datname = 'helpdesk'")
    if [ -z "$owner" ]; then
        "${psql[@]}" -d postgres -c "create database helpdesk owner $PG_OWNER"
    elif [ "$owner" = helpdesk ]; then
        # A cluster from before the two roles, where the application's one role "helpdesk"
        # owned everything: the owner takes over the database and all it holds.
        log "handing the database helpdesk and its tables from helpdesk to $PG_OWNER"
        "${psql[@]}" -d helpdesk -c "reassign owned by helpdesk to $PG_OWNER"
    elif [ "$owner" != "$PG_OWNER" ]; then
        die "the database helpdesk belongs to $owner, not $PG_OWNER"
    fi
}

pg_stop() {
    local datadir=$1
    [ -s "$datadir/PG_VERSION" ] || return 0
    as_pg "$(pg_bindir)/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null 2>&1 || true
}

redis_start() {
    local port=$1 dir=$2
    mkdir -p "$dir"
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    local i
    for i in $(seq 50); do
        redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    die "Redis did not start"
}

redis_stop() {
    local dir=$1 pid i
    [ -s "$dir/redis.pid" ] || return 0
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    # Wait until it has exited: it still writes its log while shutting down.
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    rm -f "$dir/redis.pid"
}
