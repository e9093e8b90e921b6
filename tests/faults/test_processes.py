"""Two web processes, two Celery workers and one beat against the same PostgreSQL and
Redis, all started by this test on loopback: beat pokes the reminder scan and the
notification digest every second, both workers take them at the same time, and still
each reminder exists once and each e-mail goes out once. A session made by logging in
on one web process is valid on the other."""

from __future__ import annotations

import email
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from django.core import mail
from django.db import transaction
from django.utils import timezone

from escalation.reminders import send_due_reminders
from notifications.models import Delivery, Notification, NotificationKind, Reminder

from .conftest import free_port, process_env
from .http_login import login_over_http

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
BOUND = 90.0
BEAT_EVERY = "1"
KEY = ("kind", "object_type", "object_id", "due_date", "recipient_id")


def _mails(folder: Path) -> list[email.message.Message]:
    """Every message the file backend wrote (several per file, separated by dashes)."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip()))
    return messages


def _lost_notifications(demo) -> int:
    """Immediate notifications whose task was lost: the digest run must mail them."""
    case = next(iter(demo.cases.values()))
    an_hour_ago = timezone.now() - timedelta(hours=1)
    for n, username in enumerate(("wijkteam", "regisseur", "politie")):
        Notification.objects.create(
            kind=NotificationKind.ADVICE_ASKED,
            case=case,
            object_type="case",
            object_id=case.pk,
            event_key=f"fault-{n}",
            recipient=demo.users[username],
            created_at=an_hour_ago,
            delivery=Delivery.IMMEDIATE,
        )
    return 3


def _answers(port: int) -> bool:
    """The web process serves requests (gunicorn listens before its worker has loaded
    Django)."""
    try:
        return requests.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).ok
    except requests.RequestException:
        return False


def _until(condition, what: str, processes, deadline: float) -> None:
    while not condition():
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {n}\n{processes.log(n)}" for n in processes.started)
            pytest.fail(f"{what} within {BOUND:.0f} s\n{logs}")
        time.sleep(0.2)


def test_two_webs_two_workers_and_beat_send_each_reminder_and_mail_once(
    postgres_only, full_demo, own_redis, processes, tmp_path
):
    # What one scan would do, rolled back: the reminders and their e-mails to expect.
    before = sorted(Reminder.objects.values_list(*KEY))
    with transaction.atomic():
        send_due_reminders()
        wanted = sorted(Reminder.objects.values_list(*KEY))
        reminder_mails = Counter(address for message in mail.outbox for address in message.to)
        transaction.set_rollback(True)
    assert len(wanted) > len(before)
    lost = _lost_notifications(full_demo)

    env = process_env(
        redis_url=own_redis.url,
        workdir=tmp_path,
        FAULT_BEAT_EVERY=BEAT_EVERY,
        SECURE_COOKIES="false",
    )
    ports = [free_port(), free_port()]
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    for n, port in enumerate(ports, 1):
        processes.start(
            f"web{n}", [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"], env
        )
    processes.worker("worker1", env, concurrency=2)
    processes.worker("worker2", env, concurrency=2)
    beat = str(Path(sys.executable).parent / "celery")
    processes.start(
        "beat",
        [beat, "-A", "config", "beat", "-s", str(tmp_path / "celerybeat-schedule"), "-l", "INFO"],
        env,
    )
    deadline = time.monotonic() + BOUND

    # Sessions: log in on the first web process, use the cookie on the second.
    _until(
        lambda: all(_answers(p) for p in ports),
        "the web processes did not answer",
        processes,
        deadline,
    )
    browser = login_over_http(f"http://127.0.0.1:{ports[0]}")
    other = browser.get(f"http://127.0.0.1:{ports[1]}/cases/", allow_redirects=False, timeout=30)
    assert other.status_code == 200
    assert "DEMO-" in other.text
    anonymous = requests.get(
        f"http://127.0.0.1:{ports[1]}/cases/", allow_redirects=False, timeout=30
    )
    assert anonymous.status_code == 302

    # Reminders and e-mails: wait until all is done, then a few more beat rounds in which
    # both workers find nothing left to do.
    def all_mailed() -> bool:
        return (
            Reminder.objects.count() == len(wanted)
            and not Reminder.objects.filter(emailed_at__isnull=True).exists()
            and not Notification.objects.filter(emailed_at__isnull=True).exists()
        )

    _until(all_mailed, "reminders and notifications were not all mailed", processes, deadline)
    time.sleep(4 * float(BEAT_EVERY))

    assert sorted(Reminder.objects.values_list(*KEY)) == wanted
    sent = _mails(tmp_path / "mail")
    per_message = Counter((m["To"], m["Subject"]) for m in sent)
    assert max(per_message.values()) == 1, per_message
    assert len(sent) == sum(reminder_mails.values()) + lost
    assert both_workers_worked(processes)


def both_workers_worked(processes) -> bool:
    """Each worker ran at least one scan or digest (so they really ran side by side)."""
    return all("succeeded" in processes.log(n) for n in ("worker1", "worker2"))
