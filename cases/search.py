"""Case search: the reference in full, or part of a person's "Voornaam Achternaam".

Backed by the index of migration 0003: on SQLite an FTS5 trigram table (queries of three
characters or more), on PostgreSQL a pg_trgm index on the full name. The matches come
back as one `IN (subquery)` of case ids, so the database can start from the few matching
cases instead of scanning every case the user may see.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import Case, Person

NAME_SQL = {
    # Trigram MATCH with the query as one quoted phrase: a case-insensitive substring.
    "sqlite": "SELECT case_id FROM cases_person_search WHERE cases_person_search MATCH %s",
    # The exact expression of the cases_person_name_trgm index.
    "postgresql": "SELECT case_id FROM cases_person "
    "WHERE upper(first_name || ' ' || last_name) LIKE upper(%s)",
}
# Below three characters the trigram index cannot help: a plain scan.
SHORT_NAME_SQL = (
    "SELECT case_id FROM cases_person "
    "WHERE first_name LIKE %s ESCAPE '\\' OR last_name LIKE %s ESCAPE '\\'"
)


def _like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching_case_ids(q: str):
    """A subquery of the ids of cases whose reference is `q` or with a person whose
    full name contains `q` (case-insensitive)."""
    reference = q.upper()
    vendor = connection.vendor
    if vendor == "sqlite" and len(q) < 3:
        name_sql, name_params = SHORT_NAME_SQL, [_like_pattern(q)] * 2
    elif vendor == "sqlite":
        name_sql, name_params = NAME_SQL["sqlite"], ['"' + q.replace('"', '""') + '"']
    elif vendor == "postgresql":
        name_sql, name_params = NAME_SQL["postgresql"], [_like_pattern(q)]
    else:
        names = Person.objects.filter(Q(first_name__icontains=q) | Q(last_name__icontains=q))
        return Case.objects.filter(
            Q(reference=reference) | Q(pk__in=names.values("case_id"))
        ).values("pk")
    return RawSQL(
        f"SELECT id FROM cases_case WHERE reference = %s UNION ALL {name_sql}",
        [reference, *name_params],
    )
