"""Every cell of the DESIGN.md convenant matrix, for every organisation kind, enforced on
the case page, in search and on the timeline.

Runs on SQLite and on PostgreSQL (set DATABASE_URL=postgres://… to run it there).

Setup: a case in phase `zvh` owned by a wijkteam, with one note and one timeline entry
per category, in which a partner organisation of every kind takes part. Each note holds
`[CATEGORY]` and a unique search word; each timeline entry a unique marker.
"""

from __future__ import annotations

import pytest

from cases.categories import Category
from cases.models import CaseEvent, CaseNote
from cases.phases import Phase
from cases.services import event_record
from organisations.models import OrganisationKind, Role
from privacy.grants import sync_case_access
from privacy.models import CaseParticipation
from privacy.services import participation_add
from tests.case_pages import case_page_text
from tests.factories import CaseFactory, PersonFactory, member, organisation

B, S, Z, G, J, T, P, OV = Category.values  # basis … overleg, in DESIGN.md's column order
ALL = {B, S, Z, G, J, T, P, OV}
# DESIGN.md "Privacy and the convenant", written out again here on purpose: the test
# checks the code against the spec, not against the code's own default table.
EXPECTED: dict[str, set[str]] = {
    "owner": ALL,
    "zvh": ALL,
    "politie": {B, S, J, T, P, OV},
    "ggz": {B, S, Z, G, T, P, OV},
    "verslavingszorg": {B, S, Z, G, T, P, OV},
    "veilig_thuis": {B, S, Z, T, P, OV},
    "reclassering": {B, J, P, OV},
    "om": {B, J, P, OV},
    "woningcorporatie": {B, S, P},
    "gemeente": set(),
    "manager": {B, S, T, P},
}
PARTNER_KINDS = [
    OrganisationKind.POLITIE,
    OrganisationKind.GGZ,
    OrganisationKind.VERSLAVINGSZORG,
    OrganisationKind.VEILIG_THUIS,
    OrganisationKind.RECLASSERING,
    OrganisationKind.OM,
    OrganisationKind.WONINGCORPORATIE,
    OrganisationKind.GEMEENTE,
]


def note_marker(category: str) -> str:
    return f"[{category.upper()}]"


def search_word(category: str) -> str:
    return f"zoekwoord{category}xyz"


def timeline_marker(category: str) -> str:
    return f"TIJDLIJN-{category.upper()}-ITEM"


@pytest.fixture
def matrix_case(demo):
    """A zvh case with a partner of every kind; returns (case, users by party)."""
    team = demo.orgs["Wijkteam Noord"]
    case = CaseFactory(
        owning_team=team,
        regiehouder=demo.users["wijkteam"],
        procesregisseur=demo.users["regisseur"],
        phase=Phase.ZVH,
    )
    PersonFactory(case=case, first_name="Hendrika", last_name="Matrixtest")
    for category in Category.values:
        CaseNote.objects.create(
            case=case,
            category=category,
            text=f"{note_marker(category)} notitie met {search_word(category)}",
            author=demo.users["wijkteam"],
            author_organisation=team,
        )
        event_record(
            case=case, kind="test", category=category, description=timeline_marker(category)
        )
    users = {
        "owner": demo.users["wijkteam"],
        "zvh": demo.users["regisseur"],
        "manager": demo.users["manager"],
    }
    for kind in PARTNER_KINDS:
        org = organisation(f"Matrix {kind}", kind)
        users[kind] = member(org, Role.MEDEWERKER, username=f"matrix_{kind}")
        if kind == OrganisationKind.GEMEENTE:
            # The service refuses the gemeente; force it in to prove the matrix holds.
            CaseParticipation.objects.create(
                case=case, organisation=org, reason="test", added_by=demo.users["regisseur"]
            )
        else:
            participation_add(
                case=case, organisation=org, user=demo.users["regisseur"], reason="overleg"
            )
    sync_case_access(case)
    return case, users


@pytest.mark.parametrize("party", list(EXPECTED))
def test_every_cell_of_the_matrix_on_page_search_and_timeline(matrix_case, party):
    from django.test import Client

    case, users = matrix_case
    client = Client()
    client.force_login(users[party])
    allowed = EXPECTED[party]

    page = client.get(f"/cases/{case.pk}/")
    if not allowed:
        assert page.status_code == 404
        listing = client.get("/cases/", {"q": "Matrixtest"}).content.decode()
        assert case.reference not in listing
        return
    assert page.status_code == 200
    body = case_page_text(client, case.pk)
    for category in Category.values:
        shown_note = note_marker(category) in body
        shown_event = timeline_marker(category) in body
        expected = category in allowed
        assert shown_note == expected, f"{party} / {category}: note shown={shown_note}"
        assert shown_event == expected, f"{party} / {category}: timeline shown={shown_event}"

    # Search: the name (basis) finds the case; a word from a hidden note never does.
    found = client.get("/cases/", {"q": "Matrixtest"}).content.decode()
    assert case.reference in found
    for category in set(Category.values) - allowed:
        result = client.get("/cases/", {"q": search_word(category)}).content.decode()
        assert case.reference not in result, f"{party} finds the case by a {category} word"


def test_no_partner_sees_the_case_before_zvh_or_after_closing(matrix_case):
    from django.test import Client

    case, users = matrix_case
    for phase in (Phase.AANGEMELD, Phase.GESLOTEN):
        case.phase = phase
        case.save(update_fields=["phase"])
        sync_case_access(case)
        for kind in PARTNER_KINDS:
            client = Client()
            client.force_login(users[kind])
            assert client.get(f"/cases/{case.pk}/").status_code == 404, (phase, kind)


def test_timeline_entries_exist_for_every_category(matrix_case):
    case, _users = matrix_case
    kinds = set(CaseEvent.objects.filter(case=case, kind="test").values_list("category", flat=True))
    assert kinds == set(Category.values)
