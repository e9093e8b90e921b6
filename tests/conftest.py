from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# Property tests run beside parallel workers on a 2-core machine: wall-clock limits
# (per-example deadline, slow-generation health check) would make them flaky without
# testing anything about the code. The number of examples stays Hypothesis' default.
hypothesis_settings.register_profile(
    "schakel", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("schakel")


def pytest_sessionstart(session) -> None:
    if not REQUIRE_SERVICES:
        return
    # Under REQUIRE_SERVICES=1 (CI) a missing service is a failure, not a skip.
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError("REQUIRE_SERVICES=1 but DATABASE_URL is not PostgreSQL")
    if not os.environ.get("REDIS_URL"):
        raise pytest.UsageError("REQUIRE_SERVICES=1 but REDIS_URL is not set")
    _check_redis(os.environ["REDIS_URL"])


def _check_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # pragma: no cover - the message is the point
        raise pytest.UsageError(
            f"REQUIRE_SERVICES=1 but Redis at {url} is unreachable: {exc}"
        ) from exc


@pytest.fixture
def postgres_only(settings) -> None:
    """Skip (or, under REQUIRE_SERVICES=1, fail) when not running on PostgreSQL."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        if REQUIRE_SERVICES:
            pytest.fail("PostgreSQL required (REQUIRE_SERVICES=1)")
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://… to run")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if REQUIRE_SERVICES:
            pytest.fail("Redis required (REQUIRE_SERVICES=1)")
        pytest.skip("needs Redis: set REDIS_URL=redis://… to run")
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss"):
        pytest.fail(f"REDIS_URL is not a redis URL: {url}")
    _check_redis(url)
    return url


@pytest.fixture
def demo(db):
    """The demo organisations, users and story cases of the interface contract."""
    from workplace.demo.people import seed_organisations, seed_users
    from workplace.demo.seed import ensure_reference_data
    from workplace.demo.stories import seed_stories

    # Transactional tests flush what the data migrations shipped; put it back.
    ensure_reference_data()
    orgs = seed_organisations()
    users = seed_users(orgs)
    cases = seed_stories(users=users, orgs=orgs)
    return Demo(orgs=orgs, users=users, cases=cases)


class Demo:
    def __init__(self, *, orgs, users, cases) -> None:
        self.orgs = orgs
        self.users = users
        self.cases = cases

    def client_for(self, username: str):
        from django.test import Client

        client = Client()
        client.force_login(self.users[username])
        return client
