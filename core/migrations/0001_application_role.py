"""What the application's database role may do (README, "Database roles").

Migrations run as the owner of the tables; the application connects as another role
(DATABASES["default"]["USER"]), which may read and write rows and use sequences, and nothing
else: no TRUNCATE, no triggers of its own, no ownership, so no way to switch the append-only
triggers off. The tables that exist get the grants now, wherever this migration falls in the
plan; the owner's default privileges give them to every table and sequence a later migration
creates. The application reads django_migrations but never writes it.
"""

from django.conf import settings
from django.db import migrations

GRANT = """
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};
REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {role};
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO {role};
"""

REVOKE = """
ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM {role};
ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM {role};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role};
REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role};
"""


def _run(sql, schema_editor):
    role = settings.DATABASES["default"]["USER"]
    if not role or role == schema_editor.connection.settings_dict["USER"]:
        return  # one role for everything: nothing to grant (and no protection)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
    quote = schema_editor.quote_name
    schema_editor.execute(sql.format(schema=quote(schema), role=quote(role)), params=None)


def grant(apps, schema_editor):
    _run(GRANT, schema_editor)


def revoke(apps, schema_editor):
    _run(REVOKE, schema_editor)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunPython(grant, revoke, elidable=False)]
