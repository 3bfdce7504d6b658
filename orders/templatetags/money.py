from decimal import Decimal

from django import template

from orders.money import Money, format_money

register = template.Library()


@register.filter(name="money")
def money_filter(value: Money | Decimal | None, currency: str | None = None) -> str:
    """`{{ order.total_money|money }}` or `{{ amount|money:"EUR" }}`, in the reader's language."""
    if value is None or value == "":
        return ""
    if isinstance(value, Money):
        return format_money(value.amount, value.currency)
    if not currency:
        raise template.TemplateSyntaxError("money needs a currency for a bare amount")
    return format_money(Decimal(value), currency)
