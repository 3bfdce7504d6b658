from babel import Locale
from django import template

register = template.Library()


@register.filter
def own_name(code: str) -> str:
    """A language's name in that language, as its speakers write it at the start of a menu
    item (CLDR): "Čeština", "Slovenčina", "Magyar" (Django's own list says "česky")."""
    name = str(Locale.parse(code).languages.get(code, code))
    return name[:1].upper() + name[1:]
