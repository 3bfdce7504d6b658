"""The notification outbox moves from the helpdesk app to its own: the table is renamed,
nothing else changes (helpdesk 0008 drops the model from the helpdesk's state)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("helpdesk", "0007_review_names"),
        ("sla", "0004_sanction_starts_now"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE helpdesk_notification RENAME TO outbox_notification",
                    "ALTER TABLE outbox_notification RENAME TO helpdesk_notification",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("message", "New message"),
                                    ("status_update", "Status update"),
                                    ("escalation", "Escalation"),
                                    ("due_soon", "Answer due soon"),
                                    ("breach", "Answer deadline missed"),
                                    ("not_delivered", "Message not delivered"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("digest", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "clock",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="sla.responseclock",
                            ),
                        ),
                        (
                            "message",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="helpdesk.message",
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "thread",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="helpdesk.thread",
                            ),
                        ),
                    ],
                    options={
                        "indexes": [
                            models.Index(
                                condition=models.Q(("sent_at__isnull", True)),
                                fields=["digest", "id"],
                                name="notification_pending",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("message__isnull", False)),
                                fields=("recipient", "message"),
                                name="notification_once_per_message",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("clock__isnull", False)),
                                fields=("recipient", "clock", "kind"),
                                name="notification_once_per_clock",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
