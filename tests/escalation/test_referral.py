"""Issue 14: "doorgeleid naar" a partner is a task on that partner's start page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from escalation.models import Outcome, Referral, ReferralStatus
from escalation.services.screening import escalation_decline
from privacy.models import CaseParticipation

from .conftest import fresh

WORKLIST = reverse("escalation:worklist")


@pytest.fixture
def referral(wf_demo, flow):
    case = fresh(wf_demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case)
    escalation_decline(
        user=wf_demo.users["regisseur"],
        case=fresh(case),
        outcome=Outcome.DOORGELEID,
        outcome_text="Politie pakt de overlast op; het wijkteam houdt de regie.",
        referred_to=wf_demo.orgs["Politie"],
        referral_participates=True,
    )
    return Referral.objects.get(case=case)


def test_a_referral_reaches_the_partners_start_page(wf_demo, referral):
    assert referral.organisation == wf_demo.orgs["Politie"]
    assert referral.status == ReferralStatus.OPEN
    assert CaseParticipation.objects.active().filter(
        case=referral.case, organisation=wf_demo.orgs["Politie"]
    )
    html = wf_demo.client_for("politie").get(WORKLIST).content.decode()
    assert "Doorgeleid naar uw organisatie (1)" in html and "DEMO-STAGNATIE" in html
    html = wf_demo.client_for("ggz").get(WORKLIST).content.decode()
    assert "Doorgeleid naar uw organisatie (0)" in html


def test_partner_moves_the_referral_and_the_regisseur_follows_it(wf_demo, referral):
    url = reverse("escalation:referral_status", args=[referral.pk])
    response = wf_demo.client_for("politie").post(url, {"status": ReferralStatus.OPGEPAKT})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.OPGEPAKT
    html = wf_demo.client_for("regisseur").get(WORKLIST).content.decode()
    assert "Doorverwijzingen (1)" in html and "Politie: Opgepakt" in html
    page = wf_demo.client_for("wijkteam").get(reverse("cases:detail", args=[referral.case_id]))
    assert "Doorgeleid naar Politie" in page.content.decode()


def test_a_decline_without_the_tick_adds_no_participant(wf_demo, flow):
    case = fresh(wf_demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case)
    escalation_decline(
        user=wf_demo.users["regisseur"],
        case=fresh(case),
        outcome=Outcome.DOORGELEID,
        outcome_text="De GGZ pakt dit op; het wijkteam houdt de regie.",
        referred_to=wf_demo.orgs["GGZ"],
    )
    assert Referral.objects.filter(case=case, participates=False).exists()
    assert not CaseParticipation.objects.active().filter(case=case, organisation__name="GGZ")


@pytest.mark.parametrize(
    ("username", "status"),
    [("wijkteam", 403), ("regisseur", 403), ("manager", 403), ("ggz", 404), ("politie", 302)],
)
def test_only_the_referred_partner_may_move_the_referral(wf_demo, referral, username, status):
    url = reverse("escalation:referral_status", args=[referral.pk])
    response = wf_demo.client_for(username).post(url, {"status": ReferralStatus.AFGEROND})
    assert response.status_code == status


def test_the_referral_status_url_takes_post_only(wf_demo, referral):
    url = reverse("escalation:referral_status", args=[referral.pk])
    assert wf_demo.client_for("politie").get(url).status_code == 405
