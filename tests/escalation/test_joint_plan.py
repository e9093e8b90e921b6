"""Regie stays with the municipal professional (seed 004): one joint plan van aanpak,
edited by the regiehouder and the procesregisseur; partners add actions for their own
organisation; every change is on the timeline with its author; the regiehouder may hold
a wijkteam-level casusoverleg with invited partners before any aanmelding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseEvent
from escalation.models import Action, ActionPlan
from escalation.services import zvh
from escalation.transitions import TransitionRefused
from privacy.access import case_access

from .conftest import fresh


def _deadline():
    return (timezone.localdate() + timedelta(days=14)).strftime("%d-%m-%Y")


def _post(client, url: str, data: dict):
    return client.post(url, {"phase": "zvh", **data})


def test_regiehouder_regisseur_and_partner_edit_one_plan_and_the_timeline_names_each(demo):
    """Browser-free: the three roles use the pages, as in the case page's buttons."""
    case = demo.cases["DEMO-ZVH"]
    base = f"/escalation/cases/{case.pk}"
    politie = demo.orgs["Politie"]

    response = _post(
        demo.client_for("wijkteam"),
        f"{base}/plan/",
        {"goals": "Veiligheid van moeder en kinderen; vader in behandeling."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    response = _post(
        demo.client_for("regisseur"),
        f"{base}/plan/action/",
        {
            "description": "Veiligheidsplan met moeder opstellen.",
            "owner_organisation": demo.orgs["Wijkteam Noord"].pk,
            "deadline": _deadline(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    # The partner picks another organisation; the service makes it its own.
    response = _post(
        demo.client_for("politie"),
        f"{base}/plan/action/",
        {
            "description": "Wijkagent legt huisbezoek af.",
            "owner_organisation": politie.pk,
            "deadline": _deadline(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    response = _post(
        demo.client_for("regisseur"),
        f"{base}/plan/",
        {"goals": "Veiligheid van moeder en kinderen; vader in behandeling; schulden."},
    )
    assert response.status_code == 302

    plan = ActionPlan.objects.get(case=case)
    assert plan.goals.endswith("schulden.")
    assert Action.objects.get(description__startswith="Wijkagent").owner_organisation == politie
    authors = list(
        CaseEvent.objects.filter(case=case, kind__in=["plan_saved", "action_added"])
        .order_by("pk")
        .values_list("kind", "actor__username")
    )
    assert authors[-4:] == [
        ("plan_saved", "wijkteam"),
        ("action_added", "regisseur"),
        ("action_added", "politie"),
        ("plan_saved", "regisseur"),
    ]


def test_partner_can_only_add_actions_for_its_own_organisation(demo):
    case = demo.cases["DEMO-ZVH"]
    zvh.plan_save(user=demo.users["wijkteam"], case=case, goals="Eén plan voor het gezin.")

    action = zvh.action_add(
        user=demo.users["ggz"],
        case=fresh(case),
        description="Behandeling moeder starten.",
        owner_organisation=demo.orgs["Politie"],
        deadline=timezone.localdate() + timedelta(days=7),
    )

    assert action.owner_organisation == demo.orgs["GGZ"]


def test_partner_form_offers_only_its_own_organisation(demo):
    case = demo.cases["DEMO-ZVH"]
    zvh.plan_save(user=demo.users["regisseur"], case=case, goals="Eén plan voor het gezin.")

    page = demo.client_for("politie").get(f"/escalation/cases/{case.pk}/plan/action/")

    assert page.status_code == 200
    choices = list(page.context["form"].fields["owner_organisation"].queryset)
    assert choices == [demo.orgs["Politie"]]


def test_partner_cannot_edit_the_goals(demo):
    case = demo.cases["DEMO-ZVH"]
    with pytest.raises(TransitionRefused, match="Alleen "):
        zvh.plan_save(user=demo.users["politie"], case=case, goals="Wij bepalen het plan.")


def test_partner_not_taking_part_cannot_add_an_action(demo):
    from tests.factories import member

    case = demo.cases["DEMO-ZVH"]
    zvh.plan_save(user=demo.users["regisseur"], case=case, goals="Eén plan voor het gezin.")
    reclassering = member(demo.orgs["Reclassering"])

    with pytest.raises(TransitionRefused, match="Alleen "):
        zvh.action_add(
            user=reclassering,
            case=fresh(case),
            description="Toezicht vader.",
            owner_organisation=demo.orgs["Reclassering"],
            deadline=timezone.localdate() + timedelta(days=7),
        )


def test_manager_cannot_edit_the_plan(demo):
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("manager").post(
        f"/escalation/cases/{case.pk}/plan/", {"phase": "zvh", "goals": "Anders."}
    )
    assert response.status_code == 409
    assert not ActionPlan.objects.filter(case=case).exists()


def test_regiehouder_holds_a_wijkteam_overleg_and_the_invited_partner_sees_the_case(demo):
    case = demo.cases["DEMO-ADVIES"]
    politie = demo.orgs["Politie"]
    assert not case_access(demo.users["politie"], case).categories

    response = demo.client_for("wijkteam").post(
        f"/escalation/cases/{case.pk}/conference/",
        {
            "phase": "wijkteam",
            "held_on": timezone.localdate().strftime("%d-%m-%Y"),
            "invited": [politie.pk],
            "decisions": "Wijkagent en wijkteam gaan samen op huisbezoek.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = CaseEvent.objects.filter(case=case, kind="conference_recorded").get()
    assert event.actor == demo.users["wijkteam"]
    assert set(case_access(demo.users["politie"], case).categories) >= {"basis", "overleg"}
    assert demo.client_for("politie").get(f"/cases/{case.pk}/").status_code == 200
    # The ZVH is not at the table until an aanmelding.
    assert demo.client_for("regisseur").get(f"/cases/{case.pk}/").status_code == 404


def test_other_worker_of_the_team_cannot_hold_the_wijkteam_overleg(demo):
    from organisations.models import Role
    from tests.factories import member

    colleague = member(demo.orgs["Wijkteam Noord"], Role.MEDEWERKER, username="collega")
    case = demo.cases["DEMO-ADVIES"]
    with pytest.raises(TransitionRefused, match="Alleen de regiehouder"):
        zvh.conference_record(
            user=colleague, case=case, held_on=timezone.localdate(), decisions="Overleg."
        )


def test_regisseur_cannot_hold_an_overleg_on_a_wijkteam_case(demo):
    with pytest.raises(TransitionRefused, match="Alleen de regiehouder"):
        zvh.conference_record(
            user=demo.users["regisseur"],
            case=demo.cases["DEMO-ADVIES"],
            held_on=timezone.localdate(),
            decisions="Overleg.",
        )
