"""Regions in the access layer: a ZVH reads only its own region's cases (issue 13)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.phases import Phase
from organisations.models import Region, Role
from organisations.services import region_create
from privacy.access import visible_cases
from privacy.breakglass import BreakGlassRefused, break_glass_open
from privacy.matrix import sharing_rules_set
from privacy.models import CaseGroupObjectPermission, SharingRule
from privacy.retention import candidates
from tests.factories import CaseFactory, member


@pytest.fixture
def oost(demo):
    return demo.cases["DEMO-OOST"]


def test_the_oost_case_belongs_to_regio_oost(demo, oost):
    assert oost.region.name == "Regio Oost"
    assert demo.cases["DEMO-ZVH"].region != oost.region


def test_a_registered_case_gets_its_teams_region(demo):
    case = CaseFactory(
        owning_team=demo.orgs["Wijkteam Oosterveld"], regiehouder=demo.users["wijkteam-oost"]
    )
    assert case.region == demo.orgs["Wijkteam Oosterveld"].region
    assert demo.orgs["Wijkteam Oosterveld"].municipality.name == "Oosterveld"


def test_regisseur_of_region_one_gets_404_on_the_oost_case(demo, oost):
    client = demo.client_for("regisseur")
    assert client.get(f"/cases/{oost.pk}/").status_code == 404
    assert not visible_cases(demo.users["regisseur"]).filter(pk=oost.pk).exists()


def test_regisseur_of_oost_reads_the_oost_case_and_nothing_of_region_one(demo, oost):
    client = demo.client_for("regisseur-oost")
    assert client.get(f"/cases/{oost.pk}/").status_code == 200
    for reference in ("DEMO-ZVH", "DEMO-ACUUT", "DEMO-NAZORG", "DEMO-AFSCHALING"):
        assert client.get(f"/cases/{demo.cases[reference].pk}/").status_code == 404
    assert list(visible_cases(demo.users["regisseur-oost"])) == [oost]


@pytest.mark.parametrize(
    ("username", "shown"), [("regisseur", False), ("regisseur-oost", True), ("politie", False)]
)
def test_list_and_search_show_the_oost_case_only_to_its_region(demo, oost, username, shown):
    client = demo.client_for(username)
    listing = client.get("/cases/").content.decode()
    # By reference: name search on SQLite lost its index triggers in cases 0007 (reported).
    search = client.get("/cases/", {"q": "DEMO-OOST"}).content.decode()
    link = f'href="/cases/{oost.pk}/"'
    assert (link in listing) is shown
    assert (link in search) is shown


def test_the_zvh_of_one_region_holds_no_grant_on_the_others_cases(demo, oost):
    midden_zvh = demo.orgs["Zorg- en Veiligheidshuis"].group_id
    oost_zvh = demo.orgs["Zorg- en Veiligheidshuis Oost"].group_id
    assert not CaseGroupObjectPermission.objects.filter(content_object=oost, group_id=midden_zvh)
    assert not CaseGroupObjectPermission.objects.filter(
        group_id=oost_zvh, content_object__region=demo.cases["DEMO-ZVH"].region
    )


def test_a_new_region_starts_with_the_default_matrix(db):
    region = region_create(name="Regio West")
    assert SharingRule.objects.filter(region=region).count() == 12 * 8
    assert SharingRule.objects.get(region=region, party="owner", category="basis").allowed


def test_revoking_a_cell_changes_only_the_officers_own_region(demo, oost):
    officer = member(demo.orgs["Zorg- en Veiligheidshuis Oost"], Role.PRIVACY_OFFICER)
    zvh_case = demo.cases["DEMO-ZVH"]
    midden_zvh = demo.orgs["Zorg- en Veiligheidshuis"].group_id
    oost_zvh = demo.orgs["Zorg- en Veiligheidshuis Oost"].group_id
    cells = [
        (r.party, r.category)
        for r in SharingRule.objects.filter(region=oost.region, allowed=True)
        if (r.party, r.category) != ("zvh", "zorg")
    ]

    changes = sharing_rules_set(
        user=officer, cells=cells, decision_reference="besluit stuurgroep Oost", reason="test"
    )

    assert [(c.region, c.party, c.category) for c in changes] == [(oost.region, "zvh", "zorg")]
    assert not SharingRule.objects.get(region=oost.region, party="zvh", category="zorg").allowed
    assert SharingRule.objects.get(region=zvh_case.region, party="zvh", category="zorg").allowed
    oost_codenames = set(
        CaseGroupObjectPermission.objects.filter(
            content_object=oost, group_id=oost_zvh
        ).values_list("permission__codename", flat=True)
    )
    assert "view_case_zorg" not in oost_codenames and "view_case_basis" in oost_codenames
    assert CaseGroupObjectPermission.objects.filter(
        content_object=zvh_case, group_id=midden_zvh, permission__codename="view_case_zorg"
    ).exists()


def test_the_privacy_officer_sees_only_their_own_regions_closed_cases(demo):
    closed_oost = CaseFactory(
        owning_team=demo.orgs["Wijkteam Oosterveld"],
        regiehouder=demo.users["wijkteam-oost"],
        phase=Phase.GESLOTEN,
        closed_at=timezone.now(),
    )
    officer_oost = member(demo.orgs["Zorg- en Veiligheidshuis Oost"], Role.PRIVACY_OFFICER)
    midden = set(visible_cases(demo.users["privacy"]))
    assert demo.cases["DEMO-GESLOTEN"] in midden and closed_oost not in midden
    assert set(visible_cases(officer_oost)) == {closed_oost}


def test_retention_applies_each_regions_own_term(demo):
    oost_region = Region.objects.get(name="Regio Oost")
    oost_region.retention_years = 5
    oost_region.save()
    three_years_ago = timezone.now() - timedelta(days=3 * 366)
    kwargs = {"phase": Phase.GESLOTEN, "closed_at": three_years_ago}
    midden_case = CaseFactory(
        owning_team=demo.orgs["Wijkteam Noord"], regiehouder=demo.users["wijkteam"], **kwargs
    )
    oost_case = CaseFactory(
        owning_team=demo.orgs["Wijkteam Oosterveld"],
        regiehouder=demo.users["wijkteam-oost"],
        **kwargs,
    )

    due = set(candidates(now=timezone.now()))

    assert midden_case in due
    assert oost_case not in due


def test_a_regisseur_cannot_break_the_glass_into_another_region(demo, oost):
    with pytest.raises(BreakGlassRefused):
        break_glass_open(user=demo.users["regisseur"], reference=oost.reference, reason="x" * 40)
