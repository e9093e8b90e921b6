"""Broker down: a task call is kept in the outbox, not lost and not a 500; the drain
publishes it once the broker is back (lib.outbox)."""

from __future__ import annotations

import pytest

from lib.models import TaskOutbox
from lib.outbox import outbox_drain
from privacy.tasks import resync_open_cases
from triage.tasks import rescore_open_cases

from .conftest import free_port


@pytest.fixture
def broker_down(broker_at):
    broker_at(f"redis://127.0.0.1:{free_port()}/0")


def test_a_call_is_kept_when_the_broker_cannot_be_reached(db, broker_down):
    result = rescore_open_cases.delay(ruleset_name="v2")

    assert result is None
    row = TaskOutbox.objects.get()
    assert row.task_name == rescore_open_cases.name
    assert row.kwargs == {"ruleset_name": "v2"}
    assert row.last_error


def test_the_same_call_waits_only_once(db, broker_down):
    resync_open_cases.delay()
    resync_open_cases.delay()
    rescore_open_cases.delay(ruleset_name="v2")

    assert TaskOutbox.objects.count() == 2


def test_the_drain_keeps_a_row_while_publishing_still_fails(db, broker_down):
    resync_open_cases.delay()

    def refuse(name, args, kwargs):
        raise ConnectionRefusedError("still down")

    assert outbox_drain(publish=refuse) == 0
    row = TaskOutbox.objects.get()
    assert row.attempts == 1
    assert "still down" in row.last_error


def test_the_drain_publishes_oldest_first_and_forgets_what_it_sent(db, broker_down):
    resync_open_cases.delay()
    rescore_open_cases.delay(ruleset_name="v2")
    sent = []

    published = outbox_drain(publish=lambda name, args, kwargs: sent.append((name, kwargs)))

    assert published == 2
    assert sent == [
        (resync_open_cases.name, {}),
        (rescore_open_cases.name, {"ruleset_name": "v2"}),
    ]
    assert not TaskOutbox.objects.exists()


def test_eager_mode_still_raises_real_task_errors(db, settings):
    # Tests run tasks eagerly; the outbox only catches broker errors, never a task's own.
    with pytest.raises(ValueError):
        rescore_open_cases.delay(ruleset_name="bestaat-niet")
