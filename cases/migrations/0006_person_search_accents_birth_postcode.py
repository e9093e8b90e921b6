"""Search by name without accents, by date of birth and by postcode + house number.

* PostgreSQL: "Ozdemir" must find "Özdemir". `unaccent()` is only STABLE (it reads a
  dictionary), so an index cannot use it directly; `schakel_unaccent` pins the dictionary
  and is IMMUTABLE, the documented way to index it. The trigram index of 0003 is
  replaced by one on upper(schakel_unaccent(first_name || ' ' || last_name)), the exact
  expression `cases.search` queries.
* Both databases: a b-tree on date_of_birth and one on the postcode without spaces, so
  the two exact searches read a few index entries instead of every person. They are
  plain SQL (not Meta.indexes): the postcode index is an expression Django would spell
  differently from the query in `cases.search`.
* SQLite keeps its FTS5 trigram table (accents stay significant there: its trigram
  tokenizer removes diacritics only from SQLite 3.45 on).
"""

from django.db import migrations

BOTH_CREATE = [
    "CREATE INDEX IF NOT EXISTS cases_person_birth_idx ON cases_person (date_of_birth)",
    "CREATE INDEX IF NOT EXISTS cases_person_postcode_idx "
    "ON cases_person ((upper(replace(postcode, ' ', ''))))",
]
BOTH_DROP = [
    "DROP INDEX IF EXISTS cases_person_birth_idx",
    "DROP INDEX IF EXISTS cases_person_postcode_idx",
]
POSTGRES_CREATE = [
    # unaccent is a trusted extension (PostgreSQL >= 13), like pg_trgm.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # Schema-qualified ({schema}): pg_restore runs with an empty search_path, and an
    # unqualified unaccent() would make the index fail to rebuild from a backup.
    "CREATE OR REPLACE FUNCTION schakel_unaccent(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$",
    "DROP INDEX IF EXISTS cases_person_name_trgm",
    "CREATE INDEX IF NOT EXISTS cases_person_name_unaccent_trgm ON cases_person "
    "USING gin ((upper(schakel_unaccent(first_name || ' ' || last_name))) gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS cases_person_name_unaccent_trgm",
    "DROP FUNCTION IF EXISTS schakel_unaccent(text)",
    "CREATE INDEX IF NOT EXISTS cases_person_name_trgm ON cases_person "
    "USING gin ((upper(first_name || ' ' || last_name)) gin_trgm_ops)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    for statement in BOTH_CREATE + (POSTGRES_CREATE if vendor == "postgresql" else []):
        if "{schema}" in statement:
            statement = statement.format(schema=_unaccent_schema(schema_editor))
        schema_editor.execute(statement)


def _unaccent_schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(n.nspname) FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
        )
        return cursor.fetchone()[0]


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    for statement in BOTH_DROP + (POSTGRES_DROP if vendor == "postgresql" else []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_organisation_moved")]

    operations = [migrations.RunPython(forwards, backwards)]
