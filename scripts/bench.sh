#!/usr/bin/env bash
# make bench: figures, not tests. A throwaway PostgreSQL on a free port, migrated, then
# `manage.py bench` (deadline throughput, the SLA sweep over 1,000,000 open clocks).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"
ensure_debs postgresql gettext
bash scripts/install.sh
scratch=$(mktemp -d "${TMPDIR:-/tmp}/helpdesk-bench.XXXXXX")
chmod 755 "$scratch"
trap 'pg_stop "$scratch/pg"; rm -rf "$scratch" || true' EXIT
port=$(free_port)
pg_start "$scratch/pg" "$port" "$scratch/postgres.log" fast
export DATABASE_URL="postgres://$PG_APP@127.0.0.1:$port/helpdesk"
export MIGRATION_DATABASE_URL="postgres://$PG_OWNER@127.0.0.1:$port/helpdesk"
export CELERY_BROKER_URL="memory://" RUN_DIR="$scratch"
.venv/bin/python manage.py migrate -v 0
.venv/bin/python manage.py bench "$@"
