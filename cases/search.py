"""Case search on person names, backed by the index of migration 0003.

Matches part of "Voornaam Achternaam", case-insensitively. On SQLite the FTS5 trigram
table answers queries of three characters or more; shorter ones and other databases
without the index fall back to a plain (scanning) LIKE.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL


def _like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def person_case_ids(q: str):
    """A subquery of the ids of cases with a person whose full name contains `q`."""
    from .models import Person

    if connection.vendor == "sqlite" and len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        return RawSQL(
            "SELECT case_id FROM cases_person_search WHERE cases_person_search MATCH %s",
            (phrase,),
        )
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT case_id FROM cases_person "
            "WHERE upper(first_name || ' ' || last_name) LIKE upper(%s)",
            (_like_pattern(q),),
        )
    return Person.objects.filter(Q(first_name__icontains=q) | Q(last_name__icontains=q)).values(
        "case_id"
    )
