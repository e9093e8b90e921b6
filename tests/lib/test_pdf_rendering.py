"""render_pdf: our stylesheet and fonts, also with the production (hashed) static files."""

from __future__ import annotations

import json
import shutil
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from pypdf import PdfReader

from lib import pdf as pdf_module
from lib.pdf import render_pdf
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db


def fonts_of(content: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(BytesIO(content)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


def render_for(user) -> bytes:
    request = RequestFactory().get("/")
    request.user = user
    return render_pdf(template_name="reports/print_base.html", context={}, request=request)


def spy_fetches(monkeypatch) -> list[tuple[str, bool]]:
    """(url, served) for every resource WeasyPrint asks for."""
    fetched: list[tuple[str, bool]] = []
    original = pdf_module.StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except Exception:
            fetched.append((url, False))
            raise
        fetched.append((url, True))
        return response

    monkeypatch.setattr(pdf_module.StaticOnlyURLFetcher, "fetch", spy)
    return fetched


def test_pdf_uses_dejavu_sans_and_the_print_footer(demo, monkeypatch):
    fetched = spy_fetches(monkeypatch)
    content = render_for(demo.users["ggz"])
    assert fonts_of(content) <= {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Oblique"}
    assert "DejaVu-Sans" in fonts_of(content)
    assert "Vertrouwelijk — afgedrukt door Anouk Visser op" in pdf_text(content)
    assert "pagina 1 van 1" in pdf_text(content)
    assert fetched == [("file:///static/css/print.css", True)]


def test_pdf_finds_the_hashed_stylesheet_of_a_production_build(
    demo, monkeypatch, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # What collectstatic leaves behind, for the one file the PDF needs.
    (settings.STATIC_ROOT / "css").mkdir(parents=True)
    shutil.copy(finders.find("css/print.css"), settings.STATIC_ROOT / "css/print.0123abcd.css")
    (settings.STATIC_ROOT / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/print.css": "css/print.0123abcd.css"}})
    )
    fetched = spy_fetches(monkeypatch)
    content = render_for(demo.users["ggz"])
    [(url, served)] = fetched
    assert url == "file:///static/css/print.0123abcd.css"
    assert served
    assert "pagina 1 van 1" in pdf_text(content)
