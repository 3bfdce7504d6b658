"""The Celery application and the beat schedule (defined here, once, in code)."""

import os
from datetime import timedelta

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("helpdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _prepare(sender: Celery, **kwargs: object) -> None:
    from django.conf import settings

    # kombu's filesystem transport crashes on missing folders instead of creating them.
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)

    from celery.schedules import crontab

    sender.conf.beat_schedule = {
        "sla-sweep": {"task": "sla.tasks.sweep", "schedule": timedelta(minutes=1)},
        "sla-nightly": {"task": "sla.tasks.nightly", "schedule": crontab(hour=2, minute=15)},
        "purge-access-log": {
            "task": "audit.tasks.purge_access_log",
            "schedule": crontab(hour=3, minute=45),
        },
        "verify-history": {
            "task": "helpdesk.tasks.verify_history",
            "schedule": crontab(hour=3, minute=30),
        },
        "sla-daily-summary": {
            "task": "helpdesk.tasks.daily_summary",
            "schedule": crontab(hour=6, minute=30),
        },
        "notifications-retry": {
            "task": "outbox.tasks.send_pending_notifications",
            "schedule": timedelta(minutes=1),
        },
        "notifications-digest": {
            "task": "outbox.tasks.send_notification_digests",
            "schedule": crontab(minute=0),
        },
        "heartbeat": {
            "task": "sla.tasks.heartbeat",
            "schedule": timedelta(seconds=settings.HEARTBEAT_SECONDS),
            "options": {"expires": settings.HEARTBEAT_SECONDS},
        },
    }
