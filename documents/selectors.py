"""Reading documents: always for one case and the categories the viewer may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from cases.models import Case

from .models import Document


def documents_for(case: Case, categories: Iterable[str]) -> QuerySet[Document]:
    """The case's documents in these categories whose file still exists, newest first."""
    return Document.objects.filter(
        case=case, category__in=list(categories), file_deleted_at__isnull=True
    ).select_related("uploaded_by_organisation")
