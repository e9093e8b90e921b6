"""What an uploaded file must be before it is stored: checks on name, size and content.

The type is decided by the content (magic bytes via `filetype`, and for office documents
the names inside the zip), never by the file name or the browser's Content-Type: an
.exe named `verslag.pdf` is refused.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Enough for every signature `filetype` knows (it reads at most 8 KiB).
HEAD_BYTES = 8192
MAX_FILENAME = 150

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# Office formats are zip files; the part that makes each one what it is. Macro-enabled
# variants (vbaProject.bin) are refused below: they are not documents but programs.
OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
ODF_TYPES = (ODT, ODS)
ALLOWED_TYPES = (PDF, PNG, JPEG, *OOXML_MAIN_PART, *ODF_TYPES)


@dataclass(frozen=True)
class DetectedType:
    mime: str
    extension: str


def clean_filename(name: str) -> str:
    """The file name as it may appear in a download; ValidationError for names with path
    parts or control characters (refused, not silently repaired)."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name or name in (".", ".."):
        raise ValidationError(_("Het bestand heeft geen naam."))
    if "/" in name or "\\" in name:
        raise ValidationError(_("De bestandsnaam mag geen map bevatten (geen / of \\)."))
    # Cc: control characters; Cf: invisible format characters such as the right-to-left
    # override that makes "rapport\u202efdp.exe" look like "rapportexe.pdf".
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise ValidationError(_("De bestandsnaam bevat onzichtbare of stuurtekens."))
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        keep = MAX_FILENAME - len(ext) - 1
        name = f"{stem[:keep]}.{ext}" if dot and 0 < len(ext) < 10 else name[:MAX_FILENAME]
    return name


def check_size(size: int, max_bytes: int) -> None:
    if size <= 0:
        raise ValidationError(_("Het bestand is leeg."))
    if size > max_bytes:
        raise too_large_error(max_bytes)


def too_large_error(max_bytes: int) -> ValidationError:
    return ValidationError(
        _("Het bestand is te groot: hoogstens %(max)s.") % {"max": filesizeformat(max_bytes)}
    )


def detect_type(upload: File) -> DetectedType:
    """The allowed type the content shows; ValidationError for anything else."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime in (PDF, PNG, JPEG):
        return DetectedType(mime, kind.extension)
    if mime in ("application/zip", *OOXML_MAIN_PART, *ODF_TYPES):
        office = _office_type(upload)
        if office:
            return office
    raise ValidationError(
        _(
            "Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn PDF, PNG, JPEG en "
            "kantoordocumenten (docx, xlsx, pptx, odt, ods). De inhoud telt, niet de naam."
        )
    )


def _office_type(upload: File) -> DetectedType | None:
    """Reads only the zip's central directory (and ODF's small `mimetype` member)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            if "[Content_Types].xml" in names:
                for mime, part in OOXML_MAIN_PART.items():
                    if part in names:
                        return DetectedType(mime, mime_extension(mime))
                return None
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared in ODF_TYPES:
                    return DetectedType(declared, mime_extension(declared))
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def mime_extension(mime: str) -> str:
    return {
        PDF: "pdf",
        PNG: "png",
        JPEG: "jpg",
        DOCX: "docx",
        XLSX: "xlsx",
        PPTX: "pptx",
        ODT: "odt",
        ODS: "ods",
    }[mime]
