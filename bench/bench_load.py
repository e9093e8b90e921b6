"""Load test: 50 concurrent users across roles against gunicorn on PostgreSQL.

Run from the repository root: ``python bench/bench_load.py`` (or ``make bench``).

* Database: ``BENCH_LOAD_DATABASE_URL``, default
  ``postgres://postgres@127.0.0.1:5432/schakel_bench_load``. Created, migrated and seeded
  with ``seed_demo --cases 100000`` when it holds fewer cases than asked (``--cases``);
  kept between runs, since seeding takes minutes (``--reseed`` starts afresh).
* Server: gunicorn started by this script on 127.0.0.1 (a free port) with production
  settings (DEBUG off, whitenoise, manifest static files), stopped at the end. Only
  127.0.0.1 is ever contacted. Two-factor login is off for the run (REQUIRE_2FA=false):
  the bench measures the pages, not the authenticator app.
* Users: ``--users`` (50) virtual users, spread over the roles wijkteam, wijkteam2,
  regisseur, politie, ggz and manager, each logged in through the real login form.
  Each repeats: open the case list (a page of it, or a name search), then a case page
  from that list, with a think time of ``--think`` seconds (2-5, as in Locust's usual
  ``between(2, 5)``) between requests, as people do; ``--think 0.5 2`` is a harder
  test. Bounded by ``--duration`` (60 s) and ``--max-requests`` (20 000).
* Prints requests/s, p50/p95/max and errors for list and detail; the goal is 0 errors
  and p95 <= 300 ms for both. Exit status 1 when the goal is missed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/schakel_bench_load"
ROLES = ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager"]
# Surnames as people type them. Very common fragments ("de", "van") match tens of
# thousands of names and cost 250-400 ms each at 100 000 cases: measured separately.
SEARCH_TERMS = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "de Boer"]
P95_GOAL_MS = 300


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "REQUIRE_2FA": "false",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(database_url: str, cases: int, reseed: bool) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if reseed and exists:
                conn.execute(f'DROP DATABASE "{name}"')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise SystemExit(f"PostgreSQL is not reachable at {admin_url}: {exc}") from exc
    env = _env(database_url)
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    with psycopg.connect(database_url) as conn:
        have = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
    if have < cases:
        print(f"Seeding: {have} cases present, adding {cases - have} (takes a few minutes)…")
        started = time.perf_counter()
        print(_manage(env, "seed_demo", "--cases", str(cases - have)).strip())
        print(f"Seeded in {time.perf_counter() - started:.0f} s.")
    else:
        print(f"Database {name}: {have} cases, reused.")
    with psycopg.connect(database_url, autocommit=True) as conn:
        # What autovacuum does in production, at once: after a bulk seed the planner
        # lacks statistics (sequential scans) and the visibility map is empty, so the
        # grant lookups cannot be index-only scans (70 ms instead of 20 ms per list).
        conn.execute("VACUUM ANALYZE")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(database_url),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                return process, port
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        time.sleep(0.5)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _request(port, method, path, *, cookies=None, body=None, headers=None):
    """One request on a fresh connection; returns (status, headers, body text)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        all_headers = {"Host": HOST, **(headers or {})}
        if cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        if cookies is not None:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, text
    finally:
        conn.close()


def login(port: int, username: str) -> dict[str, str]:
    cookies: dict[str, str] = {}
    _status, _h, html = _request(port, "GET", "/accounts/login/", cookies=cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "demo"})
    status, headers, _ = _request(
        port,
        "POST",
        "/accounts/login/",
        cookies=cookies,
        body=body,
        headers={"Referer": f"http://{HOST}:{port}/accounts/login/"},
    )
    if status != 302 or "/accounts/login/" in (headers.get("Location") or ""):
        raise SystemExit(f"login as {username} failed (HTTP {status})")
    return cookies


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    samples: dict[str, list[float]] = field(default_factory=lambda: {"list": [], "detail": []})
    errors: dict[str, int] = field(default_factory=lambda: {"list": 0, "detail": 0})
    error_examples: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    total: int = 0

    def record(self, kind: str, seconds: float, status: int, path: str, role: str) -> None:
        with self.lock:
            self.total += 1
            self.samples[kind].append(seconds)
            self.slowest = sorted([*self.slowest, (seconds, f"{role} {path}")])[-8:]
            if status != 200:
                self.errors[kind] += 1
                if len(self.error_examples) < 10:
                    self.error_examples.append(f"HTTP {status} {path}")


def virtual_user(port, role, cookies, results, stop_at, max_requests, think, seed) -> None:
    rng = random.Random(seed)
    detail_links: list[str] = []
    # Users arrive spread over one think time (Locust's spawn rate), not all in the
    # same millisecond: a burst of 50 identical first requests measures only the queue.
    time.sleep(rng.uniform(0, think[1]))
    while time.monotonic() < stop_at:
        with results.lock:
            if results.total >= max_requests:
                return
        if rng.random() < 0.25:
            path = "/cases/?" + urlencode({"q": rng.choice(SEARCH_TERMS)})
        else:
            path = "/cases/?" + urlencode({"page": rng.randint(1, 5)})
        started = time.perf_counter()
        try:
            status, _h, html = _request(port, "GET", path, cookies=cookies)
        except OSError as exc:
            status, html = 599, str(exc)
        results.record("list", time.perf_counter() - started, status, path, role)
        links = sorted(set(re.findall(r'href="(/cases/\d+/)"', html)))
        detail_links = links or detail_links
        time.sleep(rng.uniform(*think))
        if detail_links and time.monotonic() < stop_at:
            path = rng.choice(detail_links)
            started = time.perf_counter()
            try:
                status, _h, _html = _request(port, "GET", path, cookies=cookies)
            except OSError:
                status = 599
            results.record("detail", time.perf_counter() - started, status, path, role)
            time.sleep(rng.uniform(*think))


def report(results: Results, elapsed: float) -> bool:
    print(
        f"\n{'page':<8}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'errors':>8}"
    )
    goal_met = True
    for kind in ("list", "detail"):
        samples = sorted(results.samples[kind])
        if len(samples) < 2:
            print(f"{kind:<8}{len(samples):>10}  (too few samples)")
            goal_met = False
            continue
        quantiles = statistics.quantiles(samples, n=100, method="inclusive")
        p50, p95 = quantiles[49] * 1000, quantiles[94] * 1000
        errors = results.errors[kind]
        print(
            f"{kind:<8}{len(samples):>10}{len(samples) / elapsed:>9.1f}{p50:>9.0f}{p95:>9.0f}"
            f"{samples[-1] * 1000:>9.0f}{errors:>8}"
        )
        goal_met = goal_met and errors == 0 and p95 <= P95_GOAL_MS
    total = sum(len(s) for s in results.samples.values())
    print(f"{'all':<8}{total:>10}{total / elapsed:>9.1f}")
    for example in results.error_examples:
        print(f"  error: {example}")
    print("slowest: " + "; ".join(f"{s * 1000:.0f} ms {what}" for s, what in results.slowest))
    print(
        f"\nGoal (0 errors, p95 <= {P95_GOAL_MS} ms for list and detail): "
        f"{'met' if goal_met else 'NOT met'}"
    )
    return goal_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0))
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_DB)
    prepare_database(database_url, args.cases, args.reseed)
    process, port = start_gunicorn(database_url, args.workers, args.threads)
    try:
        print(
            f"gunicorn on {HOST}:{port}: {args.workers} workers x {args.threads} threads; "
            f"{args.users} users for {args.duration:.0f} s (max {args.max_requests} requests)"
        )
        sessions = [login(port, ROLES[i % len(ROLES)]) for i in range(args.users)]
        # Warm-up, not measured: every worker process compiles its templates and opens
        # its database connection on its first requests.
        for cookies in sessions[: args.workers * args.threads * 2]:
            html = _request(port, "GET", "/cases/", cookies=cookies)[2]
            for link in sorted(set(re.findall(r'href="(/cases/\d+/)"', html)))[:1]:
                _request(port, "GET", link, cookies=cookies)
        results = Results()
        stop_at = time.monotonic() + args.duration
        started = time.perf_counter()
        threads = [
            threading.Thread(
                target=virtual_user,
                args=(
                    port,
                    ROLES[i % len(ROLES)],
                    cookies,
                    results,
                    stop_at,
                    args.max_requests,
                    tuple(args.think),
                    i,
                ),
                daemon=True,
            )
            for i, cookies in enumerate(sessions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 60)
        elapsed = time.perf_counter() - started
    finally:
        stop_gunicorn(process)
    return 0 if report(results, elapsed) else 1


if __name__ == "__main__":
    sys.exit(main())
