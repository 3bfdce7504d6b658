from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data (`seed_demo`) and benchmarks (`bench`): tools on top of every other app,
    imported by none."""

    name = "demo"
    verbose_name = _("Demo data and benchmarks")
