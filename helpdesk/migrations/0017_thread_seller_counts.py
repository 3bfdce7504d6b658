"""The inbox's view counts and the navigation badge read the seller's threads from one
covering index (an index-only scan), built without locking the table against writes."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("helpdesk", "0016_savedreply_position"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="thread",
            index=models.Index(
                fields=["seller", "status"],
                include=(
                    "id",
                    "awaiting_reply_since",
                    "seller_activity_at",
                    "buyer_activity_at",
                    "escalated_at",
                ),
                name="thread_seller_counts",
            ),
        ),
    ]
