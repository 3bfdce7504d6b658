"""The ten markets of PRODUCT.md, and the database rule that an order is paid in its
market's currency."""

from django.db import migrations

MARKETS = [
    # code, name, country (holidays), time zone, currency, language
    ("FR", "France", "FR", "Europe/Paris", "EUR", "fr"),
    ("DE", "Germany", "DE", "Europe/Berlin", "EUR", "de"),
    ("AT", "Austria", "AT", "Europe/Vienna", "EUR", "de"),
    ("PL", "Poland", "PL", "Europe/Warsaw", "PLN", "pl"),
    ("CZ", "Czechia", "CZ", "Europe/Prague", "CZK", "cs"),
    ("SK", "Slovakia", "SK", "Europe/Bratislava", "EUR", "sk"),
    ("HU", "Hungary", "HU", "Europe/Budapest", "HUF", "hu"),
    ("RO", "Romania", "RO", "Europe/Bucharest", "RON", "ro"),
    ("ES", "Spain", "ES", "Europe/Madrid", "EUR", "es"),
    ("IT", "Italy", "IT", "Europe/Rome", "EUR", "it"),
]


def create_markets(apps, schema_editor):
    Market = apps.get_model("orders", "Market")
    for code, name, country, time_zone, currency, language in MARKETS:
        Market.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "country": country,
                "time_zone": time_zone,
                "currency": currency,
                "language": language,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.RunPython(create_markets, migrations.RunPython.noop),
        # Django has no composite foreign keys yet: (market, currency) must name an existing
        # market with that currency. Changing a market's currency later (a country adopting
        # the euro) means a new market row, not a rewrite of historical orders.
        migrations.RunSQL(
            """
            ALTER TABLE orders_order
              ADD CONSTRAINT order_currency_is_market_currency
              FOREIGN KEY (market_id, currency) REFERENCES orders_market (code, currency);
            """,
            "ALTER TABLE orders_order DROP CONSTRAINT order_currency_is_market_currency;",
        ),
    ]
