from django.db import migrations


def to_steps(apps, schema_editor):
    """Explanations stored as English sentences become the steps they were written from, so
    that each reader reads them in their language. Only where the steps recomputed now give
    exactly the stored sentences (nothing is lost); any other stays as stored."""
    from sla.calendar import deadline_steps, english_step

    db = schema_editor.connection.alias
    ResponseClock = apps.get_model("sla", "ResponseClock")
    changed = []
    clocks = ResponseClock.objects.using(db).exclude(explanation=[]).only(
        "id", "opened_at", "market_id", "explanation"
    )
    for clock in clocks.iterator(chunk_size=2000):
        stored = clock.explanation
        if not stored or not all(isinstance(line, str) for line in stored):
            continue
        steps = deadline_steps(clock.opened_at, clock.market_id)
        if [english_step(step) for step in steps] == stored:
            clock.explanation = steps
            changed.append(clock)
        if len(changed) >= 2000:
            ResponseClock.objects.using(db).bulk_update(changed, ["explanation"])
            changed.clear()
    ResponseClock.objects.using(db).bulk_update(changed, ["explanation"])


class Migration(migrations.Migration):
    dependencies = [
        ("sla", "0008_verbose_names"),
    ]

    operations = [migrations.RunPython(to_steps, migrations.RunPython.noop)]
