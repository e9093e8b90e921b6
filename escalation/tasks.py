"""Celery tasks of the workflow. Reminders are database rows (notifications.Reminder),
so beat only has to poke this one task every 15 minutes; no eta/countdown scheduling."""

from __future__ import annotations

from celery import shared_task

from .reminders import send_due_reminders


@shared_task(acks_late=True)
def send_reminders_task() -> int:
    """Run the reminder scan; idempotent, so a redelivered message sends nothing twice."""
    return send_due_reminders()
