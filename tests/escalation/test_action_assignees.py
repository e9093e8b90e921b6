"""The action's person picker offers exactly who the service accepts (issue 16, point 7):
professionals of organisations that may own an action of this case, grouped by
organisation; never functioneel beheer, the privacy officer, a manager, the gemeente,
another wijkteam or another region's ZVH."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from escalation.assignees import action_assignees, action_owner_organisations
from escalation.models import Action
from escalation.plan_forms import ActionForm
from escalation.services import zvh
from organisations.models import Role
from organisations.services import membership_set

from .conftest import fresh


@pytest.fixture
def plan_case(demo):
    case = fresh(demo.cases["DEMO-ZVH"])
    zvh.plan_save(user=demo.users["regisseur"], case=case, goals="Veiligheid voor iedereen.")
    return fresh(case)


def _deadline() -> str:
    return (timezone.localdate() + timedelta(days=14)).strftime("%d-%m-%Y")


def _usernames(memberships) -> set[str]:
    return {m.user.username for m in memberships}


def test_only_professionals_of_organisations_that_may_own_the_action_are_offered(demo, plan_case):
    offered = _usernames(action_assignees(plan_case))
    assert offered == {"wijkteam", "regisseur", "politie", "ggz"}
    organisations = {o.name for o in action_owner_organisations(plan_case)}
    assert "Wijkteam Noord" in organisations and "Politie" in organisations
    assert not organisations & {"Gemeente", "Wijkteam Zuid", "Zorg- en Veiligheidshuis Oost"}


def test_an_ended_membership_or_a_deactivated_user_is_not_offered(demo, plan_case):
    ggz = demo.users["ggz"]
    ggz.is_active = False
    ggz.save()
    assert "ggz" not in _usernames(action_assignees(plan_case))


def test_a_second_membership_offers_the_person_under_both_organisations(demo, plan_case):
    membership_set(user=demo.users["politie"], organisation=demo.orgs["GGZ"], role=Role.MEDEWERKER)
    ggz = _usernames(action_assignees(plan_case, demo.orgs["GGZ"]))
    assert ggz == {"ggz", "politie"}


def test_the_form_groups_people_by_organisation(demo, plan_case):
    form = ActionForm(case=plan_case, user=demo.users["regisseur"])
    html = str(form["owner_person"])
    assert '<optgroup label="Politie">' in html and '<optgroup label="GGZ">' in html
    politie = demo.orgs["Politie"].pk
    assert f'data-organisation="{politie}"' in html
    assert "Beheer Schakel" not in html and "Lotte Mulder" not in html
    assert "---------" not in html and "---------" not in str(form["owner_organisation"])


def test_a_partner_is_offered_its_own_organisation_and_people_only(demo, plan_case):
    form = ActionForm(case=plan_case, user=demo.users["politie"])
    assert [o.name for o in form.fields["owner_organisation"].queryset] == ["Politie"]
    assert "Kies een organisatie" not in str(form["owner_organisation"])
    assert set(form.fields["owner_person"].queryset.values_list("username", flat=True)) == {
        "politie"
    }


def test_a_person_of_another_organisation_is_refused_in_dutch_and_nothing_is_saved(demo, plan_case):
    response = demo.client_for("regisseur").post(
        f"/escalation/cases/{plan_case.pk}/plan/action/",
        {
            "phase": "zvh",
            "description": "Huisbezoek afleggen.",
            "owner_organisation": demo.orgs["GGZ"].pk,
            "owner_person": demo.users["politie"].pk,
            "deadline": _deadline(),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mark de Boer kan deze actie niet uitvoeren" in body
    assert "niet uitvoeren voor GGZ" in body
    assert not Action.objects.filter(case=plan_case).exists()


def test_beheer_cannot_be_posted_as_the_person_either(demo, plan_case):
    response = demo.client_for("regisseur").post(
        f"/escalation/cases/{plan_case.pk}/plan/action/",
        {
            "phase": "zvh",
            "description": "Iets regelen.",
            "owner_organisation": demo.orgs["Zorg- en Veiligheidshuis"].pk,
            "owner_person": demo.users["admin"].pk,
            "deadline": _deadline(),
        },
    )
    assert response.status_code == 400
    assert "Kies een persoon uit de lijst." in response.content.decode()
    assert not Action.objects.filter(case=plan_case).exists()


def test_the_service_applies_the_same_rule(demo, plan_case):
    # Functioneel beheer works at the ZVH but never on a case: refused by the service too.
    with pytest.raises(ValidationError, match="kan deze actie niet uitvoeren"):
        zvh.action_add(
            user=demo.users["regisseur"],
            case=plan_case,
            description="Iets regelen.",
            owner_organisation=demo.orgs["Zorg- en Veiligheidshuis"],
            owner_person=demo.users["admin"],
            deadline=timezone.localdate() + timedelta(days=7),
        )
    with pytest.raises(ValidationError, match="regio van deze casus"):
        zvh.action_add(
            user=demo.users["regisseur"],
            case=plan_case,
            description="Iets regelen.",
            owner_organisation=demo.orgs["Zorg- en Veiligheidshuis Oost"],
            deadline=timezone.localdate() + timedelta(days=7),
        )
    assert not Action.objects.filter(case=plan_case).exists()


def test_a_valid_person_is_saved(demo, plan_case):
    response = demo.client_for("regisseur").post(
        f"/escalation/cases/{plan_case.pk}/plan/action/",
        {
            "phase": "zvh",
            "description": "Huisbezoek afleggen.",
            "owner_organisation": demo.orgs["GGZ"].pk,
            "owner_person": demo.users["ggz"].pk,
            "deadline": _deadline(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(case=plan_case)
    assert action.owner_person == demo.users["ggz"]
