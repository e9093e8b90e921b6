"""Reads behind the case list: every query starts from the access layer."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from cases.models import Case, Person
from cases.search import matching_case_ids
from privacy.access import count_visible_cases, visible_cases

COUNT_CAP = 1000


def _filtered(
    qs: QuerySet[Case],
    user,
    *,
    q: str = "",
    phase: str = "",
    team_id: int | None = None,
    mine: bool = False,
) -> QuerySet[Case]:
    if mine:
        qs = qs.filter(Q(regiehouder=user) | Q(procesregisseur=user))
    if phase:
        qs = qs.filter(phase=phase)
    if team_id:
        qs = qs.filter(owning_team_id=team_id)
    q = q.strip()
    if q:
        # Only reference and names (category basis, which every viewer of a case
        # has): a search must never reveal text of a category the user cannot see.
        # The reference is matched whole (unique index); names in part (cases.search).
        qs = qs.filter(pk__in=matching_case_ids(q))
    return qs


def case_list_for_user(
    user, *, q: str = "", phase: str = "", team_id: int | None = None, mine: bool = False
) -> QuerySet[Case]:
    """The user's visible cases, filtered and sorted by last activity; `mine`: only those
    the user is regiehouder or procesregisseur of."""
    return (
        _filtered(visible_cases(user), user, q=q, phase=phase, team_id=team_id, mine=mine)
        .select_related("owning_team", "regiehouder")
        .prefetch_related(Prefetch("persons", queryset=Person.objects.order_by("id")))
        .order_by("-last_activity_at", "-id")
    )


def case_count_for_user(
    user,
    *,
    q: str = "",
    phase: str = "",
    team_id: int | None = None,
    mine: bool = False,
    limit: int | None = None,
) -> int:
    """How many cases `case_list_for_user` holds with these filters, counting at most `limit`."""
    return count_visible_cases(
        user,
        lambda qs: _filtered(qs, user, q=q, phase=phase, team_id=team_id, mine=mine),
        limit=limit,
    )
