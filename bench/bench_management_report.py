"""Benchmark: the management report (dashboard and PDF) over 100 000 cases.

Run from the repository root: ``python bench/bench_management_report.py`` (or
``make bench``). Uses its own database: ``DATABASE_URL`` from the environment, else
``sqlite:////tmp/schakel_bench_reports.sqlite3`` (recreated on every run; note that
bench_pdf.py uses the same default, so run them one after the other).
Goal (issue 7): the report over 100 000 cases in ≤ 5 s (aggregated in SQL).

Options: ``--cases N`` (default 100000), ``--runs N`` (default 3).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "sqlite:////tmp/schakel_bench_reports.sqlite3"
GOAL_SECONDS = 5.0


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
    return url


def timed(runs: int, fn, *args) -> tuple[float, object]:
    """Median wall time of `fn(*args)` over `runs` calls, and its last result."""
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn(*args)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    url = setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from cases.models import Case, CaseEvent
    from organisations.models import Role
    from organisations.services import membership_set
    from reports import selectors
    from reports.periods import current_quarter_key, period_from_key
    from tests.factories import UserFactory
    from workplace.demo.generate import generate_cases
    from workplace.demo.people import seed_organisations, seed_users

    print(f"bench_management_report: database {url.split('@')[-1]}")
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    orgs = seed_organisations()
    users = seed_users(orgs)
    started = time.perf_counter()
    generate_cases(args.cases, users=users, orgs=orgs)
    print(
        f"seeded {args.cases} cases in {time.perf_counter() - started:.1f} s "
        f"({Case.objects.count()} cases, {CaseEvent.objects.count()} timeline entries)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    zvh_manager = UserFactory(username="zvh_manager")
    zvh = orgs["Zorg- en Veiligheidshuis"]
    membership_set(user=zvh_manager, organisation=zvh, role=Role.MANAGER)
    period = period_from_key(current_quarter_key())

    for label, user in (("ZVH manager (region)", zvh_manager), ("Noord manager", users["manager"])):
        scope = selectors.report_scope_for(user)
        print(f"{label}: {scope.cases().count()} cases in scope, period {period.label}")
        for name in ("phase_team_counts", "flow_counts", "phase_durations", "triage_level_counts"):
            seconds, _result = timed(args.runs, getattr(selectors, name), scope, period)
            print(f"  {name:<22} {seconds:6.3f} s")
        client = Client()
        client.force_login(user)
        query = {"periode": period.key}
        for path in ("/reports/", "/reports/management.pdf"):
            seconds, response = timed(args.runs, client.get, path, query)
            assert response.status_code == 200, (path, response.status_code)
            verdict = "ok" if seconds <= GOAL_SECONDS else "MISSED"
            print(f"  GET {path:<24} {seconds:6.3f} s (goal <= {GOAL_SECONDS:.0f} s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
