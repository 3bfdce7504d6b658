"""The platform staff's roles, as groups with explicit permissions (README, "Roles"). A staff
member in none of them sees nothing in the admin; superusers see everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = [
    "helpdesk.view_thread",
    "helpdesk.view_message",
    "helpdesk.view_attachment",
    "helpdesk.view_messagereview",
    "helpdesk.view_historycheck",
    "orders.view_order",
    "orders.view_shipment",
    "orders.view_market",
    "accounts.view_seller",
    "accounts.view_sellermember",
    "sla.view_responseclock",
    "sla.view_clockexemption",
    "sla.view_sanction",
    "sla.view_sanctionappeal",
]
ROLES = {
    # Reads conversations, orders and sellers; decides nothing.
    "Auditor": READ,
    # Decides moderation (and, as they come, platform messages and escalations).
    "Moderator": [*READ, "helpdesk.change_messagereview"],
    # Applies, extends and lifts sanctions, decides appeals, revokes exemptions.
    "Sanctions manager": [
        *READ,
        "sla.add_sanction",
        "sla.change_sanction",
        "sla.change_sanctionappeal",
        "sla.change_clockexemption",
    ],
}


def create_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally created after the last migration: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.using(db).get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


def remove_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("auth", "Group").objects.using(db).filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0011_message_history_chain"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0004_seller_service_score"),
        ("orders", "0002_markets"),
        ("sla", "0005_sanction_cause_figures_appeals"),
        ("audit", "0001_staff_access"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
