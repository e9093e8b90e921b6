"""Benchmark: the case overview PDF for a case with about ten pages of history.

Run from the repository root: ``python bench/bench_pdf.py`` (or ``make bench``).
Uses its own database: ``DATABASE_URL`` from the environment, else
``sqlite:////tmp/schakel_bench_reports.sqlite3`` (recreated on every run).
Goal (issue 7): the 10-page overview in ≤ 1 s.

Options: ``--pages N`` (default 10), ``--runs N`` (default 5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "sqlite:////tmp/schakel_bench_reports.sqlite3"
GOAL_SECONDS = 1.0
EVENT_BATCH = 40


def setup_django() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    if not url.startswith("sqlite:///"):
        # A server database is emptied by recreating its schema, so that data
        # migrations (the triage ruleset) run again; flush would remove their rows.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return url


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def add_history(case, user, organisation, count: int, offset: int) -> None:
    """`count` timeline entries and a note per ten, as a long-running case collects them."""
    from django.utils import timezone

    from cases.models import CaseEvent, CaseNote

    start = timezone.now() - timedelta(days=700)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind="note_added",
            category="basis",
            actor=user,
            actor_organisation=organisation,
            description=(
                f"Contactmoment {offset + i}: huisbezoek afgelegd, afspraken besproken "
                "en vervolg gepland met de betrokken partners."
            ),
            created_at=start + timedelta(hours=6 * (offset + i)),
        )
        for i in range(count)
    )
    CaseNote.objects.bulk_create(
        CaseNote(
            case=case,
            category="signalen",
            text=f"Signaal {offset + i}: zorgen over de thuissituatie blijven bestaan.",
            author=user,
            author_organisation=organisation,
            created_at=start + timedelta(hours=6 * (offset + i)),
        )
        for i in range(0, count, 10)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    url = setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from cases.models import Case

    print(f"bench_pdf: database {url.split('@')[-1]}")
    user = get_user_model().objects.get(username="wijkteam")
    case = Case.objects.get(reference="DEMO-ZVH")
    client = Client()
    client.force_login(user)
    path = f"/cases/{case.pk}/overview.pdf"

    added = 0
    while True:
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        pages = page_count(response.content)
        if pages >= args.pages:
            break
        add_history(case, user, user.memberships.first().organisation, EVENT_BATCH, added)
        added += EVENT_BATCH
    events = case.events.count()
    print(f"case {case.reference}: {events} timeline entries, {case.notes.count()} notes")

    timings, cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200
    total = statistics.median(timings)
    verdict = "ok" if total <= GOAL_SECONDS else "MISSED"
    print(
        f"overview PDF (whole request: queries, layout, PDF, access log): {pages} pages\n"
        f"  wall  median {total:.3f} s (min {min(timings):.3f}, max {max(timings):.3f}) "
        f"over {args.runs} runs = {total / pages:.3f} s per page\n"
        f"  CPU   median {statistics.median(cpu):.3f} s = "
        f"{statistics.median(cpu) / pages:.3f} s per page "
        "(CPU time is what the render costs when the machine is not shared)\n"
        f"goal <= {GOAL_SECONDS:.1f} s for the 10-page overview (wall median): {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
