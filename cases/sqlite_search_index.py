"""Keep SQLite's person-search index whole after every `migrate`.

On SQLite the name search reads an FTS5 table filled by triggers on `cases_person`, and
the date-of-birth and postcode searches read two expression indexes (migrations 0003 and
0006). SQLite cannot alter a column in place: any later migration that adds or changes a
`Person` field rebuilds the table, and the rebuild silently drops those triggers and
indexes (0007, the BSN field, did). Rather than trust every future migration to restore
them, this runs after every `migrate` and puts back whatever is missing; it changes
nothing when all is in place. PostgreSQL alters tables in place and needs none of this.
"""

from __future__ import annotations

from django.db import connections

CREATE_IF_MISSING = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cases_person_search USING fts5("
    "name, case_id UNINDEXED, tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS cases_person_search_insert AFTER INSERT ON cases_person "
    "BEGIN INSERT INTO cases_person_search(rowid, name, case_id) "
    "VALUES (new.id, new.first_name || ' ' || new.last_name, new.case_id); END",
    "CREATE TRIGGER IF NOT EXISTS cases_person_search_delete AFTER DELETE ON cases_person "
    "BEGIN DELETE FROM cases_person_search WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS cases_person_search_update AFTER UPDATE ON cases_person "
    "BEGIN UPDATE cases_person_search SET name = new.first_name || ' ' || new.last_name, "
    "case_id = new.case_id WHERE rowid = old.id; END",
    "CREATE INDEX IF NOT EXISTS cases_person_birth_idx ON cases_person (date_of_birth)",
    "CREATE INDEX IF NOT EXISTS cases_person_postcode_idx "
    "ON cases_person ((upper(replace(postcode, ' ', ''))))",
]
REFILL = [
    "DELETE FROM cases_person_search",
    "INSERT INTO cases_person_search(rowid, name, case_id) "
    "SELECT id, first_name || ' ' || last_name, case_id FROM cases_person",
]


def ensure_sqlite_search_index(*, using: str = "default") -> bool:
    """Recreate missing triggers/indexes and refill the FTS table if it drifted.

    Returns True when the FTS table had to be refilled.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases_person'")
        if cursor.fetchone() is None:
            return False  # migrating backwards past cases 0001
        for statement in CREATE_IF_MISSING:
            cursor.execute(statement)
        cursor.execute(
            "SELECT (SELECT count(*) FROM cases_person), (SELECT count(*) FROM cases_person_search)"
        )
        persons, indexed = cursor.fetchone()
        if persons == indexed:
            return False
        for statement in REFILL:
            cursor.execute(statement)
    return True


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    ensure_sqlite_search_index(using=using)
