"""The outbox drain, run by beat every minute (config.celery)."""

from __future__ import annotations

from celery import current_app, shared_task

from .outbox import outbox_drain


def _publish(name: str, args: list, kwargs: dict) -> None:
    # send_task, not the task's apply_async: a failure must reach outbox_drain (which
    # keeps the row and stops), not be turned into a second outbox row.
    current_app.send_task(name, args=args, kwargs=kwargs)


@shared_task(ignore_result=True)
def drain_outbox() -> int:
    """Publish task calls kept while the broker was down; returns how many."""
    return outbox_drain(publish=_publish)
