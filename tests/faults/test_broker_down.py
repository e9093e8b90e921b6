"""Broker (Redis) down: pages keep working, the convenant change is saved and its resync
waits in the outbox; once the broker is back the drain publishes it and a worker runs it."""

from __future__ import annotations

import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from config.celery import WORKER_HEARTBEAT_KEY, app, last_heartbeat
from lib.models import TaskOutbox
from lib.tasks import drain_outbox
from privacy.models import SharingRuleChange
from privacy.tasks import resync_open_cases
from tests.privacy.test_convenant_ui import _default_cells, confirm_change

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
BOUND = 30.0


def test_pages_work_and_the_resync_survives_a_broker_outage(
    demo, own_redis, broker_at, django_capture_on_commit_callbacks
):
    broker_at(own_redis.url)
    own_redis.stop()

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_change(
            demo.client_for("privacy"), _default_cells(politie=("zorg", True))
        )
    assert response.status_code == 302
    assert SharingRuleChange.objects.exists()
    assert demo.client_for("wijkteam").get("/cases/").status_code == 200
    assert demo.client_for("wijkteam").get("/healthz").status_code == 503
    assert list(TaskOutbox.objects.values_list("task_name", flat=True)) == [resync_open_cases.name]

    own_redis.start()
    assert drain_outbox() == 1, list(TaskOutbox.objects.values_list("last_error", flat=True))
    assert not TaskOutbox.objects.exists()
    queue = redis.Redis.from_url(own_redis.url)
    assert queue.llen("celery") == 1

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deadline = time.monotonic() + BOUND
        while queue.llen("celery") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert last_heartbeat(WORKER_HEARTBEAT_KEY) is not None
    assert queue.llen("celery") == 0
