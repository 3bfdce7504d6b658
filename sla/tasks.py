from celery import shared_task

from sla.services import heartbeat_record


@shared_task(name="sla.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Beat's harmless periodic job: proves that beat schedules and a worker runs."""
    heartbeat_record(name="beat")
