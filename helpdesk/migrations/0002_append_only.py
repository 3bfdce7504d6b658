"""Messages and attachments are append-only for every database user, the application's
included: a trigger rejects any UPDATE or DELETE of their rows.

Only a table's owner (or the superuser) can disable or drop a trigger, so migrations run as
the owner and the application as a role that owns nothing (README, "Database roles")."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION helpdesk_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'History is never edited; post a new message instead.';
END;
$$;

CREATE TRIGGER helpdesk_message_append_only
    BEFORE UPDATE OR DELETE ON helpdesk_message
    FOR EACH ROW EXECUTE FUNCTION helpdesk_reject_change();

CREATE TRIGGER helpdesk_attachment_append_only
    BEFORE UPDATE OR DELETE ON helpdesk_attachment
    FOR EACH ROW EXECUTE FUNCTION helpdesk_reject_change();
"""

BACKWARD = """
DROP TRIGGER helpdesk_attachment_append_only ON helpdesk_attachment;
DROP TRIGGER helpdesk_message_append_only ON helpdesk_message;
DROP FUNCTION helpdesk_reject_change();
"""


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
