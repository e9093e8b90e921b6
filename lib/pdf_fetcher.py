"""A WeasyPrint URL fetcher that serves our own static files and nothing else.

PDFs contain case data and are rendered on the server: a fetcher that follows any URL
would let a crafted note or template reach the network (SSRF) or the local disk
(`file:///etc/passwd`). This one answers only

* `data:` URLs, and
* `file:///static/<path>` (what `{% static %}` resolves to against `PDF_BASE_URL`),
  read from disk through the staticfiles finders or STATIC_ROOT, and only when the
  resolved file lies inside one of those static directories;

and raises for everything else (http, https, ftp, other files, unknown schemes).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Every PDF template is rendered with this base URL, so `{% static 'css/print.css' %}`
# ("/static/css/print.css") becomes "file:///static/css/print.css": a name the fetcher
# maps onto the static directories, never a real path on disk.
PDF_BASE_URL = "file:///"


class RefusedURL(ValueError):
    """The PDF asked for a resource outside our own static files."""


def _static_prefix() -> str:
    return "/" + settings.STATIC_URL.strip("/") + "/"


def _static_roots() -> list[Path]:
    """Directories the fetcher may read from, resolved (symlinks followed)."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _is_inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def resolve_static(relative: str) -> Path:
    """The file on disk for a static path like 'css/print.css'; RefusedURL otherwise."""
    if not relative or "\x00" in relative:
        raise RefusedURL("empty or invalid static path")
    try:
        found = finders.find(relative)
    except Exception as exc:  # SuspiciousFileOperation on "../" tricks
        raise RefusedURL(f"invalid static path: {relative}") from exc
    if not found and settings.STATIC_ROOT:
        found = str(Path(settings.STATIC_ROOT) / relative)
    if not found:
        raise RefusedURL(f"no such static file: {relative}")
    path = Path(found).resolve()
    # The finders already refuse "..", but a symlink inside static could still point
    # elsewhere: check the resolved path once more.
    if not _is_inside(path, _static_roots()) or not path.is_file():
        raise RefusedURL(f"outside the static directories: {relative}")
    return path


class StaticOnlyURLFetcher(URLFetcher):
    """URLFetcher (WeasyPrint ≥ 68 class API) limited to data: URLs and our static files."""

    def __init__(self, **kwargs) -> None:
        # Only data: ever reaches urllib; no redirects to follow.
        kwargs.setdefault("allowed_protocols", ("data",))
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 1)
        super().__init__(**kwargs)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise RefusedURL(f"refused URL scheme: {scheme or '(none)'}")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL("refused remote file URL")
        path = unquote(parts.path)
        prefix = _static_prefix()
        if not path.startswith(prefix):
            raise RefusedURL("refused file outside static")
        file_path = resolve_static(path[len(prefix) :])
        content_type = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=file_path.read_bytes(), headers={"Content-Type": content_type}
        )
