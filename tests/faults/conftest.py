"""Fault fixtures: processes the tests start and stop themselves, on loopback only."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from tests.escalation.reminder_helpers import full_demo  # noqa: F401  (fixture)

START_TIMEOUT = 10.0


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class OwnRedis:
    """A redis-server of this test only, on 127.0.0.1, without persistence."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(self.port):
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=START_TIMEOUT)
            self.process = None


@pytest.fixture
def own_redis(tmp_path, redis_url):
    """A broker the test may stop: never the machine's shared Redis."""
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is needed for the broker fault tests")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker_at():
    """Point the Celery app at a broker URL, publishing for real (not eagerly)."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def forget_connections() -> None:
        # Both pools hold connections to the previous broker URL.
        app._pool = None
        app.amqp._producer_pool = None

    def point(url: str) -> None:
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        forget_connections()

    yield point
    app.conf.update(saved)
    forget_connections()


# --- processes the test starts itself (workers, beat, web servers) -------------------

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of this test's database (pytest-django's test_… copy, per xdist worker)."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def process_env(*, redis_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    """Environment of a child process: this test's database and broker, e-mail as files
    in `workdir`/mail, and the process settings (tests.faults.process_settings)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PYTEST_"))}
    (workdir / "mail").mkdir(exist_ok=True)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.faults.process_settings",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        FAULT_EMAIL_DIR=str(workdir / "mail"),
        FAULT_BEAT_SCHEDULE=str(workdir / "celerybeat-schedule"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class Processes:
    """Child processes, each in its own process group (so a kill reaches its pool
    children too), with output in `workdir`/<name>.log. `stop_all` never leaves one."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the child
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.started[name] = process
        return process

    def worker(self, name: str, env: dict[str, str], *, concurrency: int = 1) -> subprocess.Popen:
        return self.start(
            name,
            [
                str(Path(sys.executable).parent / "celery"), "-A", "config", "worker",
                "-n", f"{name}@%h", "-P", "prefork", "-c", str(concurrency),
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--loglevel", "INFO",
            ],
            env,
        )  # fmt: skip

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: no graceful shutdown, no ack, no cleanup."""
        process = self.started.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=START_TIMEOUT)

    def stop_all(self) -> None:
        for name in list(self.started):
            self.kill(name)

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


def pool_children(pid: int) -> list[int]:
    """Pids of the direct children of `pid` (a prefork worker's pool processes)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            children += [int(c) for c in (task / "children").read_text().split()]
    return children


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop_all()
