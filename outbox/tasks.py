"""Thin tasks over outbox.sending: take ids, call one function, own their retries."""

from celery import shared_task

from outbox.sending import (
    notification_digests_send,
    notification_send,
    notifications_send_pending,
)


@shared_task(
    name="outbox.tasks.send_notifications",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_notifications(notification_ids: list[int]) -> None:
    for notification_id in notification_ids:
        notification_send(notification_id)


@shared_task(name="outbox.tasks.send_pending_notifications", ignore_result=True)
def send_pending_notifications() -> None:
    notifications_send_pending()


@shared_task(name="outbox.tasks.send_notification_digests", ignore_result=True)
def send_notification_digests() -> None:
    notification_digests_send()
