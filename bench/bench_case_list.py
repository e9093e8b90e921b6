"""Benchmark: case list and search latency for a wijkteam worker at 200 and 100 000 cases.

Run from the repository root: ``python bench/bench_case_list.py`` (or ``make bench``).
Uses its own databases, recreated on every run: ``DATABASE_URL`` from the environment,
else ``sqlite:////tmp/schakel_bench.sqlite3``, for the large set, and the same name with
``_small`` for the small one. Goals (issue 3): seeding 100 000 cases in under 3 minutes on
SQLite, and list/search at 100 000 cases within 1.5x of the figure at 200 cases.

Both databases are measured in alternating blocks of requests, so a busy machine slows
both sizes alike and the ratio stays meaningful.

Options: ``--large N`` (default 100000), ``--small N`` (default 200), ``--requests N``
(default 50), ``--explain`` (print the query plans at both sizes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "sqlite:////tmp/schakel_bench.sqlite3"
SEED_GOAL_SECONDS = 180
RATIO_GOAL = 1.5
BLOCK = 10


def setup_django() -> tuple[str, str]:
    """Configure Django; returns the names of the large and the small database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    import django

    django.setup()
    from django.db import connection

    large = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        path = Path(large)
        small = str(path.with_name(f"{path.stem}_small{path.suffix}"))
    else:
        small = f"{large}_small"
    return large, small


def use_database(name: str) -> None:
    """Point the default connection at another database (reconnects on next use)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def recreate_database(name: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    use_database(name)
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0, interactive=False)


def seed(name: str, cases: int) -> tuple[dict, float, float]:
    """A fresh database with the demo and `cases` generated cases.

    Returns the demo users and the wall-clock and CPU seconds of the generation (CPU
    time shows what a busy machine hides)."""
    from django.core.management import call_command

    from workplace.demo.generate import generate_cases
    from workplace.demo.people import seed_organisations, seed_users

    recreate_database(name)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    orgs = seed_organisations()
    users = seed_users(orgs)
    started, cpu = time.perf_counter(), time.process_time()
    generate_cases(cases, users=users, orgs=orgs)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    analyze()
    return users, seconds, cpu


def analyze() -> None:
    """Refresh planner statistics after a bulk load, as a real database would have them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed_get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def search_names() -> tuple[str, str]:
    """A last name and a full name to search for: the client of the demo case DEMO-ACUUT.

    The last name finds more namesakes as the data grows; the full name stays about one
    case at both sizes, like a worker looking up one client. Both are realistic.
    """
    from cases.models import Person

    person = Person.objects.filter(case__reference="DEMO-ACUUT").order_by("id").first()
    return person.last_name, person.full_name


def explain(user, q: str) -> None:
    """Print the query plans of the page and count queries of the list and the search."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workplace.selectors import case_count_for_user, case_list_for_user

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    for label, criteria in (("list", {}), ("search", {"q": q})):
        with CaptureQueriesContext(connection) as ctx:
            list(case_list_for_user(user, **criteria)[:25].values_list("pk", flat=True))
            case_count_for_user(user, limit=1001, **criteria)
        for what, query in zip(("page", "count"), ctx.captured_queries, strict=True):
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                plan = [str(row[-1]) for row in cursor.fetchall()]
            print(f"  {label} {what} plan: " + " / ".join(plan))


def describe(label: str, user, *queries: str) -> None:
    from workplace.selectors import case_count_for_user

    found = ", ".join(f"'{q}' finds {case_count_for_user(user, q=q)}" for q in queries)
    organisation = user.memberships.first().organisation
    print(f"{label}: {organisation} sees {case_count_for_user(user)}; {found}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    large_db, small_db = setup_django()
    from django.test import Client

    from cases.models import Case

    print(f"bench_case_list: databases {small_db} and {large_db}")
    users, seconds, _cpu = seed(small_db, args.small)
    print(f"small: seeded {args.small} cases in {seconds:.1f} s")
    small_client = Client()
    small_client.force_login(users["wijkteam"])
    q, full_name = search_names()
    describe(f"small ({Case.objects.count()} cases)", users["wijkteam"], q, full_name)
    if args.explain:
        explain(users["wijkteam"], q)

    users, seconds, cpu = seed(large_db, args.large)
    verdict = "ok" if seconds < SEED_GOAL_SECONDS else "TOO SLOW"
    print(
        f"large: seeded {args.large} cases in {seconds:.1f} s, {cpu:.1f} s CPU in this "
        f"process ({args.large / seconds:,.0f} cases/s; goal < {SEED_GOAL_SECONDS} s: {verdict})"
    )
    large_client = Client()
    large_client.force_login(users["wijkteam"])
    describe(f"large ({Case.objects.count()} cases)", users["wijkteam"], q, full_name)
    if args.explain:
        explain(users["wijkteam"], q)

    urls = {
        "list": "/cases/",
        "search last name": f"/cases/?{urlencode({'q': q})}",
        "search full name": f"/cases/?{urlencode({'q': full_name})}",
    }
    timings = {(size, name): [] for size in ("small", "large") for name in urls}
    sizes = (("small", small_db, small_client), ("large", large_db, large_client))
    for _block in range(max(1, args.requests // BLOCK)):
        for size, database, client in sizes:
            use_database(database)
            for name, url in urls.items():
                timed_get(client, url)  # warm the new connection
                timings[size, name] += [timed_get(client, url) for _ in range(BLOCK)]

    worst = 0.0
    for name, url in urls.items():
        print(f"{name}: {url}")
        stats = {}
        for size in ("small", "large"):
            values = timings[size, name]
            stats[size] = (statistics.median(values), percentile(values, 95))
            print(f"  {size:5}  p50 {stats[size][0]:7.1f} ms   p95 {stats[size][1]:7.1f} ms")
        p50 = stats["large"][0] / stats["small"][0]
        p95 = stats["large"][1] / stats["small"][1]
        worst = max(worst, p50)
        print(f"  ratio large/small: p50 {p50:.2f}x, p95 {p95:.2f}x")
    verdict = "ok" if worst <= RATIO_GOAL else "MISSED"
    print(f"worst p50 ratio {worst:.2f}x (goal <= {RATIO_GOAL}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
