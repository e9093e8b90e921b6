"""Issue 14: meekijken in nazorg, what an afschaling hands over, bestuurlijke informatie
raised by the regiehouder from the aanmelding on."""

from __future__ import annotations

from django.urls import reverse

from escalation.models import AdministrativeNotice, Consultation
from escalation.services.consultation import consultation_ask
from escalation.transitions import may
from privacy.models import CaseParticipation

from .conftest import assess, fresh


def test_wijkteam_may_ask_advice_in_nazorg_and_the_regisseur_answers(wf_demo):
    case = fresh(wf_demo.cases["DEMO-NAZORG"])
    assert may(wf_demo.users["wijkteam"], case, "consult")
    consultation_ask(user=wf_demo.users["wijkteam"], case=case, question="Zorgen nemen toe.")
    assert Consultation.objects.filter(case=case).unanswered().exists()
    response = wf_demo.client_for("regisseur").get(
        reverse("escalation:consult_answer", args=[case.pk])
    )
    assert response.status_code == 200


def test_afschaling_page_shows_open_actions_and_partners_and_ends_a_participation(wf_demo, flow):
    case = fresh(wf_demo.cases["DEMO-ZVH"])
    url = reverse("escalation:handover", args=[case.pk])
    html = wf_demo.client_for("regisseur").get(url).content.decode()
    assert "Open acties" in html and "Gezamenlijk huisbezoek" in html
    assert "Deelnemende partners" in html and "Deelname van Politie beëindigen" in html
    flow.propose(case, end_participations=[wf_demo.orgs["Politie"]])
    active = CaseParticipation.objects.active().filter(case=case)
    assert not active.filter(organisation__name="Politie").exists()
    assert active.filter(organisation__name="GGZ").exists()


def test_afschaling_page_is_hidden_and_refused_like_every_step(wf_demo, gemeente_user):
    url = reverse("escalation:handover", args=[wf_demo.cases["DEMO-ZVH"].pk])
    assert wf_demo.client_for("wijkteam2").get(url).status_code == 404
    assert wf_demo.client_for("politie").get(url).status_code == 403


def test_regiehouder_marks_an_aangemeld_case_and_sees_the_criteria(wf_demo, flow):
    case = fresh(wf_demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case, level=3)
    url = reverse("escalation:notice_mark", args=[case.pk])
    client = wf_demo.client_for("wijkteam")
    html = client.get(url).content.decode()
    assert "Criteria voor bestuurlijke informatie" in html
    assert "Triageniveau 3 (acuut)" in html
    response = client.post(url, {"reason": "Dreiging richting de buren, veel media."})
    assert response.status_code == 302
    notice = AdministrativeNotice.objects.get(case=case)
    assert notice.criteria == ["regiehouder"]


def test_only_regisseur_and_regiehouder_may_mark(wf_demo, flow):
    case = fresh(wf_demo.cases["DEMO-STAGNATIE"])
    assess(case, 2)
    flow.escalate(case)
    url = reverse("escalation:notice_mark", args=[case.pk])
    assert wf_demo.client_for("regisseur").get(url).status_code == 200
    assert wf_demo.client_for("manager").get(url).status_code == 403
    assert wf_demo.client_for("wijkteam2").get(url).status_code == 404
