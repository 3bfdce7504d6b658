"""The application's database role (README, "Database roles") reads and writes rows and does
nothing else. It owns no table, trigger or function, so it can neither switch the append-only
triggers off, nor drop or replace them or their functions, nor truncate a table: each attempt
fails with a permission error. The tables' owner, which runs the migrations, and the
superuser could; what they change shows in the history's hash chain
(tests/helpdesk/test_history.py)."""

import threading

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.management.commands import migrate as django_migrate
from django.db import DatabaseError, connection, connections, transaction

from accounts.models import User

pytestmark = pytest.mark.django_db

APP = settings.DATABASES["default"]["USER"]
OWNER = settings.DATABASES["owner"]["USER"]
INSUFFICIENT_PRIVILEGE = "42501"

# Every trigger in the database: (table, trigger, its function). A new one fails
# test_every_trigger_is_listed until it is added here, and with it the attempts below.
TRIGGERS = [
    ("audit_staffaccess", "audit_staffaccess_append_only", "audit_keep_access"),
    ("helpdesk_attachment", "helpdesk_attachment_append_only", "helpdesk_reject_change"),
    ("helpdesk_message", "helpdesk_message_append_only", "helpdesk_reject_change"),
    # Fills a new message's search language (helpdesk/migrations/0014_message_search.py).
    (
        "helpdesk_message",
        "helpdesk_message_search_language",
        "helpdesk_message_search_language",
    ),
    (
        "helpdesk_messagereview",
        "helpdesk_messagereview_decided_once",
        "helpdesk_review_decided_once",
    ),
]
TABLES = sorted({table for table, _, _ in TRIGGERS})
FUNCTIONS = sorted({function for _, _, function in TRIGGERS})
A_FUNCTION_THAT_LETS_EVERYTHING_THROUGH = (
    "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN COALESCE(NEW, OLD); END $$"
)

ATTEMPTS = [
    *(f"ALTER TABLE {table} DISABLE TRIGGER ALL" for table in TABLES),
    *(f"ALTER TABLE {table} DISABLE TRIGGER USER" for table in TABLES),
    *(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}" for table, trigger, _ in TRIGGERS),
    *(f"DROP TRIGGER {trigger} ON {table}" for table, trigger, _ in TRIGGERS),
    *(
        f"CREATE OR REPLACE FUNCTION {function}() {A_FUNCTION_THAT_LETS_EVERYTHING_THROUGH}"
        for function in FUNCTIONS
    ),
    *(f"DROP FUNCTION {function}() CASCADE" for function in FUNCTIONS),
    *(f"ALTER FUNCTION {function}() OWNER TO CURRENT_USER" for function in FUNCTIONS),
    *(f"TRUNCATE {table}" for table in TABLES),
    *(f"ALTER TABLE {table} OWNER TO CURRENT_USER" for table in TABLES),
    *(f"DROP TABLE {table} CASCADE" for table in TABLES),
    # A trigger of its own that fires first and skips the row (a table's TRIGGER privilege).
    *(
        f"CREATE TRIGGER a_first BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()"
        for table in TABLES
    ),
    # Every trigger off for this session: the superuser's way.
    "SET session_replication_role = replica",
    f"SET ROLE {OWNER}",
    f"CREATE FUNCTION replacement() {A_FUNCTION_THAT_LETS_EVERYTHING_THROUGH}",
    "CREATE TABLE replacement (id bigint)",
    "CREATE SCHEMA replacement",
]


def _fetchall(sql, params=(), using="default"):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_every_trigger_is_listed():
    triggers = _fetchall(
        "SELECT tgrelid::regclass::text, tgname, tgfoid::regproc::text FROM pg_trigger"
        " WHERE NOT tgisinternal ORDER BY 1, 2"
    )
    assert triggers == TRIGGERS


@pytest.mark.parametrize("statement", ATTEMPTS)
def test_the_application_cannot(statement):
    with (
        pytest.raises(DatabaseError) as refused,
        transaction.atomic(),  # a savepoint: the test's transaction goes on after the error
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert refused.value.__cause__.sqlstate == INSUFFICIENT_PRIVILEGE, refused.value
    enabled = _fetchall("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'")
    assert len(enabled) == len(TRIGGERS)


def test_the_application_connects_as_a_role_that_owns_nothing():
    assert APP != OWNER
    [role] = _fetchall(
        "SELECT current_user, session_user, rolsuper, rolcreaterole, rolcreatedb,"
        " rolbypassrls, pg_has_role(current_user, %s, 'USAGE') FROM pg_roles"
        " WHERE rolname = current_user",
        [OWNER],
    )
    assert role == (APP, APP, False, False, False, False, False)
    [owned] = _fetchall(
        "SELECT (SELECT count(*) FROM pg_class WHERE relowner = current_user::regrole),"
        " (SELECT count(*) FROM pg_proc WHERE proowner = current_user::regrole),"
        " (SELECT count(*) FROM pg_namespace WHERE nspowner = current_user::regrole),"
        " (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())"
    )
    assert owned == (0, 0, 0, OWNER)


def test_every_thread_connects_as_the_application():
    """The live server's request threads and a Celery worker started by a test each open
    their own connection: the application's."""
    seen = []

    def look():
        try:
            seen.extend(_fetchall("SELECT current_user"))
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join(timeout=30)
    assert seen == [(APP,)]


def test_the_application_reads_and_writes_the_rows_of_every_table_and_no_more():
    relations = _fetchall(
        "SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner),"
        " ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE',"
        "   'REFERENCES', 'TRIGGER']) AS p"
        "   WHERE c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, p)),"
        " ARRAY(SELECT p FROM unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) AS p"
        "   WHERE c.relkind = 'S' AND has_sequence_privilege(c.oid, p))"
        " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
        " AND c.relkind IN ('r', 'p', 'S') ORDER BY c.relname"
    )
    tables = {name: table for name, kind, _, table, _ in relations if kind != "S"}
    sequences = {name: sequence for name, kind, _, _, sequence in relations if kind == "S"}
    assert {owner for _, _, owner, _, _ in relations} == {OWNER}
    assert "helpdesk_message" in tables
    assert tables.pop("django_migrations") == ["SELECT"]  # which migrations ran; not more
    assert {name: ["SELECT", "INSERT", "UPDATE", "DELETE"] for name in tables} == tables
    assert sequences
    assert {name: ["USAGE", "SELECT"] for name in sequences} == sequences


@pytest.mark.django_db(databases=["default", "owner"])
def test_a_table_a_later_migration_creates_is_granted_the_same():
    """The owner's default privileges: nothing to grant in the migration that adds a table."""
    with connections["owner"].cursor() as cursor:
        cursor.execute("CREATE TABLE later (id bigint GENERATED BY DEFAULT AS IDENTITY)")
    [granted] = _fetchall(
        "SELECT ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE',"
        "   'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p WHERE has_table_privilege(%s, 'later', p)),"
        " ARRAY(SELECT p FROM unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) AS p"
        "   WHERE has_sequence_privilege(%s, pg_get_serial_sequence('later', 'id'), p))",
        [APP, APP],
        using="owner",  # the table exists in the owner's transaction only
    )
    assert granted == (["SELECT", "INSERT", "UPDATE", "DELETE"], ["USAGE", "SELECT"])


@pytest.mark.django_db(databases=["default", "owner"])
def test_the_owner_may_add_a_trusted_extension():
    """A migration may `CREATE EXTENSION IF NOT EXISTS unaccent` (search): the owner owns
    the database, which is what PostgreSQL asks of a trusted extension's creator."""
    with connections["owner"].cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("SELECT unaccent('réclamation')")
        assert cursor.fetchone() == ("reclamation",)


def test_migrations_never_run_as_the_application():
    with pytest.raises(CommandError, match="tables' owner"):
        call_command("migrate", database="default")


def test_a_data_migration_writing_through_the_application_fails_loudly(monkeypatch):
    """A data migration must write on its migration's connection (the owner's); one that
    used the default manager would write as the application, in another session."""

    def careless_migration(self, *args, **options):
        User.objects.count()

    monkeypatch.setattr(django_migrate.Command, "handle", careless_migration)
    with pytest.raises(RuntimeError, match=r"schema_editor\.connection\.alias"):
        call_command("migrate", verbosity=0)
