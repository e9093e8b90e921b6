"""The inzage search cannot list everyone (review finding 6): it needs a full name with
a date of birth, or a case reference; it is capped; and every search is logged."""

from __future__ import annotations

from datetime import date

import pytest

from cases.models import Person
from privacy.inzage import SEARCH_LIMIT, subject_access_request_start
from privacy.models import AccessLog, SubjectAccessRequest

REFUSAL = "Een deel van een naam is niet genoeg."


@pytest.fixture
def access_request(demo) -> SubjectAccessRequest:
    return subject_access_request_start(
        user=demo.users["privacy"], requester="Brief van de betrokkene", received_on=date.today()
    )


def _search(demo, access_request, **params):
    return demo.client_for("privacy").get(
        "/privacy/inzage/", {"access_request": access_request.pk, **params}
    )


def _dob(demo, first_name: str) -> str:
    person = Person.objects.get(case=demo.cases["DEMO-ZVH"], first_name=first_name)
    return person.date_of_birth.strftime("%d-%m-%Y")


def test_a_one_letter_name_lists_nobody_and_logs_nothing(demo, access_request):
    # The review's example: /privacy/inzage/?name=e listed every person.
    response = demo.client_for("privacy").get("/privacy/inzage/", {"name": "e"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Verbeek" not in body and "Hendriks" not in body and "DEMO-ZVH" not in body
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"name": "e"},
        {"name": "Verbeek"},
        {"name": "Dylan", "date_of_birth": "DYLAN"},
        {"name": "Dylan Verbeek"},
        {"name": "", "date_of_birth": "DYLAN"},
    ],
    ids=["letter", "last-name", "first-name-with-date", "no-date", "date"],
)
def test_fragments_and_half_searches_are_refused_in_dutch(demo, access_request, params):
    params = {k: _dob(demo, "Dylan") if v == "DYLAN" else v for k, v in params.items()}
    before = (Person.objects.count(), SubjectAccessRequest.objects.get().status)
    response = _search(demo, access_request, **params)
    body = response.content.decode()
    assert response.status_code == 400
    assert REFUSAL in body
    assert "persoon gevonden" not in body and "personen gevonden" not in body
    assert not AccessLog.objects.exists(), "a refused search reads nothing and logs nothing"
    assert (Person.objects.count(), SubjectAccessRequest.objects.get().status) == before


def test_a_search_needs_an_open_request(demo):
    response = demo.client_for("privacy").get(
        "/privacy/inzage/", {"name": "Dylan Verbeek", "date_of_birth": _dob(demo, "Dylan")}
    )
    assert response.status_code == 400
    assert "Kies het inzageverzoek waarvoor u zoekt" in response.content.decode()
    assert "DEMO-ZVH" not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_full_name_and_birth_date_find_the_person_and_only_them(demo, access_request):
    response = _search(
        demo, access_request, name="  SANDRA   verbeek-kok ", date_of_birth=_dob(demo, "Sandra")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 persoon gevonden" in body
    assert "Sandra Verbeek-Kok" in body and "Dylan" not in body


def test_a_case_reference_finds_its_household(demo, access_request):
    body = _search(demo, access_request, reference="demo-zvh").content.decode()
    assert "4 personen gevonden" in body
    for name in ("Ronald Verbeek", "Sandra Verbeek-Kok", "Dylan Verbeek", "Noa Verbeek"):
        assert name in body


def test_name_fragments_with_a_date_match_nobody(demo, access_request):
    # Two words pass the form, but names are compared whole: "Dyl Verb" is not Dylan.
    response = _search(demo, access_request, name="Dyl Verb", date_of_birth=_dob(demo, "Dylan"))
    body = response.content.decode()
    assert "0 personen gevonden" in body and "Dylan Verbeek" not in body


def test_each_search_writes_one_log_row_with_its_query_and_cases(demo, access_request):
    _search(demo, access_request, name="Dylan Verbeek", date_of_birth=_dob(demo, "Dylan"))
    row = AccessLog.objects.get()
    assert row.user == demo.users["privacy"]
    assert row.action == "view" and row.case is None and not row.break_the_glass
    assert f"verzoek {access_request.pk}" in row.context
    assert f"naam=Dylan Verbeek geboortedatum={_dob(demo, 'Dylan')}" in row.context
    assert f"casussen {demo.cases['DEMO-ZVH'].pk}" in row.context
    assert row.categories == ["basis"]

    _search(demo, access_request, reference="DEMO-NAZORG")
    assert AccessLog.objects.count() == 2
    latest = AccessLog.objects.latest("id")
    assert "kenmerk=DEMO-NAZORG" in latest.context and latest.case is None


def test_a_search_that_finds_nobody_is_logged_too(demo, access_request):
    body = _search(demo, access_request, reference="2099-9999").content.decode()
    assert "0 personen gevonden" in body
    assert "0 gevonden; casussen -" in AccessLog.objects.get().context


def test_results_are_capped_and_the_page_says_so(demo, access_request):
    case = demo.cases["DEMO-ADVIES"]
    Person.objects.bulk_create(
        [Person(case=case, first_name=f"Kind{i:02d}", last_name="Jacobs") for i in range(25)]
    )
    response = _search(demo, access_request, reference=case.reference)
    body = response.content.decode()
    assert f"{SEARCH_LIMIT} personen gevonden" in body
    assert f"Er zijn meer dan {SEARCH_LIMIT} personen gevonden" in body
    assert body.count('name="person"') == SEARCH_LIMIT
    assert "(afgekapt)" in AccessLog.objects.get().context
