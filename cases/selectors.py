"""Reads on the case core. Every query starts from the access layer."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from privacy.access import CaseAccess, visible_cases

from .models import Case, CaseEvent, CaseNote, Person


def case_list_for_user(
    user, *, q: str = "", phase: str = "", team_id: int | None = None
) -> QuerySet[Case]:
    """The user's visible cases, filtered and sorted by last activity."""
    qs = visible_cases(user)
    if phase:
        qs = qs.filter(phase=phase)
    if team_id:
        qs = qs.filter(owning_team_id=team_id)
    q = q.strip()
    if q:
        # Only reference and names (category basis, which every viewer of a case
        # has): a search must never reveal text of a category the user cannot see.
        name_match = Person.objects.filter(Q(first_name__icontains=q) | Q(last_name__icontains=q))
        parts = q.split()
        if len(parts) > 1:
            name_match = Person.objects.filter(
                Q(first_name__icontains=parts[0], last_name__icontains=" ".join(parts[1:]))
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
            )
        qs = qs.filter(Q(reference__icontains=q) | Q(pk__in=name_match.values("case_id")))
    return (
        qs.select_related("owning_team", "regiehouder")
        .prefetch_related(Prefetch("persons", queryset=Person.objects.order_by("id")))
        .order_by("-last_activity_at", "-id")
    )


def notes_for(case: Case, access: CaseAccess) -> QuerySet[CaseNote]:
    return (
        CaseNote.objects.filter(case=case, category__in=access.categories)
        .select_related("author", "author_organisation")
        .order_by("-created_at", "-id")
    )


def timeline_for(case: Case, access: CaseAccess) -> QuerySet[CaseEvent]:
    """Timeline entries of the categories this viewer may see, newest first."""
    return (
        CaseEvent.objects.filter(case=case, category__in=access.categories)
        .select_related("actor", "actor_organisation")
        .order_by("-created_at", "-id")
    )
