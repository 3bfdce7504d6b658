from django import template

from sla.formats import format_hours, format_percent
from sla.models import Sanction
from sla.sanctions import sanction_reason

register = template.Library()


@register.filter
def percent(rate: float | None) -> str:
    """A rate 0..1 in the reader's language: "93%", "93 %" (sla.formats)."""
    return format_percent(rate)


@register.filter
def hours(value: float | None) -> str:
    """Business hours with one decimal in the reader's language: "8.1 h", "8,1 h"."""
    return format_hours(value)


@register.filter(name="sanction_reason")
def sanction_reason_filter(sanction: Sanction) -> str:
    """Why a sanction was applied, in the reader's language."""
    return sanction_reason(sanction)
