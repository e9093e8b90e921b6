from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_page_texts(content: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    """All text of a PDF, page after page."""
    return "\n".join(pdf_page_texts(content))


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(BytesIO(content)).pages)
