"""Beheer writes on regions, municipalities and organisations: rules, refusals in Dutch,
and one trail row (old → new) with each change, none with a refusal."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from beheer.organisation_activation import organisation_deactivate, organisation_reactivate
from beheer.organisation_changes import (
    municipality_add,
    municipality_change,
    organisation_add,
    organisation_change,
    region_add,
    region_change,
)
from cases.models import Case
from organisations.models import (
    BeheerChange,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
    Role,
)
from organisations.services import membership_add
from privacy.models import SharingRule
from privacy.services import participation_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(demo):
    return demo.users["admin"]


def _messages(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


def test_beheer_adds_a_region_with_the_default_convenant_and_a_trail_row(admin):
    region = region_add(actor=admin, name="Regio West", retention_years=settings.RETENTION_YEARS)

    assert region.retention_years == settings.RETENTION_YEARS
    assert SharingRule.objects.filter(region=region, party="politie", allowed=True).exists()
    row = BeheerChange.objects.get(subject_kind="region", subject_id=region.pk)
    assert row.action == "created"
    assert row.actor == admin
    assert row.changes == {
        "naam": ["—", "Regio West"],
        "bewaartermijn (jaren)": ["—", str(settings.RETENTION_YEARS)],
    }


def test_a_region_change_records_old_and_new_values(admin):
    region = Region.objects.get(name="Regio Oost")
    region_change(actor=admin, region=region, name="Regio Oost-Brabant", retention_years=5)

    row = BeheerChange.objects.get(subject_kind="region", subject_id=region.pk)
    assert row.action == "changed"
    assert row.subject_label == "Regio Oost-Brabant"
    assert row.changes["naam"] == ["Regio Oost", "Regio Oost-Brabant"]
    assert row.changes["bewaartermijn (jaren)"][1] == "5"


def test_an_unchanged_region_writes_no_trail_row(admin):
    region = Region.objects.get(name="Regio Oost")
    region_change(
        actor=admin, region=region, name=region.name, retention_years=region.retention_years
    )
    assert not BeheerChange.objects.exists()


def test_a_duplicate_region_name_is_refused_whatever_its_case(admin):
    with pytest.raises(ValidationError) as exc:
        region_add(actor=admin, name="regio oost", retention_years=2)
    assert "Er is al een regio met de naam" in _messages(exc)
    assert Region.objects.filter(name__iexact="regio oost").count() == 1
    assert not BeheerChange.objects.exists()


def test_a_retention_term_of_zero_years_is_refused(admin):
    with pytest.raises(ValidationError) as exc:
        region_add(actor=admin, name="Regio Nul", retention_years=0)
    assert "bewaartermijn" in _messages(exc)
    assert not Region.objects.filter(name="Regio Nul").exists()


@pytest.mark.parametrize("username", ["privacy", "regisseur", "wijkteam", "manager"])
def test_only_beheer_may_write(demo, username):
    with pytest.raises(PermissionDenied):
        region_add(actor=demo.users[username], name="Regio Stiekem", retention_years=2)
    assert not Region.objects.filter(name="Regio Stiekem").exists()
    assert not BeheerChange.objects.exists()


def test_a_municipality_without_cases_moves_with_its_organisations(admin):
    west = region_add(actor=admin, name="Regio West", retention_years=2)
    dorp = municipality_add(actor=admin, name="Dorp", region=Region.objects.get(name="Regio Oost"))
    team = organisation_add(
        actor=admin, name="Wijkteam Dorp", kind=OrganisationKind.WIJKTEAM, municipality=dorp
    )

    municipality_change(actor=admin, municipality=dorp, name="Dorp", region=west)

    team.refresh_from_db()
    assert team.region == west
    moved = BeheerChange.objects.get(
        subject_kind="organisation", subject_id=team.pk, action="changed"
    )
    assert moved.changes == {"regio": ["Regio Oost", "Regio West"]}
    assert BeheerChange.objects.get(subject_kind="municipality", action="changed").changes == {
        "regio": ["Regio Oost", "Regio West"]
    }


def test_a_municipality_with_cases_stays_in_its_region(admin, demo):
    middenstad = Municipality.objects.get(name="Middenstad")
    before = middenstad.region
    with pytest.raises(ValidationError) as exc:
        municipality_change(
            actor=admin,
            municipality=middenstad,
            name="Middenstad",
            region=Region.objects.get(name="Regio Oost"),
        )
    assert "kan niet naar een andere regio" in _messages(exc)
    middenstad.refresh_from_db()
    assert middenstad.region == before
    assert Case.objects.filter(owning_team=demo.orgs["Wijkteam Noord"], region=before).exists()
    assert not BeheerChange.objects.exists()


def test_a_wijkteam_needs_a_municipality(admin):
    oost = Region.objects.get(name="Regio Oost")
    with pytest.raises(ValidationError) as exc:
        organisation_add(
            actor=admin, name="Wijkteam Los", kind=OrganisationKind.WIJKTEAM, region=oost
        )
    assert "Kies de gemeente" in _messages(exc)
    assert not Organisation.objects.filter(name="Wijkteam Los").exists()


def test_a_municipality_in_another_region_than_chosen_is_refused(admin):
    with pytest.raises(ValidationError) as exc:
        organisation_add(
            actor=admin,
            name="GGZ Midden",
            kind=OrganisationKind.GGZ,
            municipality=Municipality.objects.get(name="Middenstad"),
            region=Region.objects.get(name="Regio Oost"),
        )
    assert "ligt in regio" in _messages(exc)


def test_an_organisation_gets_its_region_from_its_municipality(admin):
    oosterveld = Municipality.objects.get(name="Oosterveld")
    team = organisation_add(
        actor=admin,
        name="Wijkteam Oosterveld-Zuid",
        kind=OrganisationKind.WIJKTEAM,
        municipality=oosterveld,
    )
    assert team.region == oosterveld.region
    assert team.active
    row = BeheerChange.objects.get(subject_kind="organisation", subject_id=team.pk)
    assert row.changes["regio"] == ["—", oosterveld.region.name]
    assert row.changes["soort"] == ["—", "Sociaal wijkteam"]


def test_a_duplicate_organisation_name_is_refused(admin):
    with pytest.raises(ValidationError) as exc:
        organisation_add(
            actor=admin,
            name="politie",
            kind=OrganisationKind.POLITIE,
            region=Region.objects.first(),
        )
    assert "Er is al een organisatie met de naam" in _messages(exc)


def test_the_kind_of_an_organisation_with_cases_stays(admin, demo):
    politie = demo.orgs["Politie"]
    with pytest.raises(ValidationError) as exc:
        organisation_change(
            actor=admin,
            organisation=politie,
            name="Politie",
            kind=OrganisationKind.OM,
            municipality=None,
            region=politie.region,
        )
    assert "betrokken bij" in _messages(exc)
    politie.refresh_from_db()
    assert politie.kind == OrganisationKind.POLITIE


def test_a_rename_keeps_the_old_name_free_for_a_new_organisation(admin, demo):
    ggz = demo.orgs["GGZ"]
    organisation_change(
        actor=admin,
        organisation=ggz,
        name="GGZ Centraal",
        kind=ggz.kind,
        municipality=None,
        region=ggz.region,
    )
    fresh = organisation_add(actor=admin, name="GGZ", kind=OrganisationKind.GGZ, region=ggz.region)
    ggz.refresh_from_db()
    assert fresh.group_id != ggz.group_id
    assert BeheerChange.objects.get(subject_id=ggz.pk, action="changed").changes == {
        "naam": ["GGZ", "GGZ Centraal"]
    }


def test_deactivation_ends_memberships_and_blocks_new_members_and_participations(admin, demo):
    politie = demo.orgs["Politie"]
    officer = demo.users["politie"]

    organisation_deactivate(actor=admin, organisation=politie)

    politie.refresh_from_db()
    assert not politie.active
    assert not Membership.objects.active().filter(organisation=politie).exists()
    assert Membership.objects.filter(user=officer, organisation=politie).exists()  # history kept
    actions = set(BeheerChange.objects.values_list("subject_kind", "action"))
    assert actions == {("organisation", "deactivated"), ("membership", "ended")}
    assert BeheerChange.objects.get(action="deactivated").changes == {"actief": ["ja", "nee"]}
    with pytest.raises(ValidationError, match="gedeactiveerd"):
        membership_add(user=officer, organisation=politie, role=Role.MEDEWERKER)
    case = demo.cases["DEMO-ZVH"]
    case.participations.filter(organisation=politie).update(removed_at="2026-01-01T00:00Z")
    with pytest.raises(ValidationError, match="gedeactiveerd"):
        participation_add(
            case=case, organisation=politie, user=demo.users["regisseur"], reason="Opnieuw nodig"
        )


def test_a_wijkteam_with_open_cases_cannot_be_deactivated(admin, demo):
    noord = demo.orgs["Wijkteam Noord"]
    with pytest.raises(ValidationError) as exc:
        organisation_deactivate(actor=admin, organisation=noord)
    assert "Draag die casussen eerst over" in _messages(exc)
    noord.refresh_from_db()
    assert noord.active
    assert Membership.objects.active().filter(organisation=noord).exists()
    assert not BeheerChange.objects.exists()


def test_beheer_cannot_deactivate_its_own_organisation(admin, demo):
    veilig_thuis = demo.orgs["Veilig Thuis"]
    membership_add(user=admin, organisation=veilig_thuis, role=Role.FUNCTIONEEL_BEHEER)
    with pytest.raises(ValidationError, match="Een andere beheerder"):
        organisation_deactivate(actor=admin, organisation=veilig_thuis)


def test_reactivation_is_recorded_and_memberships_stay_ended(admin, demo):
    reclassering = demo.orgs["Reclassering"]
    organisation_deactivate(actor=admin, organisation=reclassering)
    organisation_reactivate(actor=admin, organisation=reclassering)

    reclassering.refresh_from_db()
    assert reclassering.active
    row = BeheerChange.objects.filter(action="reactivated").get()
    assert row.changes == {"actief": ["nee", "ja"]}
