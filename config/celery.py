"""The Celery app: tasks that survive a broker outage (lib.outbox), and heartbeats of
the worker and of beat for `/healthz`.

Heartbeats are timestamps in the Django cache (Redis in production, shared by web,
worker and beat; `make run` shares a file cache). With a cache per process `/healthz` of
the web process cannot see them and reports them as unknown. Beat's tick is in the static
schedule of settings.CELERY_BEAT_SCHEDULE (`add_periodic_task` in an `on_after_configure`
handler never reached the schedule of the `celery beat` command).
"""

from __future__ import annotations

import logging
import os
import time

from celery import Celery, bootsteps
from celery.signals import beat_init, before_task_publish
from django.core.cache import cache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)

WORKER_HEARTBEAT_KEY = "schakel:heartbeat:worker"
BEAT_HEARTBEAT_KEY = "schakel:heartbeat:beat"
WORKER_HEARTBEAT_EVERY = 30.0


# A string: lib.outbox needs the app registry, which is not ready when settings import
# this module; Celery resolves it when the first task is bound.
app = Celery("schakel", task_cls="lib.outbox:ResilientTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def record_heartbeat(key: str) -> None:
    """Store now as the last sign of life under `key`; a cache outage is only logged."""
    try:
        cache.set(key, time.time(), timeout=None)
    except Exception as exc:  # noqa: BLE001 - a heartbeat must never stop its process
        logger.warning("Could not record heartbeat %s: %s", key, exc)


def last_heartbeat(key: str) -> float | None:
    """The epoch seconds stored by `record_heartbeat`, or None when unknown."""
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - healthz reports it as unknown
        return None
    return float(value) if value is not None else None


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Every WORKER_HEARTBEAT_EVERY seconds, from the worker's own timer (not a task, so
    a full queue does not make a live worker look dead)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.tref = None

    def start(self, worker):
        record_heartbeat(WORKER_HEARTBEAT_KEY)
        self.tref = worker.timer.call_repeatedly(
            WORKER_HEARTBEAT_EVERY, record_heartbeat, (WORKER_HEARTBEAT_KEY,)
        )

    def stop(self, worker):
        if self.tref is not None:
            self.tref.cancel()


app.steps["worker"].add(WorkerHeartbeat)

_in_beat = False


@beat_init.connect
def _beat_started(sender=None, **kwargs) -> None:
    global _in_beat
    _in_beat = True
    record_heartbeat(BEAT_HEARTBEAT_KEY)


@before_task_publish.connect
def _beat_published(sender=None, **kwargs) -> None:
    # Beat publishes beat_tick every minute: each publication is a sign of life of the
    # scheduler itself, whether or not a worker is there to run it.
    if _in_beat:
        record_heartbeat(BEAT_HEARTBEAT_KEY)


@app.task(name="config.beat_tick", ignore_result=True)
def beat_tick() -> None:
    """Nothing to do: beat publishing it is the heartbeat (see `_beat_published`)."""
