from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import EstimatedCountPaginator
from orders.models import Market, Order, OrderLine, Shipment


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country", "time_zone", "currency", "language"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0


class ShipmentInline(admin.TabularInline):
    model = Shipment
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "placed_at",
        "market",
        "seller",
        "buyer",
        "status",
        "total",
        "currency",
    ]
    list_filter = ["status", "market", "seller"]
    list_select_related = ["market", "seller", "buyer"]
    search_fields = ["=number", "buyer__email", "seller__company_name"]
    raw_id_fields = ["buyer", "seller"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]
    inlines = [OrderLineInline, ShipmentInline]
    readonly_fields = ["conversations"]

    @admin.display(description=_("conversations"))
    def conversations(self, obj: Order) -> str:
        """Each conversation about the order, opened on its evidence page."""
        threads = obj.threads.order_by("created_at", "id")
        rows = [
            (reverse("admin:helpdesk_thread_change", args=[t.pk]), t.get_topic_display(), t.pk)
            for t in threads
        ]
        if not rows:
            return "—"
        return format_html_join(", ", '<a href="{}">{} #{}</a>', rows)


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["order", "carrier", "tracking_number", "shipped_at", "estimated_delivery"]
    list_filter = ["carrier"]
    list_select_related = ["order"]
    search_fields = ["=tracking_number", "=order__number"]
    raw_id_fields = ["order"]
