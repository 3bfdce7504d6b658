from __future__ import annotations

from urllib.parse import quote
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import SellerMember, User, country_name
from orders.money import Money


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Market(models.Model):
    """A country the marketplace sells in: its time zone, holidays, currency and language.

    Markets are data, created by a data migration; code never branches on a market.
    """

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    country = models.CharField(_("country"), max_length=2)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    currency = models.CharField(_("currency"), max_length=3)
    language = models.CharField(_("language"), max_length=8)

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["code"]
        constraints = [
            # Target of the (market, currency) foreign key on orders.
            models.UniqueConstraint(fields=["code", "currency"], name="market_code_currency"),
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="market_code"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="market_currency_iso"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def display_name(self) -> str:
        """The country's name in the reader's language (from CLDR), e.g. "Allemagne"."""
        return country_name(self.country)


class OrderQuerySet(models.QuerySet["Order"]):
    def visible_to(self, user: User) -> OrderQuerySet:
        """Orders `user` may open in the site: bought by them, or sold by a seller they work for.

        Platform staff see orders in the admin, not here.
        """
        if not user.is_authenticated:
            return self.none()
        seller_ids = SellerMember.objects.filter(user=user).values("seller_id")
        return self.filter(Q(buyer=user) | Q(seller_id__in=seller_ids))


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("order number"), max_length=20, unique=True)
    buyer = models.ForeignKey(
        User, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="orders"
    )
    seller = models.ForeignKey(
        "accounts.Seller", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="orders"
    )
    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="orders"
    )
    # Always the market's currency: enforced by a composite foreign key (migration 0002).
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLACED
    )
    subtotal = models.DecimalField(_("items"), max_digits=12, decimal_places=2)
    shipping_cost = models.DecimalField(_("shipping"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    delivery_name = models.CharField(_("recipient"), max_length=150)
    delivery_line1 = models.CharField(_("address"), max_length=200)
    delivery_line2 = models.CharField(_("address (continued)"), max_length=200, blank=True)
    delivery_postal_code = models.CharField(_("postal code"), max_length=16)
    delivery_city = models.CharField(_("city"), max_length=100)
    delivery_country = models.CharField(_("country"), max_length=2)
    placed_at = models.DateTimeField(_("placed at"), default=timezone.now)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-placed_at", "-id"]
        indexes = [
            models.Index(fields=["buyer", "-placed_at", "-id"], name="order_buyer_recent"),
            models.Index(fields=["seller", "-placed_at", "-id"], name="order_seller_recent"),
            models.Index(fields=["seller", "market", "status"], name="order_seller_filters"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=models.F("subtotal") + models.F("shipping_cost")),
                name="order_total_is_sum",
            ),
            models.CheckConstraint(
                condition=Q(subtotal__gte=0, shipping_cost__gte=0), name="order_amounts_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["placed", "shipped", "delivered", "cancelled"]),
                name="order_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.market_id and self.currency != self.market.currency:
            raise ValidationError({"currency": _("An order is paid in its market's currency.")})

    @property
    def subtotal_money(self) -> Money:
        return Money(self.subtotal, self.currency)

    @property
    def shipping_money(self) -> Money:
        return Money(self.shipping_cost, self.currency)

    @property
    def total_money(self) -> Money:
        return Money(self.total, self.currency)

    @property
    def delivery_country_name(self) -> str:
        return country_name(self.delivery_country)


class OrderLine(models.Model):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    sku = models.CharField(_("SKU"), max_length=40)
    title = models.CharField(_("product"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position"]
        constraints = [
            models.UniqueConstraint(fields=["order", "position"], name="orderline_position"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="orderline_quantity"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="orderline_price"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"

    @property
    def unit_money(self) -> Money:
        return Money(self.unit_price, self.order.currency)

    @property
    def total_money(self) -> Money:
        return self.unit_money * self.quantity


class Carrier(models.TextChoices):
    # value, label; the tracking page of each is in CARRIER_TRACKING_URLS.
    COLISSIMO = "colissimo", "Colissimo"
    CHRONOPOST = "chronopost", "Chronopost"
    DHL = "dhl", "DHL"
    DPD = "dpd", "DPD"
    GLS = "gls", "GLS"
    UPS = "ups", "UPS"
    INPOST = "inpost", "InPost"
    PACKETA = "packeta", "Packeta"
    POSTE_ITALIANE = "poste_italiane", "Poste Italiane"
    CORREOS = "correos", "Correos"
    OTHER = "other", _("Other carrier")


CARRIER_TRACKING_URLS = {
    Carrier.COLISSIMO: "https://www.laposte.fr/outils/suivre-vos-envois?code={}",
    Carrier.CHRONOPOST: "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={}",
    Carrier.DHL: "https://www.dhl.com/global-en/home/tracking.html?tracking-id={}",
    Carrier.DPD: "https://tracking.dpd.de/status/en_US/parcel/{}",
    Carrier.GLS: "https://gls-group.com/track/{}",
    Carrier.UPS: "https://www.ups.com/track?tracknum={}",
    Carrier.INPOST: "https://inpost.pl/sledzenie-przesylek?number={}",
    Carrier.PACKETA: "https://tracking.packeta.com/en/?id={}",
    Carrier.POSTE_ITALIANE: "https://www.poste.it/cerca/index.html#/risultati-spedizioni/{}",
    Carrier.CORREOS: "https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={}",
}


class Shipment(models.Model):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="shipments"
    )
    carrier = models.CharField(_("carrier"), max_length=20, choices=Carrier.choices)
    tracking_number = models.CharField(_("tracking number"), max_length=40)
    shipped_at = models.DateTimeField(_("shipped at"))
    estimated_delivery = models.DateField(_("estimated delivery"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["order", "shipped_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tracking_number=""), name="shipment_tracking_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_carrier_display()} {self.tracking_number}"

    @property
    def tracking_url(self) -> str:
        # A carrier of no known tracking page (one the choices do not hold, as a status
        # update's card shows it) has no link, rather than a page that fails.
        if self.carrier not in Carrier.values:
            return ""
        template = CARRIER_TRACKING_URLS.get(Carrier(self.carrier))
        return template.format(quote(self.tracking_number, safe="")) if template else ""
