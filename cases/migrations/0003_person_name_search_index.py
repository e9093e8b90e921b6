"""A substring index on person names, so the case search does not scan every person.

`?q=` on the case list matches part of "Voornaam Achternaam". A plain LIKE '%q%' reads
every person row (25 ms at 100 000 cases on SQLite, growing with the data), so:

* SQLite: an FTS5 table with the trigram tokenizer (SQLite >= 3.34), kept in step with
  `cases_person` by triggers, so anonymised or deleted names leave the index too.
* PostgreSQL: a pg_trgm GIN index on upper(first_name || ' ' || last_name), the exact
  expression `cases.search.person_case_ids` queries.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE cases_person_search USING fts5("
    "name, case_id UNINDEXED, tokenize='trigram')",
    "CREATE TRIGGER cases_person_search_insert AFTER INSERT ON cases_person BEGIN "
    "INSERT INTO cases_person_search(rowid, name, case_id) "
    "VALUES (new.id, new.first_name || ' ' || new.last_name, new.case_id); END",
    "CREATE TRIGGER cases_person_search_delete AFTER DELETE ON cases_person BEGIN "
    "DELETE FROM cases_person_search WHERE rowid = old.id; END",
    "CREATE TRIGGER cases_person_search_update AFTER UPDATE ON cases_person BEGIN "
    "UPDATE cases_person_search SET name = new.first_name || ' ' || new.last_name, "
    "case_id = new.case_id WHERE rowid = old.id; END",
    "INSERT INTO cases_person_search(rowid, name, case_id) "
    "SELECT id, first_name || ' ' || last_name, case_id FROM cases_person",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS cases_person_search_insert",
    "DROP TRIGGER IF EXISTS cases_person_search_delete",
    "DROP TRIGGER IF EXISTS cases_person_search_update",
    "DROP TABLE IF EXISTS cases_person_search",
]
POSTGRES_CREATE = [
    # pg_trgm is a trusted extension (PostgreSQL >= 13): the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS cases_person_name_trgm ON cases_person "
    "USING gin ((upper(first_name || ' ' || last_name)) gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS cases_person_name_trgm"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
