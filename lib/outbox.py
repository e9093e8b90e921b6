"""Keep task calls that could not reach the broker, and publish them once it is back.

Why an outbox and not a retry loop in the web process: a process can be restarted while
Redis is down, and the work (a convenant resync, a rescore after publishing a ruleset)
must not be lost with it. The row is in the same database as the change that asked for
the work. `ResilientTask` (every task's class) calls `outbox_add` when publishing fails;
the periodic `lib.tasks.drain_outbox` task calls `outbox_drain` every minute.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from .models import TaskOutbox

logger = logging.getLogger(__name__)
# Errors that mean "the broker cannot be reached" rather than "this call is wrong".
BROKER_DOWN = (BrokerError, ConnectionError, TimeoutError)

DRAIN_BATCH = 100


def outbox_add(*, task_name: str, args: list, kwargs: dict, error: str = "") -> bool:
    """Keep one task call; returns False when the same call is already waiting (beat
    pokes the same argument-less scan every few minutes while the broker is down)."""
    waiting = TaskOutbox.objects.filter(task_name=task_name, args=args, kwargs=kwargs)
    if waiting.exists():
        return False
    TaskOutbox.objects.create(
        task_name=task_name, args=args, kwargs=kwargs, last_error=error[:2000]
    )
    return True


def outbox_drain(*, publish: Callable[[str, list, dict], None], limit: int = DRAIN_BATCH) -> int:
    """Publish waiting calls oldest first; returns how many were published. Stops at the
    first failure (the broker is still down) and leaves that row for the next run.

    Rows are locked with SKIP LOCKED, so two workers draining at once never publish the
    same row twice; a row is deleted in the transaction that published it.
    """
    published = 0
    while published < limit:
        with transaction.atomic():
            row = TaskOutbox.objects.select_for_update(skip_locked=True).order_by("id").first()
            if row is None:
                return published
            try:
                publish(row.task_name, row.args, row.kwargs)
            except Exception as exc:  # noqa: BLE001 - any failure means "try again later"
                TaskOutbox.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=str(exc)[:2000]
                )
                return published
            row.delete()
        published += 1
    return published


def outbox_waiting() -> int:
    """How many task calls wait for the broker."""
    return TaskOutbox.objects.count()


class ResilientTask(DjangoTask):
    """A task whose message is kept in the outbox when the broker is down, so the
    request that asked for it neither fails nor loses the work. `config.celery` makes it
    the class of every task."""

    def apply_async(self, args=None, kwargs=None, **options):
        try:
            return super().apply_async(args, kwargs, **options)
        except BROKER_DOWN as exc:
            if self.app.conf.task_always_eager:
                raise
            outbox_add(
                task_name=self.name,
                args=list(args or ()),
                kwargs=dict(kwargs or {}),
                error=str(exc),
            )
            logger.warning("Broker unreachable; %s kept in the task outbox: %s", self.name, exc)
            return None
