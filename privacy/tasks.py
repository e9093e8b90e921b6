"""Celery entry points of the privacy app; each one calls a plain function."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from lib.locks import one_run_at_a_time

from .breakglass import break_glass_expire
from .matrix import RESYNC_BATCH, resync_all_open_cases
from .retention import retention_run


# A resync whose worker is killed is delivered again (reject_on_worker_lost) and simply
# runs again: it makes each case's grants what the current matrix gives, batch by batch.
# one_run_at_a_time: a run keeps the matrix it read at its start, so a run queued by a
# later change must not finish before it (it would leave grants of the older matrix).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def resync_open_cases(batch_size: int = RESYNC_BATCH) -> int:
    """Re-apply the convenant matrix to all open cases (idempotent: safe to run twice)."""
    with one_run_at_a_time("privacy.resync_open_cases"):
        return resync_all_open_cases(batch_size=batch_size)


@shared_task(acks_late=True)
def expire_break_glass() -> int:
    """Remove expired break-the-glass grants (the access layer already ignores them)."""
    return break_glass_expire(now=timezone.now())


@shared_task(acks_late=True)
def retention_daily() -> int:
    """Anonymise cases closed longer than RETENTION_YEARS ago; returns how many."""
    return retention_run(now=timezone.now(), dry_run=False, triggered_by="celery").count
