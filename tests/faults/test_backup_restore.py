"""Backup and restore: pg_dump of the database, pg_restore into a scratch database,
`manage.py restore_check` on the copy (README, "Schaal, storingen en back-up")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from privacy.models import AccessLog

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
BOUND = 120


def _server() -> dict:
    db = connection.settings_dict
    return {"host": db["HOST"] or "127.0.0.1", "port": str(db["PORT"] or 5432), "user": db["USER"]}


def _url(name: str) -> str:
    s = _server()
    return f"postgres://{s['user']}@{s['host']}:{s['port']}/{name}"


def _admin(sql: str) -> None:
    s = _server()
    with psycopg.connect(
        dbname="postgres", autocommit=True, connect_timeout=5, **{**s, "port": int(s["port"])}
    ) as admin:
        admin.execute(sql)


@pytest.fixture
def restored_copy(postgres_only, demo, tmp_path):
    """The test database dumped and restored into a scratch database; yields its URL."""
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump and pg_restore are needed for the backup test")
    demo.client_for("wijkteam").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    s = _server()
    dump = tmp_path / "schakel.dump"
    server = ["-h", s["host"], "-p", s["port"], "-U", s["user"]]
    subprocess.run(
        ["pg_dump", *server, "--format=custom", "--no-owner", "-f", str(dump),
         connection.settings_dict["NAME"]],
        check=True, timeout=BOUND,
    )  # fmt: skip
    scratch = f"schakel_restore_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(
            ["pg_restore", *server, "--no-owner", "--exit-on-error", "-d", scratch, str(dump)],
            check=True, timeout=BOUND,
        )  # fmt: skip
        yield _url(scratch)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def _restore_check(url: str, latest: int) -> subprocess.CompletedProcess:
    # As an operator runs it: its own process, pointed at the copy.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "manage.py", "restore_check", "--database", url,
         "--expect-latest-log", str(latest)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=BOUND,
    )  # fmt: skip


def test_a_restored_copy_passes_the_restore_check(restored_copy):
    latest = AccessLog.objects.order_by("-id").values_list("id", flat=True).first()
    assert latest is not None

    result = _restore_check(restored_copy, latest)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "trigger privacy_accesslog_append_only: aanwezig" in out
    assert f"laatste toegangslogregel: {latest}" in out
    assert "cases_case: " in out and "cases_case: 0" not in out
    assert "Terugzetcontrole geslaagd." in out


def test_a_copy_without_the_append_only_trigger_or_newest_log_row_fails(restored_copy):
    latest = AccessLog.objects.order_by("-id").values_list("id", flat=True).first()
    with psycopg.connect(restored_copy.replace("postgres://", "postgresql://")) as copy:
        copy.execute("DROP TRIGGER privacy_accesslog_append_only ON privacy_accesslog")

    result = _restore_check(restored_copy, latest + 1)

    assert result.returncode == 1
    assert "privacy_accesslog_append_only" in result.stderr
    assert f"newest row {latest + 1} missing" in result.stderr
