from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import Market, Order


class MarketChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Market) -> str:
        return f"{obj.code} · {obj.display_name}"


class SellerOrderFilterForm(forms.Form):
    """The filters of a seller's order list; every value stays in the URL."""

    q = forms.CharField(
        label=_("Order number"),
        required=False,
        max_length=20,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. 2026-104-0042")}),
    )
    market = MarketChoiceField(
        label=_("Market"), queryset=Market.objects.all(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Order.Status.choices], required=False
    )
    seller = forms.ChoiceField(label=_("Seller"), required=False)

    def __init__(self, *args, sellers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sellers = sellers
        if len(sellers) > 1:
            field = self.fields["seller"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("All")), *((s.slug, s.company_name) for s in sellers)]
        else:
            del self.fields["seller"]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(number__icontains=data["q"].strip())
        if data.get("market"):
            queryset = queryset.filter(market=data["market"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("seller"):
            queryset = queryset.filter(seller__slug=data["seller"])
        return queryset
