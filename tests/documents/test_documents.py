"""Documents on a case: who may upload and download them, what is refused, and what
each download leaves in the access log."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePosixPath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from documents.services import document_upload
from privacy.models import AccessAction, AccessLog

from .conftest import DOCX, EXE, ODT, PDF, PNG, office_zip, stored_files

pytestmark = pytest.mark.django_db


def _upload(demo, username="ggz", *, category="gezondheid", content=PDF, name="verslag.pdf"):
    return document_upload(
        user=demo.users[username],
        case=demo.cases["DEMO-ZVH"],
        category=category,
        title="Verslag huisarts",
        document_date=datetime.date(2026, 3, 1),
        upload=SimpleUploadedFile(name, content),
        filename=name,
    )


def _post(client, case, *, content=PDF, name="verslag.pdf", category="gezondheid"):
    return client.post(
        reverse("documents:upload", args=[case.pk]),
        {
            "category": category,
            "title": "Verslag huisarts",
            "document_date": "01-03-2026",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def _download(client, document):
    return client.get(reverse("documents:download", args=[document.case_id, document.pk]))


def _section(case) -> str:
    return reverse("cases:detail", args=[case.pk]) + "?sectie=documenten"


# --- who may download --------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("ggz", 200),
        ("regisseur", 200),
        ("wijkteam", 200),
        ("politie", 404),
        ("wijkteam2", 404),
        ("manager", 404),
        ("privacy", 404),
    ],
)
def test_a_health_document_is_downloadable_only_by_who_sees_health(
    demo, storage_dir, username, status
):
    document = _upload(demo)
    response = _download(demo.client_for(username), document)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="verslag.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]


def test_each_download_writes_one_access_log_row(demo, storage_dir):
    document = _upload(demo)
    client = demo.client_for("regisseur")
    before = AccessLog.objects.count()
    for _ in range(2):
        b"".join(_download(client, document).streaming_content)
    rows = AccessLog.objects.order_by("-pk")[:2]
    assert AccessLog.objects.count() == before + 2
    assert {r.action for r in rows} == {AccessAction.EXPORT}
    assert {r.context for r in rows} == {f"document: {document.pk}"}
    assert {r.case_id for r in rows} == {document.case_id}


def test_a_refused_download_writes_no_access_log_row(demo, storage_dir):
    document = _upload(demo)
    before = AccessLog.objects.count()
    assert _download(demo.client_for("politie"), document).status_code == 404
    assert AccessLog.objects.count() == before


def test_a_document_id_of_another_case_is_a_404(demo, storage_dir):
    document = _upload(demo)
    other = demo.cases["DEMO-ZUID-1"]
    client = demo.client_for("wijkteam")
    url = reverse("documents:download", args=[other.pk, document.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("documents:download", args=[document.case_id, 987654])).status_code
        == 404
    )


def test_the_case_page_lists_documents_the_viewer_may_see(demo, storage_dir):
    document = _upload(demo)
    case = demo.cases["DEMO-ZVH"]
    ggz = demo.client_for("ggz").get(_section(case)).content.decode()
    politie = demo.client_for("politie").get(_section(case)).content.decode()
    link = reverse("documents:download", args=[case.pk, document.pk])
    assert "Verslag huisarts" in ggz and link in ggz and "01-03-2026" in ggz
    assert reverse("documents:upload", args=[case.pk]) in ggz
    assert "Verslag huisarts" not in politie and link not in politie


def test_the_manager_sees_no_upload_link(demo, storage_dir):
    case = demo.cases["DEMO-ZVH"]
    page = demo.client_for("manager").get(_section(case)).content.decode()
    assert reverse("documents:upload", args=[case.pk]) not in page


# --- upload ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "mime"),
    [
        (PDF, "a.pdf", "application/pdf"),
        (PNG, "a.png", "image/png"),
        (DOCX, "a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (ODT, "a.odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_ggz_can_upload_allowed_types(demo, storage_dir, content, name, mime):
    case = demo.cases["DEMO-ZVH"]
    response = _post(demo.client_for("ggz"), case, content=content, name=name)
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert document.content_type == mime
    assert document.original_filename == name
    # Stored under a random name, never the user's (a substring check would fail
    # whenever the random hex happened to end in the same letter as the filename).
    assert re.fullmatch(r"cases/\d{4}/\d{2}/[0-9a-f]{32}\.[a-z]+", document.storage_name)
    assert PurePosixPath(document.storage_name).stem != PurePosixPath(name).stem
    assert stored_files(storage_dir) == [document.storage_name]
    assert (
        AccessLog.objects.filter(case=case, context=f"document toegevoegd: {document.pk}").count()
        == 1
    )


def test_the_upload_form_shows_only_writable_categories(demo, storage_dir):
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("politie").get(reverse("documents:upload", args=[case.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="justitie"' in body and 'value="gezondheid"' not in body


@pytest.mark.parametrize("username", ["wijkteam2", "privacy"])
def test_who_cannot_see_the_case_gets_404_on_upload(demo, storage_dir, username):
    case = demo.cases["DEMO-ZVH"]
    client = demo.client_for(username)
    assert client.get(reverse("documents:upload", args=[case.pk])).status_code == 404
    assert _post(client, case).status_code == 404
    assert Document.objects.count() == 0 and stored_files(storage_dir) == []


def test_the_manager_cannot_upload(demo, storage_dir):
    case = demo.cases["DEMO-ZVH"]
    assert _post(demo.client_for("manager"), case, category="basis").status_code == 403
    assert Document.objects.count() == 0 and stored_files(storage_dir) == []


TOO_BIG = 2048

BAD_INPUT = [
    pytest.param({"content": EXE, "name": "verslag.pdf"}, "Dit soort bestand", id="exe-named-pdf"),
    pytest.param({"content": b"", "name": "leeg.pdf"}, "leeg", id="empty"),
    pytest.param(
        {"content": PDF + b"0" * TOO_BIG, "name": "groot.pdf"}, "te groot", id="oversized"
    ),
    pytest.param(
        {"content": PDF, "category": "gezondheid"}, "geen documenten", id="category-not-writable"
    ),
    pytest.param(
        {"content": office_zip({"a.txt": b"x"}), "name": "a.docx"}, "Dit soort", id="zip-not-office"
    ),
    pytest.param(
        {
            "content": office_zip(
                {"[Content_Types].xml": b"", "word/document.xml": b"", "word/vbaProject.bin": b""}
            ),
            "name": "macro.docx",
        },
        "Dit soort",
        id="macro-document",
    ),
    pytest.param({"content": b"just text\n", "name": "notitie.txt"}, "Dit soort", id="plain-text"),
]


@pytest.mark.parametrize(("kwargs", "message"), BAD_INPUT)
def test_bad_input_is_refused_and_nothing_is_stored(demo, storage_dir, settings, kwargs, message):
    settings.DOCUMENTS_MAX_BYTES = TOO_BIG
    case = demo.cases["DEMO-ZVH"]
    events = case.events.count()
    response = _post(demo.client_for("politie"), case, **{"category": "justitie", **kwargs})
    assert response.status_code in (400, 413)
    assert message in response.content.decode()
    assert Document.objects.count() == 0
    assert stored_files(storage_dir) == []
    assert case.events.count() == events


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "map\\verslag.pdf",
        "verslag\x00.pdf",
        "rapport\u202efdp.exe",
        "a\nb.pdf",
    ],
)
def test_the_service_refuses_filenames_with_paths_or_control_characters(demo, storage_dir, name):
    with pytest.raises(Exception, match="bestandsnaam") as exc:
        _upload(demo, name=name)
    assert exc.type.__name__ == "ValidationError"
    assert Document.objects.count() == 0 and stored_files(storage_dir) == []


def test_a_path_in_the_browsers_filename_never_reaches_the_storage(demo, storage_dir):
    # Django's multipart parser already keeps only the last path part; the stored name
    # is random and the download name is that last part.
    case = demo.cases["DEMO-ZVH"]
    assert _post(demo.client_for("ggz"), case, name="../../etc/passwd.pdf").status_code == 302
    document = Document.objects.get()
    assert document.original_filename == "passwd.pdf"
    assert "etc" not in document.storage_name and ".." not in document.storage_name


def test_a_declared_body_far_over_the_limit_is_refused_before_reading(demo, storage_dir, settings):
    settings.DOCUMENTS_MAX_BYTES = TOO_BIG
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("ggz").generic(
        "POST",
        reverse("documents:upload", args=[case.pk]),
        b"x" * 10,
        content_type="multipart/form-data; boundary=zzz",
        CONTENT_LENGTH=str(10 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_failed_database_write_removes_the_stored_file(demo, storage_dir, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("documents.services.event_record", boom)
    with pytest.raises(RuntimeError):
        _upload(demo)
    assert Document.objects.count() == 0 and stored_files(storage_dir) == []
