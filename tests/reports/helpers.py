from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All text of a PDF, page after page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages)


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(BytesIO(content)).pages)
