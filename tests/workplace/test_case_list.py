"""`/cases/`: only the cases a user may see; search, filters, pagination, order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection, models
from django.utils import timezone

from cases.models import Case
from cases.phases import Phase
from cases.search import matching_case_ids
from privacy.grants import sync_case_access
from privacy.models import CaseParticipation
from workplace import services

from .helpers import all_listed_references, listed_references

NOORD_OPEN = {
    "DEMO-ZVH",
    "DEMO-ACUUT",
    "DEMO-ADVIES",
    "DEMO-NAZORG",
    "DEMO-STAGNATIE",
    "DEMO-AFSCHALING",
    # Never triaged and without progress (issue 19): flagged, but still Noord's case.
    "DEMO-VERGETEN",
}
ZUID = {"DEMO-ZUID-1", "DEMO-ZUID-2"}

# What every demo user finds in their list (DESIGN.md, "Privacy and the convenant").
EXPECTED_LISTS = {
    "wijkteam": NOORD_OPEN,
    # Wijkteam Zuid is the receiving team of DEMO-AFSCHALING: it must read that case
    # to accept it, so that one Noord case is in its list.
    "wijkteam2": ZUID | {"DEMO-AFSCHALING"},
    # The ZVH reads along from the aanmelding until the case is closed.
    "regisseur": {"DEMO-ZVH", "DEMO-ACUUT", "DEMO-NAZORG", "DEMO-AFSCHALING", "DEMO-ZUID-2"},
    "politie": {"DEMO-ZVH", "DEMO-NAZORG"},
    "ggz": {"DEMO-ZVH", "DEMO-ZUID-2"},
    "manager": NOORD_OPEN,
    "privacy": {"DEMO-GESLOTEN"},
    "admin": set(),
}


@pytest.mark.parametrize("username", sorted(EXPECTED_LISTS))
def test_each_demo_user_lists_exactly_the_cases_they_may_see(demo, username):
    references = all_listed_references(demo.client_for(username))

    assert set(references) == EXPECTED_LISTS[username]
    assert len(references) == len(set(references))


def test_wijkteam_never_sees_zuid_cases(demo):
    response = demo.client_for("wijkteam").get("/cases/")

    body = response.content.decode()
    assert "DEMO-ZUID-1" not in body and "Ramdin" not in body
    assert "DEMO-ZVH" in body and "Verbeek" in body


def test_wijkteam2_never_sees_noord_cases_it_does_not_receive(demo):
    response = demo.client_for("wijkteam2").get("/cases/")

    body = response.content.decode()
    for reference in NOORD_OPEN - {"DEMO-AFSCHALING"}:
        assert reference not in body
    assert "Verbeek" not in body
    assert "DEMO-ZUID-1" in body


def test_politie_does_not_see_a_case_it_takes_part_in_before_phase_zvh(demo):
    case = demo.cases["DEMO-ACUUT"]
    CaseParticipation.objects.create(
        case=case,
        organisation=demo.orgs["Politie"],
        reason="Alvast",
        added_by=demo.users["regisseur"],
    )
    sync_case_access(case)

    assert "DEMO-ACUUT" not in all_listed_references(demo.client_for("politie"))

    Case.objects.filter(pk=case.pk).update(phase=Phase.ZVH)
    case.refresh_from_db()
    sync_case_access(case)
    assert "DEMO-ACUUT" in all_listed_references(demo.client_for("politie"))


def test_manager_sees_own_organisations_new_cases(demo, more_cases):
    (noord,) = more_cases(1)
    (zuid,) = more_cases(1, team="Wijkteam Zuid", worker="wijkteam2")

    references = all_listed_references(demo.client_for("manager"))

    assert noord.reference in references
    assert zuid.reference not in references


def test_privacy_officer_lists_only_closed_cases(demo, more_cases):
    more_cases(3)

    assert all_listed_references(demo.client_for("privacy")) == ["DEMO-GESLOTEN"]


def test_functional_admin_lists_no_cases(demo):
    response = demo.client_for("admin").get("/cases/")

    assert not demo.users["admin"].is_superuser
    assert listed_references(response) == []
    assert "Geen casussen gevonden die u mag inzien." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["DEMO-ZVH", "demo-zvh", "Verbeek", "verbeek", "Dylan", "Dylan Verbeek", "Sandra Verbeek-Kok"],
)
def test_worker_finds_a_case_by_reference_or_person_name(demo, query):
    response = demo.client_for("wijkteam").get("/cases/", {"q": query})

    assert listed_references(response) == ["DEMO-ZVH"]


def test_search_by_first_and_last_name_of_different_people_finds_nothing(demo):
    response = demo.client_for("wijkteam").get("/cases/", {"q": "Dylan Brouwer"})

    assert listed_references(response) == []


def test_search_finds_a_registered_case_by_full_name(demo):
    case = services.case_register(
        user=demo.users["wijkteam"],
        title="Zorgen",
        persons=[services.PersonData(first_name="Maria", last_name="van der Berg")],
        client_informed=True,
    )

    response = demo.client_for("wijkteam").get("/cases/", {"q": "Maria van der Berg"})

    assert listed_references(response) == [case.reference]


def test_search_never_finds_a_case_the_user_may_not_see(demo):
    client = demo.client_for("wijkteam")

    for query in ("Ramdin", "DEMO-ZUID-1", "Meijer"):
        response = client.get("/cases/", {"q": query})
        assert listed_references(response) == []
        assert response.context["page"].paginator.count == 0


def test_search_for_a_word_only_in_a_hidden_note_finds_nothing(demo):
    # "alcoholafhankelijkheid" is only in DEMO-ZVH's health note, which politie may not see.
    response = demo.client_for("politie").get("/cases/", {"q": "alcoholafhankelijkheid"})

    assert listed_references(response) == []
    assert "0 casussen gevonden" in response.content.decode()


def test_search_does_not_match_note_text_at_all(demo):
    # Notes are not searched: the hit list would reveal a category per viewer otherwise.
    response = demo.client_for("wijkteam").get("/cases/", {"q": "huismeester"})

    assert listed_references(response) == []


def test_worker_filters_by_phase(demo):
    client = demo.client_for("wijkteam")

    assert listed_references(client.get("/cases/", {"phase": "zvh"})) == ["DEMO-ZVH"]
    assert listed_references(client.get("/cases/", {"phase": "nazorg"})) == ["DEMO-NAZORG"]
    assert listed_references(client.get("/cases/", {"phase": "gesloten"})) == []


def test_regisseur_filters_by_team(demo):
    client = demo.client_for("regisseur")

    zuid = client.get("/cases/", {"team": demo.orgs["Wijkteam Zuid"].pk})
    noord = client.get("/cases/", {"team": demo.orgs["Wijkteam Noord"].pk, "phase": "zvh"})

    assert listed_references(zuid) == ["DEMO-ZUID-2"]
    assert listed_references(noord) == ["DEMO-ZVH"]


def test_filtering_on_another_team_never_widens_what_a_worker_sees(demo):
    response = demo.client_for("wijkteam").get("/cases/", {"team": demo.orgs["Wijkteam Zuid"].pk})

    assert listed_references(response) == []


@pytest.mark.parametrize("params", [{"phase": "onbekend"}, {"team": "abc"}, {"team": "999999"}])
def test_unknown_filter_value_gives_a_dutch_message_not_an_error(demo, params):
    response = demo.client_for("wijkteam").get("/cases/", params)

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_list_shows_25_cases_per_page_and_the_rest_on_page_2(demo, more_cases):
    extra = more_cases(30)
    client = demo.client_for("wijkteam")

    first = client.get("/cases/")
    second = client.get("/cases/", {"page": 2})

    assert len(listed_references(first)) == 25
    assert f"{len(NOORD_OPEN) + 30} casussen gevonden" in first.content.decode()
    assert "Pagina 1 van 2" in first.content.decode()
    assert len(listed_references(second)) == len(NOORD_OPEN) + 30 - 25
    assert listed_references(second)[-1] == extra[-1].reference
    assert not set(listed_references(first)) & set(listed_references(second))


def test_search_results_page_like_the_list_newest_activity_first(demo, more_cases):
    extra = more_cases(30)
    hidden = more_cases(3, team="Wijkteam Zuid", worker="wijkteam2")
    for case in [*extra, *hidden]:
        case.persons.update(last_name="Verbeek-Smit")
    client = demo.client_for("wijkteam")

    first = client.get("/cases/", {"q": "beek-Sm"})
    second = client.get("/cases/", {"q": "beek-Sm", "page": 2})

    assert listed_references(first) == [case.reference for case in extra[:25]]
    assert listed_references(second) == [case.reference for case in extra[25:]]
    assert "30 casussen gevonden" in first.content.decode()
    assert "Pagina 2 van 2" in second.content.decode()


def test_a_search_past_the_last_page_shows_the_last_page(demo, more_cases):
    extra = more_cases(26)
    for case in extra:
        case.persons.update(last_name="Verbeek-Smit")

    response = demo.client_for("wijkteam").get("/cases/", {"q": "beek-Sm", "page": 9})

    assert response.status_code == 200
    assert listed_references(response) == [extra[-1].reference]


def test_out_of_range_or_bad_page_number_shows_a_page_not_an_error(demo):
    client = demo.client_for("wijkteam")

    assert client.get("/cases/", {"page": 99}).status_code == 200
    assert client.get("/cases/", {"page": "x"}).status_code == 200


def test_list_is_sorted_by_last_activity_most_recent_first(demo, more_cases):
    more_cases(5)
    client = demo.client_for("wijkteam")

    cases = list(client.get("/cases/").context["page"].object_list)
    stamps = [case.last_activity_at for case in cases]
    assert stamps == sorted(stamps, reverse=True)

    oldest = cases[-1]
    services.note_add(user=demo.users["wijkteam"], case=oldest, category="zorg", text="Bezocht.")
    assert listed_references(client.get("/cases/"))[0] == oldest.reference


def test_htmx_request_gets_only_the_results_table(demo):
    response = demo.client_for("wijkteam").get(
        "/cases/", {"q": "Verbeek"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert "DEMO-ZVH" in body
    assert "<html" not in body


@pytest.mark.parametrize("username", sorted(EXPECTED_LISTS))
def test_list_and_detail_agree_for_every_demo_case(demo, username):
    client = demo.client_for(username)
    listed = set(all_listed_references(client))

    for reference, case in demo.cases.items():
        status = client.get(f"/cases/{case.pk}/").status_code
        assert status == (200 if reference in listed else 404), (username, reference)


def test_anonymous_user_is_sent_to_the_login_page(demo):
    from django.test import Client

    response = Client().get("/cases/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_recent_activity_on_a_hidden_case_does_not_show_up(demo):
    zuid = demo.cases["DEMO-ZUID-1"]
    Case.objects.filter(pk=zuid.pk).update(last_activity_at=timezone.now() + timedelta(minutes=1))

    assert "DEMO-ZUID-1" not in listed_references(demo.client_for("wijkteam").get("/cases/"))


@pytest.mark.parametrize(
    "query", ['"', '"Verbeek', "O'Brien", "%%%", "_", "***", "Ver*", "a OR b", "NEAR(x y)", "é"]
)
def test_odd_search_input_gives_results_not_an_error(demo, query):
    response = demo.client_for("wijkteam").get("/cases/", {"q": query})

    assert response.status_code == 200
    assert listed_references(response) == []


def test_search_matches_names_case_insensitively_in_part(demo):
    client = demo.client_for("wijkteam")

    assert listed_references(client.get("/cases/", {"q": "verbeek-k"})) == ["DEMO-ZVH"]
    assert listed_references(client.get("/cases/", {"q": "EEK"})) == ["DEMO-ZVH"]
    assert listed_references(client.get("/cases/", {"q": "Vo"})) == ["DEMO-STAGNATIE"]


def _register(demo, **person):
    return services.case_register(
        user=demo.users["wijkteam"],
        title="Zorgen",
        persons=[services.PersonData(**{"first_name": "Emre", "last_name": "Özdemir", **person})],
        client_informed=True,
    )


@pytest.mark.parametrize("query", ["07-03-1981", "7-3-1981"])
def test_worker_finds_a_case_by_date_of_birth(demo, query):
    case = _register(demo, date_of_birth=date(1981, 3, 7))
    _register(demo, date_of_birth=date(1981, 7, 3))

    response = demo.client_for("wijkteam").get("/cases/", {"q": query})

    assert listed_references(response) == [case.reference]


@pytest.mark.parametrize("query", ["31-02-1981", "00-00-0000"])
def test_impossible_date_of_birth_finds_nothing_and_is_no_error(demo, query):
    _register(demo, date_of_birth=date(1981, 3, 7))

    response = demo.client_for("wijkteam").get("/cases/", {"q": query})

    assert response.status_code == 200
    assert listed_references(response) == []


@pytest.mark.parametrize("query", ["1234 AB 12", "1234ab 12", "1234 AB, 12", " 1234AB12 "])
def test_worker_finds_a_case_by_postcode_and_house_number(demo, query):
    case = _register(demo, address="Kerkstraat 12", postcode="1234 AB")
    _register(demo, address="Kerkstraat 112", postcode="1234 AB")
    _register(demo, address="Kerkstraat 12", postcode="1234 AC")

    response = demo.client_for("wijkteam").get("/cases/", {"q": query})

    assert listed_references(response) == [case.reference]


def test_house_letter_narrows_the_postcode_search(demo):
    with_letter = _register(demo, address="Dorpsweg 4a", postcode="5678CD")
    without = _register(demo, address="Dorpsweg 4", postcode="5678CD")
    client = demo.client_for("wijkteam")

    assert set(listed_references(client.get("/cases/", {"q": "5678 CD 4"}))) == {
        with_letter.reference,
        without.reference,
    }
    assert listed_references(client.get("/cases/", {"q": "5678 CD 4A"})) == [with_letter.reference]


def test_search_by_birth_date_or_address_never_finds_a_hidden_case(demo):
    services.case_register(
        user=demo.users["wijkteam2"],
        title="Zorgen",
        persons=[
            services.PersonData(
                first_name="Lotte",
                last_name="Zuidema",
                date_of_birth=date(1990, 1, 2),
                address="Zuidlaan 3",
                postcode="9999 ZZ",
            )
        ],
        client_informed=True,
    )
    client = demo.client_for("wijkteam")

    for query in ("02-01-1990", "9999 ZZ 3", "Zuidema"):
        response = client.get("/cases/", {"q": query})
        assert listed_references(response) == []
        assert response.context["page"].paginator.count == 0


@pytest.mark.postgres
def test_postgres_name_search_ignores_accents(demo, postgres_only):
    case = _register(demo)
    client = demo.client_for("wijkteam")

    for query in ("Ozdemir", "özdemir", "Emre Ozd"):
        assert listed_references(client.get("/cases/", {"q": query})) == [case.reference]


@pytest.mark.postgres
def test_postgres_search_finds_a_person_under_a_corrected_name(demo, postgres_only):
    # PostgreSQL keeps the stored search name (migration 0011) in step with the name.
    case = _register(demo)
    case.persons.update(last_name="Öztürk")
    client = demo.client_for("wijkteam")

    assert listed_references(client.get("/cases/", {"q": "Ozturk"})) == [case.reference]
    assert listed_references(client.get("/cases/", {"q": "Ozdemir"})) == []


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("zdemi", "cases_person_search_name_trgm"),
        ("07-03-1981", "cases_person_birth_idx"),
        ("1234 AB 12", "cases_person_postcode_idx"),
    ],
)
def test_postgres_search_can_be_served_by_its_index(demo, postgres_only, query, index):
    # With sequential scans priced out, a plan that still names the index proves the
    # index matches the query's expression; a plan without it would be a silent scan.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Case.objects.filter(pk__in=matching_case_ids(query)).explain()

    assert index in plan


def test_mine_lists_the_cases_the_user_directs_or_holds_the_regie_of(demo):
    mine = {
        username: {
            c.reference
            for c in Case.objects.filter(
                models.Q(regiehouder=demo.users[username])
                | models.Q(procesregisseur=demo.users[username])
            )
        }
        for username in ("wijkteam", "regisseur")
    }
    for username, references in mine.items():
        client = demo.client_for(username)
        listed = set(all_listed_references(client, "")) & references
        response = client.get("/cases/", {"mine": "on"})
        assert set(listed_references(response)) == listed and listed, username
        assert 'name="mine"' in response.content.decode()
    # Never more than the user may see: a hidden case the user directs stays hidden.
    hidden = demo.cases["DEMO-ZUID-1"]
    hidden.regiehouder = demo.users["wijkteam"]
    hidden.save(update_fields=["regiehouder"])
    response = demo.client_for("wijkteam").get("/cases/", {"mine": "on"})
    assert "DEMO-ZUID-1" not in listed_references(response)
