"""`/cases/new/`: a wijkteam worker registers a case and its household in one form."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from cases import services as case_core
from cases.categories import ALL_CATEGORIES
from cases.models import Case, CaseEvent
from cases.phases import Phase
from privacy.access import case_access
from workplace import services


def form_data(persons: list[dict] | None = None, **case_fields) -> dict:
    if persons is None:
        persons = [
            {
                "first_name": "Ahmed",
                "last_name": "Yilmaz",
                "date_of_birth": "14-03-1985",
                "address": "Kerkstraat 1",
                "postcode": "3511 AB",
                "city": "Utrecht",
                "relation": "client",
            },
            {
                "first_name": "Elif",
                "last_name": "Yilmaz",
                "date_of_birth": "02-11-2012",
                "relation": "kind",
            },
        ]
    data = {
        "title": "Gezin met schulden",
        "legal_basis": "wmo",
        "client_informed": "ja",
        "client_informed_on": "01-03-2025",
        "client_not_informed_reason": "",
        "persons-TOTAL_FORMS": str(len(persons)),
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "1",
        "persons-MAX_NUM_FORMS": "20",
    }
    for i, person in enumerate(persons):
        defaults = {"address": "", "postcode": "", "city": "", "date_of_birth": ""}
        for name, value in {**defaults, **person}.items():
            data[f"persons-{i}-{name}"] = value
    data.update(case_fields)
    if data.get("client_informed") is None:
        data.pop("client_informed")
    return data


def test_worker_sees_the_registration_form(demo):
    response = demo.client_for("wijkteam").get("/cases/new/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nieuwe casus registreren" in body
    assert 'name="persons-0-first_name"' in body
    assert "Nog een persoon toevoegen" in body


def test_worker_registers_a_case_with_a_two_person_household(demo):
    worker = demo.users["wijkteam"]

    response = demo.client_for("wijkteam").post("/cases/new/", form_data())

    case = Case.objects.get(title="Gezin met schulden")
    year = timezone.localdate().year
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.reference == f"{year}-0001"
    assert case.phase == Phase.WIJKTEAM
    assert case.regiehouder == worker
    assert case.owning_team == demo.orgs["Wijkteam Noord"]
    assert case.client_informed and case.client_informed_on == date(2025, 3, 1)
    people = list(case.persons.order_by("id").values_list("first_name", "date_of_birth"))
    assert people == [("Ahmed", date(1985, 3, 14)), ("Elif", date(2012, 11, 2))]
    assert case.persons.get(first_name="Ahmed").postcode == "3511 AB"
    event = CaseEvent.objects.get(case=case)
    assert event.kind == "registered" and event.actor == worker
    access = case_access(worker, case)
    assert access.categories == ALL_CATEGORIES and access.can_change


def test_registered_case_opens_with_a_confirmation(demo):
    client = demo.client_for("wijkteam")

    response = client.post("/cases/new/", form_data(), follow=True)

    body = response.content.decode()
    assert response.status_code == 200
    reference = Case.objects.get(title="Gezin met schulden").reference
    assert f"Casus {reference} is geregistreerd." in body
    # The household is a section of the case page, one click from the overview.
    household = client.get(response.redirect_chain[-1][0] + "?sectie=huishouden")
    body = household.content.decode()
    assert "Ahmed Yilmaz" in body and "Elif Yilmaz" in body
    assert "14-03-1985" in body


def test_registered_case_is_hidden_from_the_other_wijkteam(demo):
    demo.client_for("wijkteam").post("/cases/new/", form_data())
    case = Case.objects.get(title="Gezin met schulden")

    assert demo.client_for("wijkteam2").get(f"/cases/{case.pk}/").status_code == 404
    assert demo.client_for("regisseur").get(f"/cases/{case.pk}/").status_code == 404


def test_worker_registers_without_informing_the_client_when_giving_a_reason(demo):
    data = form_data(
        client_informed="nee",
        client_informed_on="",
        client_not_informed_reason="Lopend politieonderzoek.",
    )

    response = demo.client_for("wijkteam").post("/cases/new/", data)

    assert response.status_code == 302
    case = Case.objects.get(title="Gezin met schulden")
    assert not case.client_informed
    assert case.client_not_informed_reason == "Lopend politieonderzoek."


def _assert_refused(response, *messages: str) -> None:
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in body
    for message in messages:
        assert message in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Dit veld is verplicht."),
        (
            {"client_informed": "nee", "client_not_informed_reason": ""},
            "Geef aan waarom de cliënt (nog) niet is geïnformeerd.",
        ),
        ({"persons-0-postcode": "12345"}, "Vul een postcode in zoals 1234 AB."),
        ({"persons-0-postcode": "0123 AB"}, "Vul een postcode in zoals 1234 AB."),
        ({"persons-0-date_of_birth": "1985-31-12"}, "Voer een geldige datum in."),
        ({"persons-0-date_of_birth": "12/31/1985"}, "Voer een geldige datum in."),
        ({"persons-0-date_of_birth": "31-02-1985"}, "Voer een geldige datum in."),
        ({"client_informed_on": "1 maart"}, "Voer een geldige datum in."),
        ({"persons-1-first_name": ""}, "Dit veld is verplicht."),
        ({"persons-0-relation": "buurman"}, "Selecteer een geldige keuze."),
        ({"legal_basis": "geen"}, "Selecteer een geldige keuze."),
    ],
)
def test_invalid_registration_shows_a_dutch_field_error_and_saves_nothing(demo, changes, message):
    before = Case.objects.count()

    response = demo.client_for("wijkteam").post("/cases/new/", form_data(**changes))

    _assert_refused(response, message)
    assert Case.objects.count() == before


def test_date_of_birth_in_the_future_is_refused(demo):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")
    before = Case.objects.count()

    response = demo.client_for("wijkteam").post(
        "/cases/new/", form_data(**{"persons-1-date_of_birth": tomorrow})
    )

    _assert_refused(response, "Een geboortedatum kan niet in de toekomst liggen.")
    assert Case.objects.count() == before


def test_client_informed_date_in_the_future_is_refused(demo):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")

    response = demo.client_for("wijkteam").post(
        "/cases/new/", form_data(client_informed_on=tomorrow)
    )

    _assert_refused(response, "Deze datum ligt in de toekomst.")
    assert not Case.objects.filter(title="Gezin met schulden").exists()


def test_empty_household_is_refused(demo):
    before = Case.objects.count()
    empty_person = {"first_name": "", "last_name": "", "relation": "client"}

    no_forms = demo.client_for("wijkteam").post("/cases/new/", form_data(persons=[]))
    blank_form = demo.client_for("wijkteam").post("/cases/new/", form_data(persons=[empty_person]))

    _assert_refused(no_forms, "Voeg minstens één persoon aan het huishouden toe.")
    _assert_refused(blank_form, "Dit veld is verplicht.")
    assert Case.objects.count() == before


def test_service_refuses_an_empty_household_too(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.case_register(
            user=demo.users["wijkteam"], title="Leeg", persons=[], client_informed=True
        )
    assert not Case.objects.filter(title="Leeg").exists()


def test_error_summary_links_to_the_field(demo):
    response = demo.client_for("wijkteam").post("/cases/new/", form_data(title=""))

    assert 'href="#id_title"' in response.content.decode()


def test_add_person_button_shows_one_more_person_and_keeps_what_was_typed(demo):
    data = form_data(
        persons=[{"first_name": "Ahmed", "last_name": "Yilmaz", "relation": "client"}],
        title="Nog niet klaar",
        add_person="1",
    )
    before = Case.objects.count()

    response = demo.client_for("wijkteam").post("/cases/new/", data)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="persons-TOTAL_FORMS" value="2"' in body
    assert 'name="persons-1-first_name"' in body
    assert 'value="Ahmed"' in body and 'value="Yilmaz"' in body
    assert 'value="Nog niet klaar"' in body
    assert "Er is een probleem" not in body
    assert Case.objects.count() == before


def test_adding_a_person_then_registering_saves_both_people(demo):
    client = demo.client_for("wijkteam")
    first = {"first_name": "Ahmed", "last_name": "Yilmaz", "relation": "client"}
    client.post("/cases/new/", form_data(persons=[first], add_person="1"))

    second = {"first_name": "Elif", "last_name": "Yilmaz", "relation": "kind"}
    response = client.post("/cases/new/", form_data(persons=[first, second]))

    assert response.status_code == 302
    case = Case.objects.get(title="Gezin met schulden")
    assert sorted(case.persons.values_list("first_name", flat=True)) == ["Ahmed", "Elif"]


@pytest.mark.parametrize("username", ["regisseur", "politie", "ggz", "manager", "privacy", "admin"])
def test_only_wijkteam_workers_may_register(demo, username):
    client = demo.client_for(username)
    before = Case.objects.count()

    assert client.get("/cases/new/").status_code == 403
    assert client.post("/cases/new/", form_data()).status_code == 403
    assert client.post("/cases/new/", form_data(add_person="1")).status_code == 403
    assert Case.objects.count() == before


def test_case_list_offers_registration_only_to_wijkteam_workers(demo):
    assert "Nieuwe casus registreren" in demo.client_for("wijkteam").get("/cases/").content.decode()
    manager_page = demo.client_for("manager").get("/cases/").content.decode()
    assert "Nieuwe casus registreren" not in manager_page


def test_references_count_up_within_the_year_and_are_unique(demo):
    worker = demo.users["wijkteam2"]
    year = timezone.localdate().year
    person = services.PersonData(first_name="Kim", last_name="Bakker")

    references = [
        services.case_register(
            user=worker, title=f"Casus {i}", persons=[person], client_informed=True
        ).reference
        for i in range(3)
    ]

    assert references == [f"{year}-0001", f"{year}-0002", f"{year}-0003"]


def test_two_registrations_picking_the_same_number_get_different_references(demo):
    worker = demo.users["wijkteam"]
    year = timezone.localdate().year
    person = services.PersonData(first_name="Kim", last_name="Bakker")
    first = services.case_register(
        user=worker, title="Eerste", persons=[person], client_informed=True
    )

    # The second registration computed its number before the first one was saved.
    real_next = case_core._next_number
    numbers = iter([first.number])
    with mock.patch.object(
        case_core, "_next_number", side_effect=lambda y: next(numbers, None) or real_next(y)
    ):
        second = services.case_register(
            user=worker, title="Tweede", persons=[person], client_informed=True
        )

    assert first.reference == f"{year}-0001"
    assert second.reference == f"{year}-0002"
    assert second.persons.count() == 1


def test_registration_form_without_csrf_token_is_refused(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.users["wijkteam"])
    before = Case.objects.count()

    response = client.post("/cases/new/", form_data())

    assert response.status_code == 403
    assert Case.objects.count() == before


def test_registration_form_with_csrf_token_is_accepted(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.users["wijkteam"])
    client.get("/cases/new/")
    token = client.cookies["csrftoken"].value

    response = client.post("/cases/new/", {**form_data(), "csrfmiddlewaretoken": token})

    assert response.status_code == 302
