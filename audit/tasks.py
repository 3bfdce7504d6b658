from celery import shared_task

from audit.services import staff_access_purge


@shared_task(name="audit.tasks.purge_access_log", ignore_result=True)
def purge_access_log() -> None:
    staff_access_purge()
