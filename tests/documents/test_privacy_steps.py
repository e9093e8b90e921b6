"""Retention deletes the files of anonymised cases; inzage lists a case's documents."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile

from documents.models import Document
from documents.services import document_storage
from organisations.roles import actor_of
from privacy.inzage import _case
from privacy.models import RetentionTombstone
from privacy.retention import retention_run

from .conftest import PDF, stored_files

pytestmark = pytest.mark.django_db


def _document_on(case, user, *, title="Brief van de GGZ over Hendriks") -> Document:
    name = document_storage().save("cases/test/brief.pdf", ContentFile(PDF))
    return Document.objects.create(
        case=case,
        category="gezondheid",
        title=title,
        document_date=datetime.date(2022, 5, 1),
        storage_name=name,
        original_filename="brief hendriks.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=user,
        uploaded_by_organisation=actor_of(user).organisation,
    )


def test_retention_deletes_the_files_and_counts_them_in_the_tombstone(
    demo, storage_dir, django_capture_on_commit_callbacks
):
    case = demo.cases["DEMO-GESLOTEN"]
    document = _document_on(case, demo.users["wijkteam"])
    assert stored_files(storage_dir) == [document.storage_name]
    with django_capture_on_commit_callbacks(execute=True):
        result = retention_run()
    assert [c.reference for c in result.cases] == ["DEMO-GESLOTEN"]
    tombstone = RetentionTombstone.objects.get(case=case)
    assert tombstone.removed["documents.files_deleted"] == 1
    assert stored_files(storage_dir) == []
    document.refresh_from_db()
    assert document.file_deleted_at is not None
    assert document.title == "[geanonimiseerd]" and document.original_filename == ""


def test_the_dry_run_counts_files_and_deletes_nothing(demo, storage_dir):
    case = demo.cases["DEMO-GESLOTEN"]
    _document_on(case, demo.users["wijkteam"])
    result = retention_run(dry_run=True)
    assert result.cases[0].counts["documents.files"] == 1
    assert len(stored_files(storage_dir)) == 1


def test_open_cases_keep_their_files(demo, storage_dir, django_capture_on_commit_callbacks):
    document = _document_on(demo.cases["DEMO-ZVH"], demo.users["ggz"])
    with django_capture_on_commit_callbacks(execute=True):
        retention_run()
    assert stored_files(storage_dir) == [document.storage_name]


def test_inzage_lists_the_documents_of_the_persons_case(demo, storage_dir):
    case = demo.cases["DEMO-ZVH"]
    _document_on(case, demo.users["ggz"])
    exported = _case(case)
    assert exported["documents"][0]["titel"] == "Brief van de GGZ over Hendriks"
    assert exported["documents"][0]["bestandsnaam"] == "brief hendriks.pdf"
    assert exported["documents"][0]["categorie"] == "Gezondheid"
    # Listed once, by the registered section, not again among the generic rows.
    assert "documenten" not in exported["overige_gegevens"]
