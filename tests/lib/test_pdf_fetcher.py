"""The WeasyPrint URL fetcher serves our own static files and refuses everything else."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from django.conf import settings

from lib.pdf_fetcher import PDF_BASE_URL, RefusedURL, StaticOnlyURLFetcher


@pytest.fixture
def fetcher() -> StaticOnlyURLFetcher:
    return StaticOnlyURLFetcher()


def static_url(path: str) -> str:
    """What `{% static path %}` becomes inside a PDF template."""
    return urljoin(PDF_BASE_URL, f"/{settings.STATIC_URL.strip('/')}/{path}")


def test_it_serves_the_print_stylesheet(fetcher):
    response = fetcher.fetch(static_url("css/print.css"))
    body = response.read()
    response.close()
    assert response.content_type == "text/css"
    assert b"@page" in body
    assert b"DejaVu Sans" in body


def test_it_serves_data_urls(fetcher):
    response = fetcher.fetch("data:text/plain;charset=utf-8,hallo")
    assert response.read() == b"hallo"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file:///etc/hosts",
        "http://example.com/logo.png",
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/static/css/print.css",
        "ftp://example.com/x",
        "gopher://example.com/",
        "file://evil.example/static/css/print.css",
    ],
)
def test_it_refuses_everything_outside_static(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


@pytest.mark.parametrize(
    "path",
    [
        "../../../etc/passwd",
        "css/../../../../etc/passwd",
        "css/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "css/does-not-exist.css",
        "",
    ],
)
def test_it_refuses_static_paths_that_escape_or_do_not_exist(fetcher, path):
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"file:///static/{path}")


def test_it_refuses_a_symlink_in_static_that_points_outside(fetcher, tmp_path, settings):
    static_dir = tmp_path / "static"
    (static_dir / "css").mkdir(parents=True)
    (static_dir / "css" / "ok.css").write_text("p {}")
    (static_dir / "css" / "leak.css").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [static_dir]
    assert fetcher.fetch("file:///static/css/ok.css").read() == b"p {}"
    with pytest.raises(RefusedURL):
        fetcher.fetch("file:///static/css/leak.css")
