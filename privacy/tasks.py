"""Celery entry points of the privacy app; each one calls a plain function."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def resync_open_cases() -> int:
    """Re-apply the convenant matrix to all open cases (idempotent: safe to run twice)."""
    from .matrix import resync_all_open_cases

    return resync_all_open_cases()


@shared_task(acks_late=True)
def expire_break_glass() -> int:
    """Remove expired break-the-glass grants (the access layer already ignores them)."""
    from .breakglass import break_glass_expire

    return break_glass_expire(now=timezone.now())


@shared_task(acks_late=True)
def retention_daily() -> int:
    """Anonymise cases closed longer than RETENTION_YEARS ago; returns how many."""
    from .retention import retention_run

    return retention_run(now=timezone.now(), dry_run=False, triggered_by="celery").count
