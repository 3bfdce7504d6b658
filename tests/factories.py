import io
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Seller, SellerMember, User
from helpdesk.uploads import Upload
from orders.models import Carrier, Market, Order
from orders.services import Address, LineSpec, order_place, shipment_add

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")
    preferred_language = "en"
    market = factory.LazyFunction(lambda: Market.objects.get(code="FR"))

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller

    company_name = factory.Sequence(lambda n: f"Seller {n} SAS")
    slug = factory.Sequence(lambda n: f"seller-{n}")
    country = "FR"


class SellerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SellerMember

    user = factory.SubFactory(UserFactory)
    seller = factory.SubFactory(SellerFactory)
    role = SellerMember.Role.AGENT


def make_order(
    *,
    buyer: User,
    seller: Seller,
    market_code: str = "FR",
    number: str | None = None,
    prices: tuple[str, ...] = ("19.99",),
    shipping: str = "4.90",
    placed_at=None,
    shipped: bool = False,
) -> Order:
    """An order through the real service, so totals are computed as in production."""
    market = Market.objects.get(code=market_code)
    make_order.counter += 1
    order = order_place(
        number=number or f"T-{make_order.counter:06d}",
        buyer=buyer,
        seller=seller,
        market=market,
        lines=[
            LineSpec(sku=f"SKU-{i}", title=f"Product {i}", quantity=i, unit_price=Decimal(price))
            for i, price in enumerate(prices, start=1)
        ],
        shipping_cost=Decimal(shipping),
        address=Address(
            name=buyer.name,
            line1="1 Main Street",
            postal_code="75001",
            city="Paris",
            country=market.country,
        ),
        placed_at=placed_at,
    )
    if shipped:
        shipment_add(
            order=order,
            carrier=Carrier.COLISSIMO,
            tracking_number="6A12345678901",
            shipped_at=timezone.now(),
            estimated_delivery=(timezone.now() + timedelta(days=3)).date(),
        )
    return order


make_order.counter = 0


def png_bytes(size: tuple[int, int] = (8, 8), fmt: str = "PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


def png_upload(name: str = "photo.png") -> Upload:
    return Upload(name=name, content_type="image/png", content=png_bytes())


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer reads `text` (Helvetica, ASCII)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=400, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 100 Td ({escaped}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
