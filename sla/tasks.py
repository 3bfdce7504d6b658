from celery import shared_task

from sla.performance import sellers_nightly
from sla.services import heartbeat_record
from sla.sweep import sla_sweep


@shared_task(name="sla.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Beat's harmless periodic job: proves that beat schedules and a worker runs."""
    heartbeat_record(name="beat")


@shared_task(name="sla.tasks.sweep", ignore_result=True)
def sweep() -> None:
    sla_sweep()
    heartbeat_record(name="sla-sweep")


@shared_task(name="sla.tasks.nightly", ignore_result=True)
def nightly() -> None:
    sellers_nightly()
    heartbeat_record(name="sla-nightly")
