"""Where a buyer's wait stands (Thread.reply_state, copied from the clocks) and the
moderation queue's own target (MessageReview.due_at), both filled in for existing rows."""

from django.conf import settings
from django.db import migrations, models

from sla.calendar import response_deadline

BACKFILL_REPLY_STATE = """
UPDATE helpdesk_thread AS t SET reply_state = COALESCE(
    (SELECT CASE WHEN c.pending_answer_id IS NOT NULL THEN 'in_review' ELSE 'awaiting' END
       FROM sla_responseclock AS c WHERE c.thread_id = t.id AND c.closed_at IS NULL),
    (SELECT CASE c.outcome WHEN 'answered' THEN 'answered' WHEN 'exempt' THEN 'no_reply_needed'
                           WHEN 'solved' THEN 'solved' END
       FROM sla_responseclock AS c WHERE c.thread_id = t.id
      ORDER BY c.closed_at DESC, c.id DESC LIMIT 1),
    'none')
"""


# The decided-once trigger (0005) refuses any change to a decided review: set the new target
# with it off (migrations run as the tables' owner), then let it guard the target as well.
TRIGGER_OFF = "ALTER TABLE helpdesk_messagereview DISABLE TRIGGER helpdesk_messagereview_decided_once"
TRIGGER_ON = "ALTER TABLE helpdesk_messagereview ENABLE TRIGGER helpdesk_messagereview_decided_once"
GUARD_TARGET = """
CREATE OR REPLACE FUNCTION helpdesk_review_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR NEW.message_id IS DISTINCT FROM OLD.message_id
       OR NEW.author_role IS DISTINCT FROM OLD.author_role
       OR NEW.action IS DISTINCT FROM OLD.action
       OR NEW.kinds IS DISTINCT FROM OLD.kinds
       OR NEW.findings IS DISTINCT FROM OLD.findings
       OR NEW.masked_text IS DISTINCT FROM OLD.masked_text
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR NEW.due_at IS DISTINCT FROM OLD.due_at
       OR OLD.state <> 'pending' THEN
        RAISE EXCEPTION 'a message review is decided once: % refused', TG_OP
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
"""


def review_targets(apps, schema_editor):
    db = schema_editor.connection.alias
    MessageReview = apps.get_model("helpdesk", "MessageReview")
    for review in MessageReview.objects.using(db).filter(due_at__isnull=True).iterator():
        review.due_at = response_deadline(
            review.created_at, review.market_id, hours=settings.MODERATION_REVIEW_HOURS
        )
        review.save(using=db, update_fields=["due_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0008_notification_moves_to_outbox"),
        ("sla", "0004_sanction_starts_now"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="reply_state",
            field=models.CharField(
                choices=[
                    ("none", "Nothing awaited"),
                    ("awaiting", "Awaiting the seller's answer"),
                    ("in_review", "Answer being checked by the platform"),
                    ("answered", "Answered"),
                    ("no_reply_needed", "No reply needed"),
                    ("solved", "Solved by the buyer"),
                ],
                default="none",
                max_length=16,
                verbose_name="answer",
            ),
        ),
        migrations.RunSQL(BACKFILL_REPLY_STATE, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="thread",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("awaiting_reply_since__isnull", False),
                        ("reply_state__in", ("awaiting", "in_review")),
                    ),
                    models.Q(
                        ("awaiting_reply_since__isnull", True),
                        ("reply_state__in", ["none", "answered", "no_reply_needed", "solved"]),
                    ),
                    _connector="OR",
                ),
                name="thread_reply_state_matches_clock",
            ),
        ),
        migrations.AddField(
            model_name="messagereview",
            name="due_at",
            field=models.DateTimeField(null=True, verbose_name="to decide by"),
        ),
        migrations.RunSQL(TRIGGER_OFF, TRIGGER_ON),
        migrations.RunPython(review_targets, migrations.RunPython.noop),
        migrations.RunSQL(TRIGGER_ON, TRIGGER_OFF),
        migrations.RunSQL(GUARD_TARGET, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="messagereview",
            name="due_at",
            field=models.DateTimeField(verbose_name="to decide by"),
        ),
        migrations.AlterModelOptions(
            name="messagereview",
            options={
                "ordering": ["created_at", "id"],
                "verbose_name": "message review",
                "verbose_name_plural": "messages in moderation",
            },
        ),
        migrations.RemoveIndex(model_name="messagereview", name="review_pending_recent"),
        migrations.AddIndex(
            model_name="messagereview",
            index=models.Index(
                condition=models.Q(("state", "pending")),
                fields=["created_at", "id"],
                name="review_pending_oldest",
            ),
        ),
    ]
