"""`/cases/<pk>/overview.pdf`: the case as the viewer may see it, logged once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseEvent
from lib import pdf as pdf_module
from privacy.models import AccessAction, AccessLog
from workplace import services

from .helpers import pdf_page_texts, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def overview_url(case) -> str:
    return f"/cases/{case.pk}/overview.pdf"


def download(demo, username: str, reference: str = "DEMO-ZVH"):
    return demo.client_for(username).get(overview_url(demo.cases[reference]))


def test_police_sees_justice_but_not_health_notes(demo):
    text = pdf_text(download(demo, "politie").content)
    assert "[JUSTITIE]" in text
    assert "[GEZONDHEID]" not in text
    assert "[ZORG]" not in text


def test_ggz_sees_health_but_not_justice_notes(demo):
    text = pdf_text(download(demo, "ggz").content)
    assert "[GEZONDHEID]" in text
    assert "[JUSTITIE]" not in text


def test_manager_sees_neither_health_nor_justice_notes(demo):
    text = pdf_text(download(demo, "manager").content)
    assert "DEMO-ZVH" in text
    assert "[GEZONDHEID]" not in text
    assert "[JUSTITIE]" not in text
    assert "[OVERLEG]" not in text


def test_owning_wijkteam_sees_every_category(demo):
    text = pdf_text(download(demo, "wijkteam").content)
    for marker in ("[BASIS]", "[SIGNALEN]", "[ZORG]", "[GEZONDHEID]", "[JUSTITIE]"):
        assert marker in text


def test_overview_has_header_household_and_footer(demo):
    case = demo.cases["DEMO-ZVH"]
    text = pdf_text(download(demo, "regisseur").content)
    assert f"Casusoverzicht {case.reference}" in text
    assert case.get_phase_display() in text
    assert case.regiehouder.get_full_name() in text
    assert case.procesregisseur.get_full_name() in text
    first_person = case.persons.order_by("id").first()
    assert first_person.full_name in text
    printed_by = demo.users["regisseur"].get_full_name()
    assert f"Vertrouwelijk — afgedrukt door {printed_by} op" in text
    assert timezone.localtime().strftime("%d-%m-%Y") in text
    assert "pagina 1 van" in text


def test_other_wijkteam_gets_404_and_nothing_is_logged(demo):
    before = AccessLog.objects.count()
    response = download(demo, "wijkteam2")
    assert response.status_code == 404
    assert AccessLog.objects.count() == before


def test_unknown_case_gets_404(demo):
    response = demo.client_for("wijkteam").get("/cases/987654/overview.pdf")
    assert response.status_code == 404


def test_anonymous_user_is_sent_to_login(demo):
    from django.test import Client

    response = Client().get(overview_url(demo.cases["DEMO-ZVH"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_each_download_writes_exactly_one_pdf_log_row(demo):
    case = demo.cases["DEMO-ZVH"]
    client = demo.client_for("politie")
    for expected in (1, 2):
        client.get(overview_url(case))
        rows = AccessLog.objects.filter(case=case, user=demo.users["politie"])
        assert rows.count() == expected
        assert set(rows.values_list("action", flat=True)) == {AccessAction.PDF}
    row = rows.latest("id")
    assert "justitie" in row.categories
    assert "gezondheid" not in row.categories


def test_download_is_an_uncached_attachment_named_after_the_case(demo):
    response = download(demo, "wijkteam")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="casus-DEMO-ZVH.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_markup_in_a_note_is_printed_as_text_and_never_fetched(demo, monkeypatch):
    case = demo.cases["DEMO-ZVH"]
    services.note_add(
        user=demo.users["wijkteam"],
        case=case,
        category="signalen",
        text='Zie <img src="file:///etc/passwd"> en <img src="http://example.com/x.png">',
    )
    fetched: list[str] = []
    original = pdf_module.StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf_module.StaticOnlyURLFetcher, "fetch", spy)
    text = pdf_text(download(demo, "wijkteam").content)
    assert '<img src="file:///etc/passwd">' in text
    assert '<img src="http://example.com/x.png">' in text
    assert "root:" not in text
    assert fetched == ["file:///static/css/print.css"]


def test_a_long_history_is_printed_completely_over_several_pages(demo):
    case = demo.cases["DEMO-ZVH"]
    start = timezone.now() - timedelta(days=200)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind="note",
            category="basis",
            description=f"Gebeurtenis nummer {i:03d} in de geschiedenis",
            created_at=start + timedelta(hours=i),
        )
        for i in range(150)
    )
    response = download(demo, "wijkteam")
    text = pdf_text(response.content)
    assert pdf_pages(response.content) >= 4
    assert "Gebeurtenis nummer 000" in text
    assert "Gebeurtenis nummer 149" in text
    # Oldest first: the history reads from the start.
    assert text.index("nummer 000") < text.index("nummer 149")
    # Every page carries the footer and its own number, not only the first.
    pages = pdf_page_texts(response.content)
    printed_by = demo.users["wijkteam"].get_full_name()
    for number, page in enumerate(pages, start=1):
        assert f"Vertrouwelijk — afgedrukt door {printed_by} op" in page
        assert f"pagina {number} van {len(pages)}" in page


def test_overview_queries_are_bounded(demo, django_assert_max_num_queries):
    client = demo.client_for("politie")
    with django_assert_max_num_queries(25):
        response = client.get(overview_url(demo.cases["DEMO-ZVH"]))
    assert response.status_code == 200


def test_case_page_offers_the_overview_pdf(demo):
    case = demo.cases["DEMO-ZVH"]
    html = demo.client_for("politie").get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/overview.pdf"' in html
    assert "Casusoverzicht (PDF)" in html
