"""SQLite's person-search index survives a table rebuild (found after migration 0007)."""

from __future__ import annotations

import pytest
from django.db import connection

from cases.models import Person
from cases.sqlite_search_index import ensure_sqlite_search_index

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's FTS5 index; PostgreSQL uses pg_trgm"
)


def _objects(kind: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
        return {row[0] for row in cursor.fetchall()}


def test_after_migrate_the_search_triggers_and_indexes_exist(db):
    assert {
        "cases_person_search_insert",
        "cases_person_search_delete",
        "cases_person_search_update",
    } <= _objects("trigger")
    assert {"cases_person_birth_idx", "cases_person_postcode_idx"} <= _objects("index")


def test_a_dropped_trigger_is_put_back_and_the_index_refilled(demo):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER cases_person_search_insert")
    case = demo.cases["DEMO-ZVH"]
    Person.objects.create(case=case, first_name="Zeynep", last_name="Quaak")

    assert ensure_sqlite_search_index() is True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM cases_person_search WHERE cases_person_search MATCH %s",
            ['"Quaak"'],
        )
        assert cursor.fetchone()[0] == 1
    assert "cases_person_search_insert" in _objects("trigger")
    assert ensure_sqlite_search_index() is False, "a second run finds nothing to repair"
