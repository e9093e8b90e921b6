"""`/healthz` shows the worker's and the scheduler's last heartbeat, so an operator
sees a stalled beat or a dead worker; the status code stays about database and broker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from config.celery import (
    BEAT_HEARTBEAT_KEY,
    WORKER_HEARTBEAT_KEY,
    WorkerHeartbeat,
    _beat_published,
    app,
    record_heartbeat,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_heartbeats():
    cache.delete_many([WORKER_HEARTBEAT_KEY, BEAT_HEARTBEAT_KEY])
    yield
    cache.delete_many([WORKER_HEARTBEAT_KEY, BEAT_HEARTBEAT_KEY])


def test_healthz_reports_unknown_heartbeats_and_stays_200(db):
    response = Client().get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["worker_heartbeat"] == {"last": None, "age_seconds": None, "status": "unknown"}
    assert body["beat_heartbeat"]["status"] == "unknown"


def test_healthz_reports_fresh_heartbeats_as_ok(db):
    record_heartbeat(WORKER_HEARTBEAT_KEY)
    record_heartbeat(BEAT_HEARTBEAT_KEY)

    body = Client().get("/healthz").json()

    assert body["worker_heartbeat"]["status"] == "ok"
    assert body["worker_heartbeat"]["age_seconds"] <= 5
    assert body["beat_heartbeat"]["status"] == "ok"
    assert body["beat_heartbeat"]["last"].endswith("+00:00")


def test_a_stalled_scheduler_shows_as_stale_but_keeps_healthz_200(db):
    cache.set(BEAT_HEARTBEAT_KEY, time.time() - 600, timeout=None)
    record_heartbeat(WORKER_HEARTBEAT_KEY)

    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json()["beat_heartbeat"]["status"] == "stale"
    assert response.json()["beat_heartbeat"]["age_seconds"] >= 600
    assert response.json()["worker_heartbeat"]["status"] == "ok"


def test_only_beat_publishing_counts_as_a_beat_heartbeat(db, monkeypatch):
    _beat_published(sender="config.beat_tick")
    assert cache.get(BEAT_HEARTBEAT_KEY) is None

    monkeypatch.setattr("config.celery._in_beat", True)
    _beat_published(sender="config.beat_tick")
    assert cache.get(BEAT_HEARTBEAT_KEY) is not None


def test_the_worker_heartbeat_starts_with_the_worker_and_repeats(db):
    class FakeTimer:
        def __init__(self):
            self.calls = []

        def call_repeatedly(self, seconds, fun, args):
            self.calls.append((seconds, fun, args))
            return self

        def cancel(self):
            self.cancelled = True

    class FakeWorker:
        timer = FakeTimer()

    step = WorkerHeartbeat.__new__(WorkerHeartbeat)
    step.tref = None
    step.start(FakeWorker)

    assert cache.get(WORKER_HEARTBEAT_KEY) is not None
    ((seconds, fun, args),) = FakeWorker.timer.calls
    assert seconds == 30.0 and args == (WORKER_HEARTBEAT_KEY,)
    step.stop(FakeWorker)
    assert FakeWorker.timer.cancelled


def test_beat_schedules_its_tick_and_the_outbox_drain():
    # In a fresh process, as `celery -A config beat` loads the app: inside the test
    # process a schedule added by a configure signal was seen, while the real beat
    # never had it (its heartbeat went stale, the outbox was never drained).
    code = (
        "from config import celery_app as app; "
        "print(' '.join(sorted(e['task'] for e in app.conf.beat_schedule.values())))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    tasks = set(result.stdout.split())

    assert {"config.beat_tick", "lib.tasks.drain_outbox"} <= tasks
    assert {"config.beat_tick", "lib.tasks.drain_outbox"} <= {
        entry["task"] for entry in app.conf.beat_schedule.values()
    }
