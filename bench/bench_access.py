"""Benchmark: the access layer's cost (issue 4 "Performance").

1. Grant sync for one case: the number of queries of `sync_case_access` (goal ≤ 20), and
   of re-applying the matrix to a batch of 500 open cases (`privacy.matrix.resync_cases`).
2. "Cases this user may see" stays ONE indexed query: EXPLAIN (ANALYZE) of
   `visible_cases(user)` as the case list uses it (first page by last activity) and as a
   count, at 100 000 generated cases; prints the plans and whether they use indexes.
3. Access logging adds exactly one INSERT per case page view.

Run from the repository root: ``python bench/bench_access.py`` (or ``make bench``).
Database: ``DATABASE_URL`` from the environment, else
``postgres://postgres@127.0.0.1:5432/schakel_bench_access`` (created if missing). The
seeded database is reused when it already holds the requested number of cases.
Options: ``--cases N`` (default 100000).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/schakel_bench_access"
SYNC_GOAL = 20


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    url = os.environ["DATABASE_URL"]
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


def seed(count: int) -> dict:
    from django.core.management import call_command

    from cases.models import Case
    from privacy.convenant import ensure_default_matrix
    from workplace.demo.generate import generate_cases
    from workplace.demo.people import seed_organisations, seed_users
    from workplace.demo.stories import seed_stories

    ensure_default_matrix()
    orgs = seed_organisations()
    users = seed_users(orgs)
    stories = seed_stories(users=users, orgs=orgs)
    generated = Case.objects.exclude(reference__startswith="DEMO-").count()
    if generated != count:
        print(f"Seeding {count} cases (found {generated})…", flush=True)
        call_command("flush", verbosity=0, interactive=False)
        ensure_default_matrix()
        orgs = seed_organisations()
        users = seed_users(orgs)
        stories = seed_stories(users=users, orgs=orgs)
        started = time.perf_counter()
        generate_cases(count, users=users, orgs=orgs)
        print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"users": users, "orgs": orgs, "cases": stories}


def bench_sync(demo: dict) -> bool:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case
    from cases.phases import Phase
    from privacy.grants import sync_case_access
    from privacy.matrix import resync_cases

    case = demo["cases"]["DEMO-ZVH"]
    with CaptureQueriesContext(connection) as ctx:
        sync_case_access(case)
    n = len(ctx.captured_queries)
    ok = n <= SYNC_GOAL
    print(
        f"sync_case_access(DEMO-ZVH): {n} queries (goal ≤ {SYNC_GOAL}) {'OK' if ok else 'TOO MANY'}"
    )
    ids = list(
        Case.objects.exclude(phase=Phase.GESLOTEN).order_by("pk").values_list("pk", flat=True)[:500]
    )
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        resync_cases(ids)
    print(
        f"resync_cases(500 open cases): {len(ctx.captured_queries)} queries, "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    return ok


def explain(qs, *, analyze: bool) -> str:
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return "\n".join(" | ".join(str(c) for c in row) for row in rows)


def explain_sql(sql: str, *, analyze: bool) -> str:
    from django.db import connection

    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    return "\n".join(" | ".join(str(c) for c in row) for row in rows)


def count_sql(user) -> str | None:
    """The SQL of `count_visible_cases` (the list's count), when the access layer has it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from privacy import access

    if not hasattr(access, "count_visible_cases"):
        return None
    with CaptureQueriesContext(connection) as ctx:
        access.count_visible_cases(user)
    return ctx.captured_queries[-1]["sql"]


def bench_explain(demo: dict) -> bool:
    from django.db import connection

    from privacy.access import visible_cases

    on_pg = connection.vendor == "postgresql"
    big_tables = ("cases_case", "privacy_casegroupobjectpermission")
    ok = True
    for username in ("politie", "wijkteam"):
        user = demo["users"][username]
        page = visible_cases(user).order_by("-last_activity_at", "-id")[:25]
        count = visible_cases(user).order_by().values("pk")
        variants = [("first page", page), ("all ids", count)]
        sql = count_sql(user)
        if sql:
            variants.append(("count_visible_cases", sql))
        for label, qs in variants:
            if isinstance(qs, str):
                plan = explain_sql(qs, analyze=on_pg)
            else:
                plan = explain(qs, analyze=on_pg)
            print(f"\n--- visible_cases({username}) {label} ---")
            print(plan)
            uses_index = bool(re.search(r"Index (Only )?Scan|USING (COVERING )?INDEX", plan))
            seq = [t for t in big_tables if re.search(rf"Seq Scan on {t}\b|SCAN {t}\b", plan)]
            time_match = re.search(r"Execution Time: ([\d.]+) ms", plan)
            took = f", {time_match.group(1)} ms" if time_match else ""
            print(
                f"=> uses indexes: {'yes' if uses_index else 'NO'}; "
                f"sequential scans of large tables: {', '.join(seq) or 'none'}{took}"
            )
            if label == "first page":
                ok = ok and uses_index and not seq
    return ok


def bench_access_log(demo: dict) -> bool:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(demo["users"]["politie"])
    case = demo["cases"]["DEMO-ZVH"]
    client.get(f"/cases/{case.pk}/")  # warm up session and caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/cases/{case.pk}/")
    inserts = [
        q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")
    ]
    log_inserts = [q for q in inserts if "privacy_accesslog" in q]
    ok = response.status_code == 200 and len(log_inserts) == 1
    print(
        f"\ncase page view as politie: status {response.status_code}, "
        f"{len(ctx.captured_queries)} queries, {len(inserts)} INSERT(s), "
        f"{len(log_inserts)} into privacy_accesslog (goal: exactly 1) {'OK' if ok else 'FAIL'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    url = setup_django()
    print(f"Database: {url.split('@')[-1]}")
    demo = seed(args.cases)
    from cases.models import Case

    print(f"Cases: {Case.objects.count()}\n")
    results = [bench_sync(demo), bench_explain(demo), bench_access_log(demo)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
