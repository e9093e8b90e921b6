"""`manage.py seed_demo`: the demo data of the interface contract, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from faker.providers.person.nl_NL import Provider as DutchNames

from cases.categories import Category
from cases.models import Case, CaseNote, Person
from cases.phases import Phase
from organisations.models import Organisation
from organisations.roles import membership_of
from privacy.models import CaseParticipation
from tests.case_pages import case_page_text

ORGANISATIONS = {
    "Wijkteam Noord",
    "Wijkteam Zuid",
    "Zorg- en Veiligheidshuis",
    "Politie",
    "GGZ",
    "Verslavingszorg",
    "Veilig Thuis",
    "Reclassering",
    "Gemeente",
    # The second region (issue 13).
    "Zorg- en Veiligheidshuis Oost",
    "Wijkteam Oosterveld",
}
USERS = {
    "wijkteam",
    "wijkteam2",
    "regisseur",
    "politie",
    "ggz",
    "manager",
    "privacy",
    "admin",
    "regisseur-oost",
    "wijkteam-oost",
}
STORY_CASES = {
    "DEMO-ZVH",
    "DEMO-ACUUT",
    "DEMO-ADVIES",
    "DEMO-NAZORG",
    "DEMO-STAGNATIE",
    "DEMO-VERGETEN",
    "DEMO-AFSCHALING",
    "DEMO-GESLOTEN",
    "DEMO-ZUID-1",
    "DEMO-ZUID-2",
    "DEMO-OOST",
}


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "cases": Case.objects.count(),
        "users": get_user_model().objects.count(),
        "orgs": Organisation.objects.count(),
        "persons": Person.objects.count(),
        "notes": CaseNote.objects.count(),
        "participations": CaseParticipation.objects.count(),
    }


@pytest.fixture
def seeded(db):
    seed()


def test_seed_demo_creates_the_organisations_of_both_regions(seeded):
    assert set(Organisation.objects.values_list("name", flat=True)) == ORGANISATIONS


def test_seed_demo_creates_the_demo_users_with_password_demo(seeded):
    users = get_user_model().objects.filter(username__in=USERS)

    assert {u.username for u in users} == USERS
    for user in users:
        assert user.check_password("demo"), user.username
    # Functioneel beheer is no superuser and not staff (Trust II finding 1); the demo
    # has no superuser at all: superusers are for operations staff only.
    admin = get_user_model().objects.get(username="admin")
    assert not admin.is_superuser and not admin.is_staff
    assert not get_user_model().objects.filter(is_superuser=True).exists()


def test_demo_users_have_their_organisation_and_role(seeded):
    users = get_user_model().objects

    def membership(username: str):
        return membership_of(users.get(username=username))

    assert membership("wijkteam").organisation.name == "Wijkteam Noord"
    assert membership("wijkteam2").organisation.name == "Wijkteam Zuid"
    assert membership("regisseur").role == "procesregisseur"
    assert membership("manager").role == "manager"
    assert membership("manager").organisation.name == "Wijkteam Noord"
    assert membership("privacy").role == "privacy_officer"


def test_demo_users_can_log_in_with_password_demo(seeded):
    from django.test import Client

    response = Client().post(
        "/accounts/login/", {"username": "wijkteam", "password": "demo"}, follow=True
    )

    assert response.status_code == 200
    assert response.wsgi_request.user.username == "wijkteam"


def test_seed_demo_twice_creates_nothing_new(seeded):
    first = _counts()

    seed()

    assert _counts() == first


def test_demo_zvh_is_owned_by_noord_in_phase_zvh_with_politie_and_ggz(seeded):
    case = Case.objects.get(reference="DEMO-ZVH")
    partners = set(
        CaseParticipation.objects.filter(case=case, removed_at__isnull=True).values_list(
            "organisation__name", flat=True
        )
    )

    assert case.owning_team.name == "Wijkteam Noord"
    assert case.phase == Phase.ZVH
    assert {"Politie", "GGZ"} <= partners
    assert case.persons.count() >= 3


def test_demo_zvh_has_one_note_per_category_starting_with_the_category(seeded):
    notes = CaseNote.objects.filter(case__reference="DEMO-ZVH")

    for category in Category.values:
        in_category = [n for n in notes if n.category == category]
        assert len(in_category) == 1, category
        assert in_category[0].text.startswith(f"[{category.upper()}]")


def test_demo_has_the_story_cases_in_every_phase(seeded):
    references = set(Case.objects.values_list("reference", flat=True))
    phases = set(Case.objects.values_list("phase", flat=True))

    assert references >= STORY_CASES
    assert phases == set(Phase.values)


def test_demo_stories_are_in_their_phases(seeded):
    phase = dict(Case.objects.values_list("reference", "phase"))

    assert phase["DEMO-ACUUT"] == Phase.AANGEMELD
    assert phase["DEMO-ADVIES"] == Phase.WIJKTEAM
    assert phase["DEMO-NAZORG"] == Phase.NAZORG
    assert phase["DEMO-STAGNATIE"] == Phase.WIJKTEAM
    assert phase["DEMO-VERGETEN"] == Phase.WIJKTEAM
    assert phase["DEMO-AFSCHALING"] == Phase.AFSCHALING
    assert phase["DEMO-GESLOTEN"] == Phase.GESLOTEN
    afschaling = Case.objects.get(reference="DEMO-AFSCHALING")
    assert afschaling.receiving_team.name == "Wijkteam Zuid"
    assert Case.objects.get(reference="DEMO-ZUID-1").owning_team.name == "Wijkteam Zuid"


def test_closed_demo_case_was_closed_about_three_years_ago(seeded):
    from django.utils import timezone

    closed = Case.objects.get(reference="DEMO-GESLOTEN")

    assert (timezone.now() - closed.closed_at).days >= 3 * 365


def test_seed_demo_with_cases_adds_exactly_that_many_with_dutch_names(seeded):
    before = Case.objects.count()
    people_before = set(Person.objects.values_list("id", flat=True))

    output = seed("--cases", "50")

    assert Case.objects.count() == before + 50
    assert "50 gegenereerde casussen toegevoegd" in output
    new_people = Person.objects.exclude(id__in=people_before)
    dutch_first = set(DutchNames.first_names_male) | set(DutchNames.first_names_female)
    dutch_last = set(DutchNames.last_names)
    assert new_people.count() >= 50
    for person in new_people:
        assert person.first_name in dutch_first, person.first_name
        assert person.last_name in dutch_last, person.last_name
    assert not Case.objects.filter(persons__isnull=True).exists()


def test_generated_cases_get_yearly_references_and_grants(seeded, django_user_model):
    from privacy.access import visible_cases

    seed("--cases", "20")
    generated = Case.objects.exclude(reference__startswith="DEMO-")

    assert generated.count() == 20
    assert all(len(c.reference) == 9 and c.reference[4] == "-" for c in generated)
    wijkteam = django_user_model.objects.get(username="wijkteam")
    open_noord = generated.filter(owning_team__name="Wijkteam Noord").exclude(phase="gesloten")
    assert set(open_noord) <= set(visible_cases(wijkteam))


def test_generating_twice_adds_new_cases_with_new_references(seeded):
    seed("--cases", "5")
    seed("--cases", "5")

    generated = Case.objects.exclude(reference__startswith="DEMO-")
    assert generated.count() == 10
    assert len(set(generated.values_list("reference", flat=True))) == 10


def test_negative_case_count_is_refused(seeded):
    before = Case.objects.count()
    err = StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("seed_demo", "--cases", "-1", stderr=err)

    assert exit_info.value.code == 2
    assert "--cases" in err.getvalue()
    assert Case.objects.count() == before


def test_generated_case_opens_with_household_timeline_and_note(seeded):
    from django.test import Client

    seed("--cases", "20")
    case = (
        Case.objects.exclude(reference__startswith="DEMO-")
        .filter(owning_team__name="Wijkteam Noord", phase="wijkteam")
        .first()
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="wijkteam"))

    body = case_page_text(client, case.pk)
    person = case.persons.first()
    assert person.full_name in body
    assert person.date_of_birth.strftime("%d-%m-%Y") in body
    assert "→ Wijkteam" in body
    assert case.notes.first().text in body
    found = client.get("/cases/", {"q": person.full_name}).context["page"].object_list
    assert case in list(found)
