"""Benchmark: the daily notification digest for 10 000 users (issue 14: ≤ 30 s).

Run from the repository root: ``python bench/bench_digest.py`` (or ``make bench``).
Uses its own PostgreSQL database ``schakel_bench_digest`` (``DATABASE_URL`` to choose
another), recreated on every run: the demo, then ``--users`` (10 000) users with
``--per-user`` (3) unmailed digest notifications each from yesterday, seeded with COPY.
Most keep the default hour (8:00), one in five chose 7:00 and one in ten 20:00 (not due
yet). `notifications.mail.mail_digests` runs at 9:00 local time; e-mail goes to Django's
in-memory backend, so the figure is Schakel's work, not the SMTP server's. A second run at
the same moment must send nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import copy_rows, figure, recreate_database, setup_django  # noqa: E402

GOAL_SECONDS = 30.0


def seed(users: int, per_user: int) -> int:
    """Users, their digest hours and notifications; returns the number of due users."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from cases.models import Case
    from notifications.models import NotificationKind

    rng = random.Random(14)
    case_ids = list(Case.objects.values_list("pk", flat=True))
    first = (get_user_model().objects.order_by("-pk").values_list("pk", flat=True).first()) + 1
    now = timezone.now()
    ids = range(first, first + users)
    copy_rows(
        "auth_user",
        ("id", "password", "is_superuser", "username", "first_name", "last_name", "email",
         "is_staff", "is_active", "date_joined"),
        ((i, "!", False, f"digest-{i}", "Digest", str(i), f"digest-{i}@schakel.invalid", False,
          True, now) for i in ids),
    )  # fmt: skip
    hours = {i: rng.choices((8, 7, 20), (7, 2, 1))[0] for i in ids}
    copy_rows(
        "notifications_digestschedule",
        ("user_id", "hour"),
        ((i, h) for i, h in hours.items() if h != 8),
    )
    kinds = list(NotificationKind.values)
    yesterday = now - timedelta(days=1)
    copy_rows(
        "notifications_notification",
        ("kind", "object_type", "object_id", "event_key", "created_at", "delivery", "case_id",
         "recipient_id"),
        ((rng.choice(kinds), "case", rng.choice(case_ids), f"digest-{i}-{k}", yesterday,
          "digest", rng.choice(case_ids), i) for i in ids for k in range(per_user)),
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), max(id)) FROM auth_user"
        )
        cursor.execute("ANALYZE")
    return sum(1 for h in hours.values() if h <= 9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--per-user", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    name = setup_django("postgres://postgres@127.0.0.1:5432/schakel_bench_digest")
    from django.core import mail
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone

    from notifications.mail import mail_digests

    recreate_database(name)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.perf_counter()
    due = seed(args.users, args.per_user)
    print(f"bench_digest: {args.users:,} users, {due:,} due at 9:00, seeded in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    reverse("notifications:list")  # load the URLconf outside the measurement
    at = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    at += timedelta(hours=9)
    mail.outbox = []
    started, cpu = time.perf_counter(), time.process_time()
    sent = mail_digests(now=at)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    again = mail_digests(now=at)
    print(f"  {sent:,} e-mails ({len(mail.outbox):,} in the outbox), CPU {cpu:.1f} s; "
          f"second run at the same moment: {again} e-mails")  # fmt: skip
    ok = figure(
        f"digest for {args.users:,} users ({due:,} due)",
        f"{seconds:.1f} s",
        f"≤ {GOAL_SECONDS:.0f} s",
        seconds <= GOAL_SECONDS,
    )
    ok &= figure("digest e-mails = due users, none twice", f"{sent:,}/{due:,}, then {again}",
                 "equal, then 0", sent == due and again == 0)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
