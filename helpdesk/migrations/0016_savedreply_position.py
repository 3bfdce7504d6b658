"""Saved replies get an explicit order, and the sellers that have none get the defaults.

The existing replies keep the order they were shown in (by title). Every seller without a
saved reply receives the defaults in its market's language, as a seller created from now on
does (`saved_reply_create_defaults`): until now sellers started with none, so having none
means never having had any."""

from django.db import migrations, models

from helpdesk.saved_replies import default_replies, seller_language


def number_and_fill(apps, schema_editor):
    db = schema_editor.connection.alias
    SavedReply = apps.get_model("helpdesk", "SavedReply")
    Seller = apps.get_model("accounts", "Seller")
    position: dict[int, int] = {}
    changed = []
    for reply in SavedReply.objects.using(db).order_by("seller_id", "title", "id"):
        reply.position = position.get(reply.seller_id, 0)
        position[reply.seller_id] = reply.position + 1
        changed.append(reply)
    SavedReply.objects.using(db).bulk_update(changed, ["position"], batch_size=1000)
    new = [
        SavedReply(seller_id=seller.pk, title=title, body=body, position=index)
        for seller in Seller.objects.using(db).filter(saved_replies__isnull=True)
        for index, (title, body) in enumerate(default_replies(seller_language(seller.country)))
    ]
    SavedReply.objects.using(db).bulk_create(new, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("helpdesk", "0015_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="savedreply",
            name="position",
            field=models.PositiveIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AlterModelOptions(
            name="savedreply",
            options={
                "ordering": ["position", "id"],
                "verbose_name": "saved reply",
                "verbose_name_plural": "saved replies",
            },
        ),
        migrations.RunPython(number_and_fill, migrations.RunPython.noop),
    ]
