"""A message review is decided once: a trigger rejects deleting a review, changing what was
found, and changing a decision already taken (for every database user, like the messages
themselves, migration 0002)."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION helpdesk_review_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR NEW.message_id IS DISTINCT FROM OLD.message_id
       OR NEW.author_role IS DISTINCT FROM OLD.author_role
       OR NEW.action IS DISTINCT FROM OLD.action
       OR NEW.kinds IS DISTINCT FROM OLD.kinds
       OR NEW.findings IS DISTINCT FROM OLD.findings
       OR NEW.masked_text IS DISTINCT FROM OLD.masked_text
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR OLD.state <> 'pending' THEN
        RAISE EXCEPTION 'a message review is decided once: % refused', TG_OP
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER helpdesk_messagereview_decided_once
    BEFORE UPDATE OR DELETE ON helpdesk_messagereview
    FOR EACH ROW EXECUTE FUNCTION helpdesk_review_decided_once();
"""

BACKWARD = """
DROP TRIGGER helpdesk_messagereview_decided_once ON helpdesk_messagereview;
DROP FUNCTION helpdesk_review_decided_once();
"""


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0004_message_review")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
