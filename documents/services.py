"""Writing documents: upload (checked, then stored under a random name) and the file's
removal by retention."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.services import event_record
from organisations.roles import actor_of
from privacy.access import case_access

from .models import Document
from .validation import check_size, clean_filename, detect_type

logger = logging.getLogger(__name__)
CHUNK = 64 * 1024


def document_storage() -> Storage:
    """The storage of case documents (settings.STORAGES["documents"])."""
    return storages["documents"]


def _random_name(extension: str) -> str:
    # Never the user's file name: nothing they type reaches a path or an S3 key.
    return f"cases/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


def _sha256(upload: File) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def document_upload(
    *,
    user,
    case: Case,
    category: str,
    title: str,
    document_date: date,
    upload: File,
    filename: str,
) -> Document:
    """Store `upload` on the case; returns the new Document.

    Refused (PermissionDenied, or ValidationError with a Dutch message) before anything
    is stored: a category the user may not write, an empty or oversized file, a file
    name with path parts or control characters, a type other than PDF, PNG, JPEG or an
    office document (decided by the content). Should the database write fail after
    the file was saved, the file is removed again: no orphan in the storage.
    """
    if category not in Category.values:
        raise ValidationError(_("Onbekende categorie."))
    access = case_access(user, case)
    if not access.can_change or not access.can_see(category):
        raise PermissionDenied(_("U kunt in deze categorie geen documenten toevoegen."))
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Geef het document een titel."))
    filename = clean_filename(filename)
    check_size(upload.size or 0, settings.DOCUMENTS_MAX_BYTES)
    detected = detect_type(upload)
    sha256 = _sha256(upload)
    storage = document_storage()
    upload.seek(0)
    name = storage.save(_random_name(detected.extension), upload)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                case=case,
                category=category,
                title=title[:200],
                document_date=document_date,
                storage_name=name,
                original_filename=filename,
                content_type=detected.mime,
                size=upload.size,
                sha256=sha256,
                uploaded_by=user,
                uploaded_by_organisation=actor_of(user).organisation,
            )
            event_record(
                case=case,
                kind="document_added",
                actor=user,
                category=category,
                description=_("Document toegevoegd (%(category)s).")
                % {"category": Category(category).label},
            )
    except BaseException:
        storage.delete(name)
        raise
    return document


def document_files_delete(documents) -> int:
    """Delete the stored files of these documents once the current transaction commits;
    returns how many are to be deleted. Each row records its deletion when it is done."""
    rows = list(documents.filter(file_deleted_at__isnull=True).values_list("pk", "storage_name"))

    def delete() -> None:
        storage = document_storage()
        for pk, name in rows:
            try:
                storage.delete(name)
            except Exception:
                # Logged with the name so an operator can remove it by hand; the row
                # keeps file_deleted_at empty, which lists it as still to be deleted.
                logger.exception("Could not delete document file %s", name)
                continue
            Document.objects.filter(pk=pk).update(file_deleted_at=timezone.now())

    transaction.on_commit(delete)
    return len(rows)
