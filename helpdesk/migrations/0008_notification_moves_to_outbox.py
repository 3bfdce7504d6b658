"""The Notification model now lives in the outbox app (its migration 0001 renamed the
table); drop it from the helpdesk's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0007_review_names"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Notification")],
        ),
    ]
