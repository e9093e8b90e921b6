"""Inzage in steps (issue 16, point 8): nothing pre-selected, a check-your-answers page
before anything is exported, and a PDF the citizen can read: plain Dutch, dd-mm-jjjj,
the access history summarised per organisation and month."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Person
from privacy.inzage import subject_access_request_start
from privacy.inzage_access import Period, access_summary
from privacy.models import AccessLog, SubjectAccessRequest

ENGLISH = ("Created at", "Assigned to", "Break-the-glass", "asked by", "created at", "None")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def access_request(demo) -> SubjectAccessRequest:
    return subject_access_request_start(
        user=demo.users["privacy"], requester="Sandra Verbeek-Kok", received_on=date(2026, 1, 5)
    )


def _household(demo):
    case = demo.cases["DEMO-ZVH"]
    return (
        Person.objects.get(case=case, first_name="Sandra"),
        Person.objects.get(case=case, first_name="Dylan"),
    )


def _choice(access_request, *persons, **extra) -> dict:
    return {
        "access_request": access_request.pk,
        "reference": "DEMO-ZVH",
        "person": [p.pk for p in persons],
        **extra,
    }


def _log_rows(demo, count: int) -> None:
    """`count` accesses by politie and GGZ spread over three months of 2026."""
    case = demo.cases["DEMO-ZVH"]
    rows = []
    for i in range(count):
        org = ("Politie", "GGZ")[i % 2]
        cats = (["basis", "justitie"], ["basis", "gezondheid"])[i % 2]
        stamp = timezone.make_aware(datetime(2026, 3 + i % 3, 1 + i % 27, 10, 0))
        rows.append(
            AccessLog(
                timestamp=stamp,
                user=demo.users["politie" if i % 2 == 0 else "ggz"],
                organisation_name=org,
                role="worker",
                case=case,
                categories=cats,
                action="view",
                break_the_glass=(i == 7),
            )
        )
    AccessLog.objects.bulk_create(rows)


def test_search_results_are_not_preselected(demo, access_request):
    response = demo.client_for("privacy").get(
        "/privacy/inzage/", {"access_request": access_request.pk, "reference": "DEMO-ZVH"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('name="person"') >= 2, "the household is listed"
    assert not re.search(r'name="person"[^>]*checked', body), "nobody is ticked in advance"
    assert "Verder naar controleren" in body


def test_continuing_without_a_person_gets_a_dutch_error_and_exports_nothing(demo, access_request):
    response = demo.client_for("privacy").get(
        "/privacy/inzage/controleren/", _choice(access_request)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "vink minstens één persoon aan" in body
    assert 'href="#id_person_0"' in body, "the error summary links to the first checkbox"
    assert not AccessLog.objects.filter(action="export").exists()


def test_the_check_page_names_request_persons_period_and_contents(demo, access_request):
    sandra, dylan = _household(demo)
    response = demo.client_for("privacy").get(
        "/privacy/inzage/controleren/",
        _choice(access_request, sandra, date_from="01-01-2026", date_to="31-03-2026"),
    )
    assert response.status_code == 200
    body = " ".join(response.content.decode().split())
    assert "Sandra Verbeek-Kok (verzoek" in body
    assert "Sandra Verbeek-Kok, geboren" in body
    assert "Dylan" not in body, "only the chosen person"
    assert "Van 01-01-2026 tot en met 31-03-2026" in body
    assert "samengevat per organisatie en maand" in body
    assert 'action="/privacy/inzage/export.pdf"' in body and 'method="post"' in body
    # Checking records no export; the page itself is logged like a search.
    assert not AccessLog.objects.filter(action="export").exists()
    assert AccessLog.objects.filter(context__startswith="inzage controleren").count() == 1


def test_a_person_outside_the_search_cannot_be_chosen(demo, access_request):
    stranger = Person.objects.exclude(case=demo.cases["DEMO-ZVH"]).first()
    response = demo.client_for("privacy").get(
        "/privacy/inzage/controleren/", _choice(access_request, stranger)
    )
    assert response.status_code == 400
    assert "Kies alleen personen uit de zoekresultaten" in response.content.decode()


def test_an_export_is_made_by_post_only(demo, access_request):
    sandra, _dylan = _household(demo)
    client = demo.client_for("privacy")
    assert (
        client.get("/privacy/inzage/export.pdf", _choice(access_request, sandra)).status_code == 405
    )
    assert not AccessLog.objects.filter(action="export").exists()


def test_the_summary_counts_per_month_and_organisation_in_the_database(demo):
    _log_rows(demo, 60)
    case_ids = [demo.cases["DEMO-ZVH"].pk]
    rows = access_summary(case_ids, Period(date(2026, 3, 1), date(2026, 5, 31)))
    assert [(r.month_label, r.organisation, r.times) for r in rows] == [
        ("maart 2026", "GGZ", 10),
        ("maart 2026", "Politie", 10),
        ("april 2026", "GGZ", 10),
        ("april 2026", "Politie", 10),
        ("mei 2026", "GGZ", 10),
        ("mei 2026", "Politie", 10),
    ]
    politie_april = rows[3]
    assert politie_april.category_labels == ["Basisgegevens", "Justitie"]
    assert rows[2].noodtoegang is True  # row 7: april, GGZ
    assert not politie_april.noodtoegang


def test_the_pdf_is_plain_dutch_with_the_access_summary(demo, access_request):
    _log_rows(demo, 60)
    sandra, _dylan = _household(demo)
    response = demo.client_for("privacy").post(
        "/privacy/inzage/export.pdf", _choice(access_request, sandra)
    )
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "Uw gegevens in Schakel" in flat
    assert "Wie heeft uw gegevens ingezien" in flat
    assert "Maart 2026" in flat and "Mei 2026" in flat
    assert "Noodtoegang" in flat
    assert "Basisgegevens, Justitie" in flat
    for word in ENGLISH:
        assert word not in flat, word
    assert not ISO_DATE.search(flat), ISO_DATE.search(flat)
    assert AccessLog.objects.filter(action="export").count() == 1


def test_pdf_queries_do_not_grow_with_the_access_log(
    demo, access_request, django_assert_max_num_queries
):
    sandra, _dylan = _household(demo)
    client = demo.client_for("privacy")
    params = _choice(access_request, sandra)
    client.post("/privacy/inzage/export.pdf", params)  # warm caches (content types, …)
    with CaptureQueriesContext(connection) as few:
        client.post("/privacy/inzage/export.pdf", params)
    _log_rows(demo, 600)
    with django_assert_max_num_queries(len(few)):
        response = client.post("/privacy/inzage/export.pdf", params)
    assert response.status_code == 200
    assert len(few) <= 80, [q["sql"][:80] for q in few.captured_queries]


@pytest.mark.parametrize(
    "username", ["regisseur", "wijkteam", "politie", "ggz", "manager", "admin"]
)
def test_only_the_privacy_officer_checks_and_exports(demo, access_request, username):
    sandra, _dylan = _household(demo)
    client = demo.client_for(username)
    params = _choice(access_request, sandra)
    assert client.get("/privacy/inzage/controleren/", params).status_code == 403
    assert client.post("/privacy/inzage/export.pdf", params).status_code == 403
    assert client.post("/privacy/inzage/export.json", params).status_code == 403
    assert not AccessLog.objects.exists()
