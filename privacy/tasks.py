"""Celery entry points of the privacy app; each one calls a plain function."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .breakglass import break_glass_expire
from .matrix import resync_all_open_cases
from .retention import retention_run


@shared_task(acks_late=True)
def resync_open_cases() -> int:
    """Re-apply the convenant matrix to all open cases (idempotent: safe to run twice)."""
    return resync_all_open_cases()


@shared_task(acks_late=True)
def expire_break_glass() -> int:
    """Remove expired break-the-glass grants (the access layer already ignores them)."""
    return break_glass_expire(now=timezone.now())


@shared_task(acks_late=True)
def retention_daily() -> int:
    """Anonymise cases closed longer than RETENTION_YEARS ago; returns how many."""
    return retention_run(now=timezone.now(), dry_run=False, triggered_by="celery").count
