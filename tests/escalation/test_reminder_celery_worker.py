"""One real Celery worker (celery.contrib.testing) against Redis runs the beat task."""

from __future__ import annotations

import time

import pytest

from notifications.models import Reminder, ReminderKind


# Not serialized_rollback: after another transactional test flushed (recreating content
# types with new ids) reloading the serialized rows collides; the `demo` fixture
# restores the reference rows the data migrations shipped instead.
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_reminder_task_and_creates_reminders(redis_url, full_demo):
    from celery.contrib.testing.worker import start_worker
    from celery.result import EagerResult

    from config.celery import app
    from escalation.tasks import send_reminders_task

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.broker_url = redis_url
    app.conf.task_always_eager = False
    app._pool = None  # no connection pool left over from another broker
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = send_reminders_task.delay()
            assert not isinstance(result, EagerResult)  # really through Redis
            deadline = time.monotonic() + 30
            # Only the scan makes these (the demo's acute alert was made at seeding).
            scanned = Reminder.objects.exclude(kind=ReminderKind.ACUTE_AANMELDING)
            while not scanned.exists() and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        app.conf.update(saved)
        app._pool = None

    stuck = Reminder.objects.filter(
        kind=ReminderKind.HELD_TOO_LONG, case=full_demo.cases["DEMO-STAGNATIE"]
    )
    assert set(stuck.values_list("recipient__username", flat=True)) == {"wijkteam", "manager"}


def test_beat_runs_the_reminder_task_every_15_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-reminders"]

    assert entry["task"] == "escalation.tasks.send_reminders_task"
    assert entry["schedule"].minute == {0, 15, 30, 45}
