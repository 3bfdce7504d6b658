from babel import Locale
from babel.dates import get_timezone_location
from django import template

from core.locale import reader_locale

register = template.Library()


@register.filter
def own_name(code: str) -> str:
    """A language's name in that language, as its speakers write it at the start of a menu
    item (CLDR): "Čeština", "Slovenčina", "Magyar" (Django's own list says "česky")."""
    name = str(Locale.parse(code).languages.get(code, code))
    return name[:1].upper() + name[1:]


@register.filter
def zone_city(zone: str) -> str:
    """A time zone as its city, in the reader's language (CLDR): "Europe/Warsaw" reads
    "Warsaw", "Warszawa", "Varsovie"."""
    return str(get_timezone_location(zone, locale=reader_locale(), return_city=True))
