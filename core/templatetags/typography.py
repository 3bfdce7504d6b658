from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def colon(label: object) -> str:
    """`label` followed by a colon, as the reader's language writes it: "Carrier:" in
    English, "Transporteur :" (a no-break space before the colon) in French. For templates
    that put a label before a value outside a translated sentence."""
    return pgettext("a label before its value", "%(label)s:") % {"label": label}
