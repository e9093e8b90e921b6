"""Upload and download of case documents; both through `case_view` (access layer, one
access-log row per request)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from cases import sections
from privacy.case_views import case_view
from privacy.models import AccessAction

from . import services
from .forms import DocumentForm
from .models import Document
from .uploads import SizeLimitHandler
from .validation import too_large_error

# Multipart overhead (boundaries, the other fields) on top of the file itself.
BODY_MARGIN = 1024 * 1024


def _case_of_document(*, case_pk: int, document_pk: int) -> int:
    """The case id when the document belongs to it; a document id of another case is a
    404 before any case is read (the same answer as an unknown or hidden one)."""
    if not Document.objects.filter(pk=document_pk, case_id=case_pk).exists():
        raise Http404
    return case_pk


# CSRF is checked in _upload instead, after the size limit is in place: the middleware
# would otherwise read (and store to disk) the whole upload before this view runs.
@csrf_exempt
@case_view(context="document toevoegen", case_pk=lambda case_pk: case_pk)
def document_upload(request: HttpRequest, case, access, case_pk: int) -> HttpResponse:
    if not access.can_change:
        raise PermissionDenied
    limiter = SizeLimitHandler(request, max_bytes=settings.DOCUMENTS_MAX_BYTES)
    if request.method == "POST":
        request.upload_handlers.insert(0, limiter)
    return _upload(request, case, access, limiter)


@csrf_protect
def _upload(request: HttpRequest, case, access, limiter: SizeLimitHandler) -> HttpResponse:
    allowed = access.categories
    if request.method != "POST":
        return _render_form(request, case, DocumentForm(allowed_categories=allowed))
    too_large = too_large_error(limiter.max_bytes)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limiter.max_bytes + BODY_MARGIN:
        # Refused before the body is read at all.
        form = DocumentForm({}, allowed_categories=allowed, too_large=too_large)
        form.is_valid()
        return _render_form(request, case, form, status=413)
    form = DocumentForm(
        request.POST,
        request.FILES,
        allowed_categories=allowed,
        too_large=too_large if limiter.too_large else None,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_upload(
                user=request.user,
                case=case,
                category=data["category"],
                title=data["title"],
                document_date=data["document_date"],
                upload=data["file"],
                filename=data["file"].name,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error("file" if isinstance(exc, ValidationError) else "category", exc.args[0])
        else:
            request.case_log.action = AccessAction.CHANGE
            request.case_log.context = f"document toegevoegd: {document.pk}"
            messages.success(request, _("Het document is toegevoegd."))
            # Back to the case page's documents section (workplace/case_page.py).
            return redirect(sections.section_url(case.pk, sections.DOCUMENTS))
    return _render_form(request, case, form, status=400)


def _render_form(request, case, form, status: int = 200) -> HttpResponse:
    return render(
        request,
        "documents/upload.html",
        {"case": case, "form": form, "max_bytes": settings.DOCUMENTS_MAX_BYTES},
        status=status,
    )


@case_view(
    context="document",
    action=AccessAction.EXPORT,
    methods=("GET",),
    case_pk=_case_of_document,
)
def document_download(
    request: HttpRequest, case, access, case_pk: int, document_pk: int
) -> FileResponse:
    document = get_object_or_404(Document, pk=document_pk, case=case, file_deleted_at__isnull=True)
    if not access.can_see(document.category):
        raise Http404
    try:
        handle = services.document_storage().open(document.storage_name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    request.case_log.context = f"document: {document.pk}"
    # Streamed in blocks; attachment + nosniff: the browser saves it, never renders it.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_filename or f"document-{document.pk}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
