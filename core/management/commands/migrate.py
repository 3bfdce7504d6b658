"""`migrate` as the tables' owner (README, "Database roles").

Django's own command, with two changes: it connects as the owner (the alias "owner",
MIGRATION_DATABASE_URL) unless told otherwise, and never as the application's role; and
while it runs, the application's connection refuses every query. A data migration that
wrote through the default manager would otherwise write as the application, in another
session than its migration's: into a table it cannot see yet, or waiting forever for a lock
its own migration holds. Data migrations use `schema_editor.connection.alias`.
"""

from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections

OWNER = "owner"


def _refuse(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
    raise RuntimeError(
        "A migration queried the application's connection (the alias 'default'): data "
        "migrations run on their migration's, `schema_editor.connection.alias`. "
        f"The query: {sql[:200]}"
    )


class Command(migrate.Command):
    help = (
        "Updates the database schema, connected as the role that owns the tables "
        "(MIGRATION_DATABASE_URL, the alias 'owner')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(database=OWNER)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["database"] == DEFAULT_DB_ALIAS:
            raise CommandError(
                "Migrations run as the tables' owner (--database owner, "
                "MIGRATION_DATABASE_URL), never as the application's role."
            )
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(_refuse):
            super().handle(*args, **options)
