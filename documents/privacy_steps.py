"""What privacy's retention and inzage do with documents (registered in apps.py)."""

from __future__ import annotations

from django.utils import timezone

from cases.categories import Category
from cases.models import Case

from .models import Document
from .services import document_files_delete

ANONYMISED = "[geanonimiseerd]"


def count(case: Case) -> dict[str, int]:
    """What retention would remove (dry run)."""
    return {"files": Document.objects.filter(case=case, file_deleted_at__isnull=True).count()}


def anonymise(case: Case) -> dict[str, int]:
    """Delete the files (after commit) and blank titles and names; the rows stay so the
    statistics (how many documents, which categories) survive."""
    documents = Document.objects.filter(case=case)
    files = document_files_delete(documents)
    documents.update(title=ANONYMISED, original_filename="")
    return {"files_deleted": files}


def inzage_export(case: Case) -> list[dict]:
    """Every document of the case, as the inzage lists it (the files on request)."""
    return [
        {
            "titel": d.title,
            "datum": d.document_date.isoformat(),
            "categorie": Category(d.category).label,
            "bestandsnaam": d.original_filename,
            "soort": d.content_type,
            "grootte_bytes": d.size,
            "toegevoegd_door": d.uploaded_by.get_full_name() or d.uploaded_by.get_username(),
            "organisatie": d.uploaded_by_organisation.name,
            "toegevoegd_op": timezone.localtime(d.uploaded_at).isoformat(),
            "bestand_verwijderd_op": (
                timezone.localtime(d.file_deleted_at).isoformat() if d.file_deleted_at else None
            ),
        }
        for d in Document.objects.filter(case=case)
        .select_related("uploaded_by", "uploaded_by_organisation")
        .order_by("document_date", "pk")
    ]
