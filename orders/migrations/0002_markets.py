"""The markets of orders/markets.py, and the database rule that an order is paid in its
market's currency."""

from django.db import migrations

from orders.markets import MARKETS


def create_markets(apps, schema_editor):
    """Create or update a row per market of the registry (also re-run by the tests after a
    flush, and by a later migration when a market is added), on the migration's connection."""
    Market = apps.get_model("orders", "Market")
    for market in MARKETS:
        Market.objects.using(schema_editor.connection.alias).update_or_create(
            code=market.code,
            defaults={
                "name": market.name,
                "country": market.country,
                "time_zone": market.time_zone,
                "currency": market.currency,
                "language": market.language,
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
