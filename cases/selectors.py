"""Reads on the case core for a case the caller already opened through the access layer:
only the categories given are returned."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Case, CaseEvent, CaseNote


def notes_for(case: Case, categories: Iterable[str]) -> QuerySet[CaseNote]:
    return (
        CaseNote.objects.filter(case=case, category__in=categories)
        .select_related("author", "author_organisation")
        .order_by("-created_at", "-id")
    )


def timeline_for(case: Case, categories: Iterable[str]) -> QuerySet[CaseEvent]:
    """Timeline entries of the categories this viewer may see, newest first."""
    return (
        CaseEvent.objects.filter(case=case, category__in=categories)
        .select_related("actor", "actor_organisation")
        .order_by("-created_at", "-id")
    )
