"""Two scans at the same moment on PostgreSQL: every reminder and e-mail exactly once."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connections

from escalation.reminders import send_due_reminders
from notifications.models import Reminder, ReminderKind
from tests.escalation.reminder_helpers import add_due_cases, at, expected_lines, mailed_lines


def run_concurrently(moment, runs: int = 2) -> list[int]:
    barrier = threading.Barrier(runs)
    results: list[int] = []
    errors: list[BaseException] = []

    def scan() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(send_due_reminders(now=moment))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


# Not serialized_rollback: after another transactional test flushed (recreating content
# types with new ids) reloading the serialized rows collides; the `demo` fixture
# restores the reference rows the data migrations shipped instead.
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_create_and_mail_each_reminder_once(postgres_only, full_demo):
    add_due_cases(full_demo, 5)

    for days in (0, 7, 14):
        results = run_concurrently(at(days))
        assert sum(results) == Reminder.objects.filter(created_at=at(days)).count()

    # The demo's acute aanmelding rang the bell at seeding, not through these runs.
    scanned = Reminder.objects.exclude(kind=ReminderKind.ACUTE_AANMELDING)
    reminders = list(scanned.select_related("case", "recipient"))
    assert len(reminders) > 30
    assert not [r for r in reminders if r.emailed_at is None]
    # Each reminder appears in exactly one e-mail to its recipient: the lines mailed are
    # exactly the reminders, no more (nothing twice) and no fewer.
    assert mailed_lines(mail.outbox) == expected_lines(reminders)
