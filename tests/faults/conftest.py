"""Fault fixtures: processes the tests start and stop themselves, on loopback only."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from config.celery import app
from tests.escalation.reminder_helpers import full_demo  # noqa: F401  (fixture)

START_TIMEOUT = 10.0


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
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
        while not _listening(self.port):
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
