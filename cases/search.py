"""Case search: the reference in full, part of a person's "Voornaam Achternaam", a date
of birth (dd-mm-jjjj) or a postcode with house number ("1234 AB 12", "1234AB 12a").

Backed by the indexes of migrations 0003, 0006 and 0011: names on SQLite through an FTS5
trigram table (queries of three characters or more), on PostgreSQL through a pg_trgm index
on the stored full name without accents (`search_name`), so "Ozdemir" finds "Özdemir";
date of birth and postcode through b-tree indexes on both. The matches come back as one
`IN (subquery)` of case ids, so the database can start from the few matching cases
instead of scanning every case the user may see.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import Case, Person

NAME_SQL = {
    # Trigram MATCH with the query as one quoted phrase: a case-insensitive substring.
    "sqlite": "SELECT case_id FROM cases_person_search WHERE cases_person_search MATCH %s",
    # search_name is upper(schakel_unaccent(first_name || ' ' || last_name)), stored and
    # indexed by migration 0011.
    "postgresql": "SELECT case_id FROM cases_person WHERE search_name "
    "LIKE upper(schakel_unaccent(%s))",
}
# Below three characters no trigram index can help: a plain scan, accents significant
# (folding them would turn "é" into a search for every "e").
SHORT_NAME_SQL = (
    "SELECT case_id FROM cases_person "
    "WHERE upper(first_name || ' ' || last_name) LIKE upper(%s) ESCAPE '\\'"
)
# The exact expression of cases_person_postcode_idx (migration 0006), on both databases.
POSTCODE_SQL = (
    "SELECT case_id FROM cases_person WHERE upper(replace(postcode, ' ', '')) = %s "
    "AND upper(address) {regexp} %s"
)
REGEXP_OPERATOR = {"postgresql": "~", "sqlite": "REGEXP"}

BIRTH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
POSTCODE_HOUSE = re.compile(
    r"^([1-9][0-9]{3})\s?([A-Za-z]{2})[\s,]*([0-9]{1,5})\s*-?\s*([A-Za-z]?)$"
)


def _like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _birth_date(q: str) -> date | None:
    """The date in a dd-mm-jjjj query, or None (also for an impossible date)."""
    match = BIRTH_DATE.match(q)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _house_pattern(number: str, letter: str) -> str:
    """A regular expression (POSIX and Python alike) for the house number in an
    upper-cased address: "12" matches "Kerkstraat 12" and "Kerkstraat 12a", not "112"
    or "12 3"; "12a" only the house with that letter."""
    number = str(int(number))
    if letter:
        return f"(^|[^0-9]){number}[ -]?{letter.upper()}([^A-Z]|$)"
    return f"(^|[^0-9]){number}([^0-9]|$)"


def _postcode_case_ids(match: re.Match):
    """A subquery of the case ids of persons at this postcode and house number."""
    digits, letters, number, letter = match.groups()
    postcode = f"{digits}{letters.upper()}"
    operator = REGEXP_OPERATOR.get(connection.vendor)
    if operator is None:
        persons = Person.objects.filter(
            postcode__in=[postcode, f"{digits} {letters.upper()}"],
            address__iregex=_house_pattern(number, letter),
        )
        return persons.values("case_id")
    return RawSQL(POSTCODE_SQL.format(regexp=operator), [postcode, _house_pattern(number, letter)])


def matching_case_ids(q: str):
    """A subquery of the ids of cases whose reference is `q`, with a person born on the
    dd-mm-jjjj date `q`, living at the postcode + house number `q`, or whose full name
    contains `q` (case-insensitive; on PostgreSQL also accent-insensitive from three
    characters on)."""
    born = _birth_date(q)
    if born is not None:
        return Person.objects.filter(date_of_birth=born).values("case_id")
    if BIRTH_DATE.match(q):
        return Case.objects.none().values("pk")
    address = POSTCODE_HOUSE.match(q)
    if address:
        return _postcode_case_ids(address)
    reference = q.upper()
    vendor = connection.vendor
    if vendor in ("sqlite", "postgresql") and len(q) < 3:
        name_sql, name_params = SHORT_NAME_SQL, [_like_pattern(q)]
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
