from django import template

from helpdesk.status_updates import StatusCard, status_card

register = template.Library()


@register.filter(name="status_card")
def status_card_filter(data: dict) -> StatusCard:
    return status_card(data)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
