"""Celery tasks for notification e-mail. Both claim rows with a conditional update, so
a redelivered message sends nothing twice."""

from __future__ import annotations

from celery import shared_task

from .mail import mail_digests, mail_immediate


@shared_task(acks_late=True)
def send_notification_emails(*, kind: str, object_type: str, object_id: int, event_key: str) -> int:
    """E-mail one hand-off to the recipients who want it at once (queued after commit)."""
    return mail_immediate(
        kind=kind, object_type=object_type, object_id=object_id, event_key=event_key
    )


@shared_task(acks_late=True)
def send_notification_digests() -> int:
    """The daily overviews whose hour has come (beat runs this every 15 minutes)."""
    return mail_digests()
