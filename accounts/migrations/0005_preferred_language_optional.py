import accounts.models
from django.db import migrations, models


def forget_default_english(apps, schema_editor):
    # "en" was the field's default, not a choice anyone made: until now nobody could pick
    # their market's language (only English and French were offered). Those users now read
    # their market's language until they choose otherwise.
    User = apps.get_model("accounts", "User")
    users = User.objects.using(schema_editor.connection.alias)
    users.filter(preferred_language="en").update(preferred_language="")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_seller_service_score"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="preferred_language",
            field=models.CharField(
                blank=True,
                choices=accounts.models.language_choices,
                default="",
                help_text="Empty: the language of the person's market.",
                max_length=8,
                verbose_name="preferred language",
            ),
        ),
        migrations.RunPython(forget_default_english, migrations.RunPython.noop),
    ]
