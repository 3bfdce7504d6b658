"""Month names as the date filter's "F" reads them (django.utils.dates.MONTHS), marked here so
that our catalogs can override Django's where Django's own is wrong for a language: Italian
and Romanian write months in lower case ("7 dicembre 2026", "7 decembrie 2026"), Django's
catalogs capitalise them. The other languages keep Django's words."""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
