"""Helpers shared by the benchmarks: Django set-up, databases, timing and the one
format every figure is printed in.

Every figure a benchmark judges is printed by `figure()` as
``<name>: <value> (goal <goal>) MET|MISSED``; `run_all.py` collects those lines into its
final summary.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RESULT_MARKERS = (") MET", ") MISSED")


def setup_django(default_db: str, settings: str = "config.settings_test") -> str:
    """Configure Django on DATABASE_URL (else `default_db`); returns the database name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    os.environ.setdefault("DATABASE_URL", default_db)
    import django

    django.setup()
    from django.db import connection

    return str(connection.settings_dict["NAME"])


def figure(name: str, value: str, goal: str, met: bool) -> bool:
    """Print one judged figure in the common format; returns `met`."""
    print(f"{name}: {value} (goal {goal}) {'MET' if met else 'MISSED'}", flush=True)
    return met


def use_database(name: str) -> None:
    """Point the default connection at another database (reconnects on next use)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def database_exists(name: str) -> bool:
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def recreate_database(name: str) -> None:
    """A new, migrated database `name` (SQLite file or PostgreSQL database)."""
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


def analyze() -> None:
    """Refresh planner statistics after a bulk load, as a real database would have them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def vacuum_analyze() -> None:
    """VACUUM ANALYZE (PostgreSQL): what autovacuum does in production after a bulk load.
    Without it the visibility map is empty and grant lookups cannot be index-only scans."""
    from django.db import connection

    connection.ensure_connection()
    autocommit = connection.get_autocommit()
    connection.set_autocommit(True)
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.set_autocommit(autocommit)


def database_url(name: str) -> str:
    return f"{PG_SERVER}/{name}"


def url_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed_get(client, url: str, *, status: int = 200) -> float:
    """Milliseconds for one GET through the Django test client (asserts the status).

    The heap is collected first, so Python's occasional full collection never lands in
    one page's timings rather than another's (see bench_pdf)."""
    gc.collect()
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == status, (url, response.status_code)
    return elapsed


def random_answers(rng: random.Random) -> dict:
    """A valid, varied set of triage answers."""
    from triage.engine import DOMAINS, RISKS, validate_answers

    domains = {d: rng.randint(1, 5) for d in rng.sample(DOMAINS, rng.randint(3, len(DOMAINS)))}
    risks = {r: rng.random() < 0.15 for r in RISKS}
    return validate_answers(
        {
            "domains": domains,
            "risks": risks,
            "organisations": rng.randint(0, 6),
            "months_in_wijkteam": rng.randint(0, 18),
        }
    )


def copy_rows(table: str, columns: tuple[str, ...], rows) -> int:
    """Stream `rows` (tuples of Python values) into `table` with PostgreSQL COPY."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count
