"""Render a Django template to PDF with WeasyPrint, safely.

Use `render_pdf` for every PDF in the app (case overview, management report, inzage):
it fixes the base URL, the URL fetcher (our static files only) and the encoding, and
adds `printed_by` / `printed_at` for the footer of `reports/print_base.html`.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from .pdf_fetcher import PDF_BASE_URL, StaticOnlyURLFetcher


def printed_by(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


def print_context(context: dict, request) -> dict:
    """`context` with what the footer of "reports/print_base.html" shows: who printed
    the document and when."""
    return {
        "printed_by": printed_by(getattr(request, "user", None)),
        "printed_at": timezone.localtime(),
        **context,
    }


def render_pdf(*, template_name: str, context: dict, request) -> bytes:
    """The PDF bytes of `template_name` rendered with `context` for `request.user`.

    Templates should extend "reports/print_base.html" (A4, print CSS, the
    "Vertrouwelijk — afgedrukt door … op …" footer and "pagina X van Y").
    """
    html = render_to_string(template_name, print_context(context, request), request=request)
    document = HTML(
        string=html,
        base_url=PDF_BASE_URL,
        url_fetcher=StaticOnlyURLFetcher(),
        encoding="utf-8",
    )
    return document.write_pdf()
