from celery import shared_task

from helpdesk.history import history_verify
from helpdesk.summary import daily_summary_send


@shared_task(name="helpdesk.tasks.daily_summary", ignore_result=True)
def daily_summary() -> None:
    daily_summary_send()


@shared_task(name="helpdesk.tasks.verify_history", ignore_result=True)
def verify_history() -> None:
    history_verify()
