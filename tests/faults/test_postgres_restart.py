"""PostgreSQL restarted under load, for real: the test starts a PostgreSQL server of its
own (initdb in a temporary directory, on a free loopback port; the machine's shared
server is never touched), gives it Schakel's schema and the demo data (a dump of this
test's migrated database), and starts gunicorn against it with kept connections
(CONN_MAX_AGE). While a thread requests /cases/ (logged in) and /healthz, the server is
stopped and started again. Every answer in the outage is 200 or the Dutch 503 page, never
a 500 or a dropped connection; /healthz says the database is down; afterwards the same
session works again without restarting gunicorn. A second restart nobody requests during
shows that a kept connection the server dropped is replaced before it is used
(CONN_HEALTH_CHECKS): the next requests are all 200."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.conftest import REQUIRE_SERVICES

from .conftest import free_port, listening, process_env
from .http_login import login_over_http

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
BOUND = 120.0  # the whole test, from the server's initdb to the last assertion
RECOVERY = 20.0  # after the server is back, /cases/ answers 200 again within this
OUTAGE_AT_LEAST = 2.0
REQUEST_TIMEOUT = 5.0
PAGE_503 = "Schakel is tijdelijk niet beschikbaar"
USER = "postgres"


def _unavailable(reason: str) -> None:
    # As the other fault tests do for a missing tool: under REQUIRE_SERVICES=1 (CI) a
    # failure, otherwise a skip that says what is missing.
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


def _server_binaries() -> Path:
    """bin/ of the newest PostgreSQL installed under /usr/lib/postgresql/<version>."""
    found = [
        d / "bin"
        for d in Path("/usr/lib/postgresql").glob("*")
        if all((d / "bin" / tool).exists() for tool in ("initdb", "pg_ctl", "postgres"))
    ]
    if not found:
        _unavailable("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return max(found, key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)


def _as_server_user() -> list[str]:
    """initdb and postgres refuse to run as root: as root, run them as the postgres OS user."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if not runuser:
        _unavailable("running as root and runuser is missing: cannot start PostgreSQL")
    try:
        pwd.getpwnam(USER)
    except KeyError:
        _unavailable("running as root and there is no 'postgres' OS user")
    return [runuser, "-u", USER, "--"]


class OwnPostgres:
    """A PostgreSQL server of this test only, on 127.0.0.1, its data and socket in a
    temporary directory. Durability is off (fsync): a clean stop still writes everything."""

    def __init__(self) -> None:
        self.bin = _server_binaries()
        self.prefix = _as_server_user()
        self.deadline = time.monotonic() + BOUND
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="schakel-pg-restart-"))
        self.data = self.dir / "data"
        if self.prefix:
            shutil.chown(self.dir, user=USER, group=pwd.getpwnam(USER).pw_gid)

    def url(self, name: str) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.port}/{name}"

    def _run(self, tool: str, *args: str, timeout: float = 60) -> None:
        result = subprocess.run(
            [*self.prefix, str(self.bin / tool), *args],
            cwd=self.dir, capture_output=True, text=True,
            timeout=max(1.0, min(timeout, self.deadline - time.monotonic())),
        )  # fmt: skip
        if result.returncode:
            pytest.fail(f"{tool} {' '.join(args)} failed:\n{result.stdout}{result.stderr}")

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        log = str(self.dir / "server.log")
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "-t", "30", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: the server's own restart, same options as before."""
        # -l again: without it the restarted server writes to pg_ctl's output, which
        # then never ends.
        log = str(self.dir / "server.log")
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", log, "-m", "fast", "-w", "-t", "30", "restart"
        )

    def remove(self) -> None:
        """Stop the server however it is, and delete its directory."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                self.stop("immediate")
        pidfile = self.data / "postmaster.pid"
        if pidfile.exists():  # pg_ctl could not stop it: kill the postmaster
            with contextlib.suppress(Exception):
                os.kill(int(pidfile.read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        path = self.dir / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@pytest.fixture
def own_postgres():
    server = OwnPostgres()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.remove()


def _copy_test_database_into(server: OwnPostgres, name: str) -> None:
    """Schema and data of this test's database (migrated by pytest-django, the demo
    committed) into `name` on the test's own server. A dump instead of `migrate`:
    the same schema, in seconds instead of ~40 s of migrations on a busy machine."""
    db = connection.settings_dict
    dump = server.dir / "schakel.sql"
    source = [
        "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"],
    ]  # fmt: skip
    for args in (
        [str(server.bin / "pg_dump"), *source, "--no-owner", "--no-privileges",
         "-f", str(dump), db["NAME"]],
        [str(server.bin / "createdb"), "-h", "127.0.0.1", "-p", str(server.port), "-U", USER,
         name],
        [str(server.bin / "psql"), "-h", "127.0.0.1", "-p", str(server.port), "-U", USER,
         "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump), name],
    ):  # fmt: skip
        result = subprocess.run(args, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"{args[0]}: {result.stderr[-2000:]}"


@dataclass
class Answer:
    path: str
    phase: str
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    error: str = ""
    retry_after: str | None = None
    body: str = ""
    seconds: float = 0.0


class Load:
    """One thread per path, each requesting its path in a loop until stopped."""

    def __init__(self, base: str, session: requests.Session) -> None:
        self.base = base
        self.session = session
        self.phase = "before"
        self.answers: list[Answer] = []
        self.stopped = threading.Event()
        self.threads = [
            threading.Thread(target=self._loop, args=(path,), daemon=True)
            for path in ("/cases/", "/healthz")
        ]

    def _loop(self, path: str) -> None:
        # /cases/ with the logged-in session; /healthz as a load balancer asks it.
        client = self.session if path == "/cases/" else requests.Session()
        while not self.stopped.is_set():
            phase = self.phase
            began = time.monotonic()
            try:
                response = client.get(
                    self.base + path, allow_redirects=False, timeout=REQUEST_TIMEOUT
                )
            except requests.RequestException as exc:
                self.answers.append(
                    Answer(path, phase, None, error=repr(exc), seconds=time.monotonic() - began)
                )
            else:
                self.answers.append(
                    Answer(
                        path, phase, response.status_code,
                        retry_after=response.headers.get("Retry-After"),
                        body=response.text, seconds=time.monotonic() - began,
                    )
                )  # fmt: skip
            time.sleep(0.05)

    def seen(self, path: str, status: int, phase: str) -> bool:
        return any(a.path == path and a.status == status and a.phase == phase for a in self.answers)

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=REQUEST_TIMEOUT + 2)


def _wait(condition, what: str, until: float, logs) -> None:
    while not condition():
        if time.monotonic() > until:
            pytest.fail(f"{what}\n{logs()}")
        time.sleep(0.1)


def _answers(base: str) -> bool:
    try:
        return requests.get(f"{base}/accounts/login/", timeout=2).ok
    except requests.RequestException:
        return False


def test_postgres_restarted_under_load_gives_503_pages_and_recovers_by_itself(
    postgres_only, redis_url, own_postgres, demo, processes, tmp_path
):
    deadline = own_postgres.deadline
    _copy_test_database_into(own_postgres, "schakel")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = process_env(
        redis_url=redis_url,
        workdir=tmp_path,
        DATABASE_URL=own_postgres.url("schakel"),
        # Kept connections, as production runs: the restart kills them under the app.
        CONN_MAX_AGE="60",
        SECURE_COOKIES="false",
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    web = processes.start(
        "web",
        [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "30"],
        env,
    )

    def logs() -> str:
        return f"--- gunicorn\n{processes.log('web')}\n--- postgres\n{own_postgres.log()}"

    _wait(lambda: _answers(base), "gunicorn did not answer", deadline, logs)
    browser = login_over_http(base)
    first = browser.get(f"{base}/cases/", allow_redirects=False, timeout=30)
    assert first.status_code == 200 and "DEMO-" in first.text
    session_key = browser.cookies["sessionid"]

    with Load(base, browser) as load:
        _wait(lambda: load.seen("/cases/", 200, "before"), "no 200 before", deadline, logs)
        load.phase = "outage"
        own_postgres.stop("fast")
        stopped_at = time.monotonic()
        _wait(
            lambda: (
                time.monotonic() - stopped_at >= OUTAGE_AT_LEAST
                and load.seen("/cases/", 503, "outage")
                and load.seen("/healthz", 503, "outage")
            ),
            "no 503 from /cases/ and /healthz while the database was down",
            deadline,
            logs,
        )
        own_postgres.start()
        started_at = time.monotonic()
        load.phase = "after"
        _wait(
            lambda: load.seen("/cases/", 200, "after") and load.seen("/healthz", 200, "after"),
            f"/cases/ and /healthz not 200 within {RECOVERY:.0f} s of the restart",
            min(deadline, started_at + RECOVERY),
            logs,
        )
        recovered_in = time.monotonic() - started_at
        time.sleep(1)  # a few more rounds after recovery
    answers = list(load.answers)

    counts = Counter((a.path, a.phase, a.status) for a in answers)
    slowest: dict = {}
    for a in answers:
        key = (a.path, a.phase, a.status)
        slowest[key] = max(slowest.get(key, 0.0), a.seconds)
    print(
        f"\nPostgreSQL restart under load: {len(answers)} requests, "
        f"{sum(a.status == 200 for a in answers)} × 200, "
        f"{sum(a.status == 503 for a in answers)} × 503, "
        f"outage {started_at - stopped_at:.1f} s, recovered {recovered_in:.1f} s after start"
    )
    for key, n in sorted(counts.items(), key=str):
        print(f"  {key[0]:8} {key[1]:7} {key[2]}: {n:3}  (slowest {slowest[key]:.2f} s)")

    for a in answers:
        assert a.status is not None, f"{a.path} ({a.phase}): no answer: {a.error}"
        assert a.status in (200, 503), f"{a.path} ({a.phase}): {a.status}\n{a.body[:800]}"
        if a.status != 503:
            continue
        if a.path == "/cases/":
            assert PAGE_503 in a.body, a.body[:800]
            assert a.retry_after == "30"
            assert "Traceback" not in a.body and "OperationalError" not in a.body
        else:
            assert '"database": "error"' in a.body, a.body
    cases_after = [a for a in answers if a.path == "/cases/" and a.phase == "after"]
    assert cases_after[-1].status == 200 and "DEMO-" in cases_after[-1].body

    # A restart nobody requested during: each kept connection is dead, and is replaced
    # before use (CONN_HEALTH_CHECKS), so not one request fails.
    own_postgres.restart()
    quiet = [browser.get(f"{base}/cases/", allow_redirects=False, timeout=30) for _ in range(6)]
    assert [r.status_code for r in quiet] == [200] * 6
    assert browser.cookies["sessionid"] == session_key  # the same session throughout

    # The same gunicorn and its same two workers throughout: nothing restarted.
    assert web.poll() is None
    booted = (tmp_path / "web.log").read_text(errors="replace").count("Booting worker")
    assert booted == 2, logs()
    assert listening(port)
    assert time.monotonic() < deadline, "the test took longer than its bound"
