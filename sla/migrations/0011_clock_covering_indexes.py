"""The seller's statistics, charts and running clocks read from covering indexes (index-only
scans): at full size the Performance page's two heaviest queries went from 129 and 72 ms to
about 14 each. Built without locking the table against writes; the new statistics index
first, then the one it replaces is dropped."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("sla", "0010_answer_rating"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="responseclock",
            index=models.Index(
                fields=["seller", "opened_at"],
                include=("outcome", "closed_at", "due_at", "pending_answer", "response_seconds"),
                name="clock_seller_figures",
            ),
        ),
        RemoveIndexConcurrently(model_name="responseclock", name="clock_seller_stats"),
        AddIndexConcurrently(
            model_name="responseclock",
            index=models.Index(
                condition=models.Q(closed_at__isnull=True),
                fields=["seller"],
                include=("due_at", "pending_answer"),
                name="clock_seller_open",
            ),
        ),
    ]
