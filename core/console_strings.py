"""Strings of the admin console that come from Django and django-axes but are missing from
their catalogs in some of our languages (Django 5.2's new navigation labels; axes has no
Czech, Slovak, Hungarian, Romanian, Spanish or Italian). Marked here, they are in our
catalogs, which take precedence: staff read the whole console in their language."""

from django.utils.translation import gettext_noop

CONSOLE_STRINGS = (
    # django.contrib.admin (index and sidebar, screen-reader labels)
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Model name"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Skip to main content"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    # django.contrib.auth (a user's page)
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    # axes.models (the log-in lockout's records)
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
)
