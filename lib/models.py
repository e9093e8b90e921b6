"""The task outbox: Celery messages that could not reach the broker, kept until they can."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class TaskOutbox(models.Model):
    """One task call whose publication failed (broker down). `lib.outbox` adds and
    drains these rows; every task that can land here is idempotent, so a call that
    reaches the worker twice (published, then drained again) does no harm."""

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_name} ({self.created_at:%d-%m-%Y %H:%M})"
