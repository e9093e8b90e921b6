"""A worker killed in the middle of the reminder scan: the rerun finishes the job, and
the unique key (kind, object, due date, recipient) keeps every reminder and every
e-mail line single. The scan really runs in a child process that is SIGKILLed while
it waits on a row lock this test holds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from escalation.reminders import SCANS, send_due_reminders
from notifications.models import Reminder

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(settings.BASE_DIR)
BOUND = 60.0
KEY = ("kind", "object_type", "object_id", "due_date", "recipient_id", "case_id")


def _keys(qs) -> list[tuple]:
    return list(qs.values_list(*KEY))


def _admin_connection() -> psycopg.Connection:
    params = connection.get_connection_params()
    dsn = {k: v for k, v in params.items() if k in ("host", "port", "user", "password")}
    return psycopg.connect(dbname=connection.settings_dict["NAME"], connect_timeout=5, **dsn)


def _child_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    return env


def test_a_rerun_after_a_killed_scan_creates_and_mails_each_reminder_once(postgres_only, full_demo):
    before = set(Reminder.objects.values_list("pk", flat=True))
    send_due_reminders()
    expected = Reminder.objects.exclude(pk__in=before)
    wanted = _keys(expected)
    kinds = [str(kind) for kind in SCANS if any(k[0] == str(kind) for k in wanted)]
    assert len(kinds) >= 2, "the demo must give reminders of at least two kinds"
    expected.delete()
    mail.outbox.clear()
    blocker = next(k for k in wanted if k[0] == kinds[-1])

    with _admin_connection() as side:
        # An uncommitted row with the key the last kind will insert: the scan waits on it.
        side.execute(
            "INSERT INTO notifications_reminder (kind, object_type, object_id, due_date, "
            "recipient_id, case_id, created_at) VALUES (%s, %s, %s, %s, %s, %s, now())",
            blocker,
        )
        child = subprocess.Popen(
            [sys.executable, "manage.py", "send_reminders"],
            cwd=ROOT,
            env=_child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + BOUND
            with _admin_connection() as probe:
                probe.autocommit = True
                while not probe.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                ).fetchone():
                    assert child.poll() is None, "the scan finished before it could be killed"
                    assert time.monotonic() < deadline, "the scan never reached the lock"
                    time.sleep(0.1)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=BOUND)
        finally:
            if child.poll() is None:
                child.kill()
        side.rollback()

    done_by_the_killed_scan = Reminder.objects.exclude(pk__in=before).count()
    assert 0 < done_by_the_killed_scan < len(wanted), "killed in the middle, not before or after"

    send_due_reminders()

    after = _keys(Reminder.objects.exclude(pk__in=before))
    assert sorted(after) == sorted(wanted)
    assert not [key for key, n in Counter(after).items() if n > 1]
    recipients = Counter(address for message in mail.outbox for address in message.to)
    assert recipients and max(recipients.values()) == 1
    assert not Reminder.objects.filter(emailed_at__isnull=True).exclude(pk__in=before).exists()
