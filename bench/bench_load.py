"""Load test: 100 concurrent users across roles against gunicorn on PostgreSQL, 1M cases.

Run from the repository root: ``python bench/bench_load.py`` (or ``make bench``).

* Database: ``BENCH_LOAD_DATABASE_URL``, default
  ``postgres://postgres@127.0.0.1:5432/schakel_bench_1m``: the large database of
  bench_scale.py (demo + ``--cases`` = 1 000 000 cases, COPY-seeded by bench/bulk_seed.py
  when missing, kept between runs; ``--reseed`` rebuilds it).
* Server: gunicorn started by this script on 127.0.0.1 (a free port) with production
  settings (DEBUG off, whitenoise, manifest static files), stopped at the end. Only
  127.0.0.1 is ever contacted. Two-factor login is off for the run (REQUIRE_2FA=false):
  the bench measures the pages, not the authenticator app.
* Users: ``--users`` (100) virtual users, spread over the roles (wijkteam in both
  regions, regisseurs of both ZVHs, politie, GGZ, manager, gemeente), each logged in
  through the real login form. Each repeats: sometimes the start page, then the case list
  (a page of it) or a name search, then a case page from that list, with a think time of
  ``--think`` seconds (2-5, as in Locust's usual ``between(2, 5)``) between requests;
  ``--think 0.5 2`` is a harder test. Bounded by ``--duration`` (60 s) and
  ``--max-requests`` (20 000).
* Prints requests/s, p50/p95/max and errors per page; the goal is 0 errors and
  p95 <= 300 ms for the start page, list, search and case page (MET/MISSED each).
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import figure  # noqa: E402

HOST = "127.0.0.1"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/schakel_bench_1m"
ROLES = [
    "wijkteam", "wijkteam2", "wijkteam-oost", "regisseur", "regisseur-oost", "politie", "ggz",
    "manager", "gemeente",
]  # fmt: skip
KINDS = ("start page", "list", "search", "case page")
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
    """The database of bench_scale.py (demo + `cases` cases, COPY-seeded, kept between
    runs), with the load users' passwords hashed by the production hasher."""
    command = [sys.executable, "bench/bench_scale.py", "--seed-only", "--no-jobs"]
    command += ["--large", str(cases)] + (["--reseed"] if reseed else [])
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
        raise SystemExit("seeding failed")
    env = _env(database_url)
    names = ", ".join(repr(r) for r in ROLES)
    _manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model as g\n"
        f"for u in g().objects.filter(username__in=[{names}]):\n"
        "    u.set_password('demo'); u.save(update_fields=['password'])",
    )
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
    samples: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
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


def _get(port, path, cookies, results, kind, role) -> str:
    started = time.perf_counter()
    try:
        status, _h, html = _request(port, "GET", path, cookies=cookies)
    except OSError as exc:
        status, html = 599, str(exc)
    results.record(kind, time.perf_counter() - started, status, path, role)
    return html


def virtual_user(port, role, cookies, results, stop_at, max_requests, think, seed) -> None:
    """Start page, then the case list or a search, then a case from it; think between."""
    rng = random.Random(seed)
    detail_links: list[str] = []
    # Users arrive spread over one think time (Locust's spawn rate), not all in the
    # same millisecond: a burst of identical first requests measures only the queue.
    time.sleep(rng.uniform(0, think[1]))
    while time.monotonic() < stop_at:
        with results.lock:
            if results.total >= max_requests:
                return
        if rng.random() < 0.3:
            _get(port, "/escalation/worklist/", cookies, results, "start page", role)
            time.sleep(rng.uniform(*think))
        if rng.random() < 0.3:
            path = "/cases/?" + urlencode({"q": rng.choice(SEARCH_TERMS)})
            html = _get(port, path, cookies, results, "search", role)
        else:
            path = "/cases/?" + urlencode({"page": rng.randint(1, 5)})
            html = _get(port, path, cookies, results, "list", role)
        links = sorted(set(re.findall(r'href="(/cases/\d+/)"', html)))
        detail_links = links or detail_links
        time.sleep(rng.uniform(*think))
        if detail_links and time.monotonic() < stop_at:
            _get(port, rng.choice(detail_links), cookies, results, "case page", role)
            time.sleep(rng.uniform(*think))


def report(results: Results, elapsed: float) -> bool:
    print(
        f"\n{'page':<11}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'errors':>8}"
    )
    lines = []
    for kind in KINDS:
        samples = sorted(results.samples[kind])
        if len(samples) < 2:
            print(f"{kind:<11}{len(samples):>10}  (too few samples)")
            lines.append((kind, None, None, results.errors[kind]))
            continue
        quantiles = statistics.quantiles(samples, n=100, method="inclusive")
        p50, p95 = quantiles[49] * 1000, quantiles[94] * 1000
        print(
            f"{kind:<11}{len(samples):>10}{len(samples) / elapsed:>9.1f}{p50:>9.0f}{p95:>9.0f}"
            f"{samples[-1] * 1000:>9.0f}{results.errors[kind]:>8}"
        )
        lines.append((kind, p50, p95, results.errors[kind]))
    total = sum(len(s) for s in results.samples.values())
    errors = sum(results.errors.values())
    print(f"{'all':<11}{total:>10}{total / elapsed:>9.1f}")
    for example in results.error_examples:
        print(f"  error: {example}")
    print("slowest: " + "; ".join(f"{s * 1000:.0f} ms {what}" for s, what in results.slowest))
    print(f"load: {total / elapsed:.1f} requests/s over {elapsed:.0f} s")
    ok = figure("load errors", f"{errors} of {total}", "0", errors == 0 and total > 0)
    for kind, p50, p95, _errors in lines:
        value = "too few samples" if p95 is None else f"{p95:.0f} ms (p50 {p50:.0f} ms)"
        ok &= figure(
            f"load p95 {kind}",
            value,
            f"≤ {P95_GOAL_MS} ms",
            p95 is not None and p95 <= P95_GOAL_MS,
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
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
