from django.contrib.admin.apps import AdminConfig


class ConsoleAdminConfig(AdminConfig):
    """django.contrib.admin with the platform's console site (core.admin.ConsoleSite)."""

    default_site = "core.admin.ConsoleSite"
