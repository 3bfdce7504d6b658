from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ConsoleAdminConfig(AdminConfig):
    """django.contrib.admin with the platform's console site (core.admin.ConsoleSite)."""

    default_site = "core.admin.ConsoleSite"


class CoreConfig(AppConfig):
    """The project's own machinery: `migrate` as the tables' owner, and what the
    application's database role may do (core/migrations)."""

    name = "core"
    verbose_name = "Core"
