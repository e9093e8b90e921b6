"""A handover to a wijkteam in another region moves the case into that region (issue 13):
its ZVH reads along in nazorg, the old region's ZVH no longer does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cases.models import CaseEvent
from cases.phases import Phase
from escalation.services.handover import Checklist, handover_propose
from notifications.models import Notification, NotificationKind
from privacy.access import visible_cases
from privacy.models import CaseGroupObjectPermission
from tests.escalation.conftest import fresh

CHECKLIST = Checklist(
    safety_risk_reduced=True,
    goals_met_or_transferred=True,
    regiehouder_named=True,
    client_informed=True,
    aftercare_agreed=True,
)


def in_zvh(flow):
    """DEMO-ZUID-1 (Wijkteam Zuid, Regio Midden) escalated and accepted by the ZVH."""
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    flow.escalate(case, user=flow.u["wijkteam2"])
    flow.accept(fresh(case))
    return fresh(case)


def handed_to(flow, case, team, named):
    handover_propose(
        user=flow.u["regisseur"],
        case=case,
        receiving_team=team,
        checklist=CHECKLIST,
        named_regiehouder=named,
        aftercare_agreements="Maandelijks contact.",
        aftercare_check_date=flow.today + timedelta(days=30),
    )
    flow.accept_handover(fresh(case), user=named)
    return fresh(case)


@pytest.fixture
def moved(flow):
    """The case after Wijkteam Oosterveld (Regio Oost) accepted it."""
    case = in_zvh(flow)
    midden = case.region
    oosterveld = flow.demo.orgs["Wijkteam Oosterveld"]
    return handed_to(flow, case, oosterveld, flow.u["wijkteam-oost"]), midden


def test_accepting_moves_the_case_to_the_receiving_teams_region(flow, moved):
    case, midden = moved
    assert case.phase == Phase.NAZORG
    assert case.owning_team == flow.demo.orgs["Wijkteam Oosterveld"]
    assert case.region.name == "Regio Oost" and case.region != midden
    # The old region's regisseur can no longer open it; Oost's ZVH assigns its own.
    assert case.procesregisseur is None
    event = CaseEvent.objects.filter(case=case, kind="handover_accepted").get()
    assert "De casus gaat over naar Regio Oost." in event.description


def test_the_new_regions_regisseur_sees_it_and_the_old_ones_does_not(flow, moved):
    case, _midden = moved
    assert visible_cases(flow.u["regisseur-oost"]).filter(pk=case.pk).exists()
    assert not visible_cases(flow.u["regisseur"]).filter(pk=case.pk).exists()
    assert flow.demo.client_for("regisseur-oost").get(f"/cases/{case.pk}/").status_code == 200
    assert flow.demo.client_for("regisseur").get(f"/cases/{case.pk}/").status_code == 404
    # The team that gave it up sees it no more; the receiving worker does.
    assert flow.demo.client_for("wijkteam2").get(f"/cases/{case.pk}/").status_code == 404
    assert flow.demo.client_for("wijkteam-oost").get(f"/cases/{case.pk}/").status_code == 200


def test_grants_follow_the_region(flow, moved):
    case, _midden = moved
    groups = set(
        CaseGroupObjectPermission.objects.filter(content_object=case).values_list(
            "group_id", flat=True
        )
    )
    orgs = flow.demo.orgs
    assert orgs["Zorg- en Veiligheidshuis Oost"].group_id in groups
    assert orgs["Zorg- en Veiligheidshuis"].group_id not in groups
    assert orgs["Wijkteam Zuid"].group_id not in groups


def test_the_proposing_regisseur_still_hears_of_the_acceptance(flow, moved):
    case, _midden = moved
    recipients = set(
        Notification.objects.filter(case=case, kind=NotificationKind.HANDOVER_ACCEPTED).values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {"regisseur"}


def test_a_handover_within_the_region_keeps_region_and_procesregisseur(flow):
    case = in_zvh(flow)
    region = case.region
    case = handed_to(flow, case, flow.demo.orgs["Wijkteam Noord"], flow.u["wijkteam"])
    assert case.region == region
    assert case.procesregisseur == flow.u["regisseur"]
    assert visible_cases(flow.u["regisseur"]).filter(pk=case.pk).exists()
