"""Production settings: `manage.py check --deploy` is clean with the production env."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#Qz9!pV2m@Lw4$Rt8^Yx1&Bn6*Hc3(Fd5)Gs0-Je-Ua+Oi=Pl_Kq",
    "ALLOWED_HOSTS": "schakel.example.nl",
    "DATABASE_URL": "sqlite:////tmp/schakel_check_deploy.sqlite3",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # No DJANGO_* variable of the test process (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses) and no DEBUG.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DEBUG"}
    # Settings and secrets come only from the variables under test.
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "REQUIRE_2FA"):
        clean.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_errors_in_production():
    result = _manage("check", "--deploy", env=PRODUCTION_ENV)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "ERRORS:" not in output
    # Other warnings may come and go with later hardening; these must never appear.
    for check in CORE_SECURITY_CHECKS:
        assert check not in output, output


CORE_SECURITY_CHECKS = [
    "security.W004",  # HSTS
    "security.W008",  # SSL redirect
    "security.W009",  # weak SECRET_KEY
    "security.W012",  # session cookie not secure
    "security.W016",  # CSRF cookie not secure
    "security.W018",  # DEBUG on
    "security.W020",  # ALLOWED_HOSTS empty
]


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _settings(names: list[str], env: dict[str, str]) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: str(getattr(settings, n)) for n in {names!r}}}))"
    )
    result = _manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_are_safe():
    expected = {
        "DEBUG": "False",
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SESSION_COOKIE_HTTPONLY": "True",
        "SECURE_SSL_REDIRECT": "True",
        "REQUIRE_2FA": "True",
        "TIME_ZONE": "Europe/Amsterdam",
        "LANGUAGE_CODE": "nl",
        "USE_TZ": "True",
    }

    assert _settings(list(expected), PRODUCTION_ENV) == expected


def test_production_uses_postgres_and_redis_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://schakel:geheim@db.internal:5432/schakel",
        "REDIS_URL": "redis://redis.internal:6379/0",
    }
    values = _settings(["DATABASES", "CELERY_BROKER_URL"], env)

    assert "django.db.backends.postgresql" in values["DATABASES"]
    assert values["CELERY_BROKER_URL"] == "redis://redis.internal:6379/0"


def _shell(code: str, env: dict[str, str]) -> str:
    result = _manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_without_redis_processes_share_the_cache_that_cache_url_names(tmp_path):
    # As `make run` starts web, worker and beat: the worker's heartbeat, written by one
    # process, is read by another (the web process behind /healthz).
    env = {**PRODUCTION_ENV, "REDIS_URL": "", "CACHE_URL": f"filecache://{tmp_path}"}
    heartbeat = "from config.celery import WORKER_HEARTBEAT_KEY as K, "

    _shell(heartbeat + "record_heartbeat; record_heartbeat(K)", env)
    seen = _shell(heartbeat + "last_heartbeat; print(last_heartbeat(K))", env)

    assert seen != "None"
    assert _settings(["CACHES"], env)["CACHES"].count("FileBasedCache") == 1


def test_without_redis_or_cache_url_each_process_has_its_own_cache():
    values = _settings(["CACHES"], {**PRODUCTION_ENV, "REDIS_URL": ""})

    assert "LocMemCache" in values["CACHES"]
