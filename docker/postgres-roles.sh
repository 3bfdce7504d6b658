#!/bin/bash
# The two database roles (README, "Database roles"), created once by the postgres image on an
# empty data folder (/docker-entrypoint-initdb.d), as the superuser, after it created the
# database helpdesk. Passwords come from compose's secrets, never from the environment.
#
# helpdesk_owner owns the database, so it may create what the migrations create: tables,
# functions, triggers, trusted extensions such as unaccent. helpdesk_app owns nothing; the
# migrations give it the rows of every table (core/migrations/0001_application_role.py).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set owner_password="$(< /run/secrets/helpdesk_owner_password)" \
    --set app_password="$(< /run/secrets/helpdesk_app_password)" <<'SQL'
CREATE ROLE helpdesk_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE helpdesk_app LOGIN PASSWORD :'app_password';
ALTER DATABASE helpdesk OWNER TO helpdesk_owner;
SQL
