"""The workflow forms ask a follow-up under the answer that needs it (conditional
reveal): the aanmelding, the decline, the afschaling checklist and the nazorg check. Each
follow-up is required only under its answer, a missing one is a Dutch error on that
field and changes nothing, and a follow-up under an answer not chosen is never saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.phases import Phase
from escalation.models import AftercareCheck, EscalationRequest, Handover
from organisations.models import Membership, Role

from .conftest import assess, fresh

pytestmark = pytest.mark.django_db


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d-%m-%Y")


def _request_data(**changes) -> dict:
    data = {
        "phase": Phase.WIJKTEAM,
        "aanleiding": "Zorgen om geweld in het gezin.",
        "doel": "Veiligheid van de kinderen.",
        "client_informed": "ja",
        "reason_not_informed": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _post_request(demo, case, **changes):
    url = reverse("escalation:request", args=[case.pk])
    return demo.client_for("wijkteam").post(url, _request_data(**changes))


# --- aanmelding ----------------------------------------------------------------------


def test_request_asks_the_reason_under_nee_and_marks_it_required(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    html = demo.client_for("wijkteam").get(reverse("escalation:request", args=[case.pk]))
    body = html.content.decode()

    assert "Is de cliënt geïnformeerd over de aanmelding?" in body
    assert 'data-reveal="id_client_informed-nee-reveal"' in body
    reveal = body.split('id="id_client_informed-nee-reveal"')[1].split("</div>")[0]
    assert 'name="reason_not_informed"' in body.split('id="id_client_informed-nee-reveal"')[1]
    assert "niet verplicht" not in reveal


def test_request_with_nee_and_a_reason_is_saved(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    response = _post_request(
        demo, case, client_informed="nee", reason_not_informed="Lopend strafrechtelijk onderzoek."
    )

    assert response.status_code == 302
    request = EscalationRequest.objects.get(case=case)
    assert not request.client_informed
    assert request.reason_not_informed == "Lopend strafrechtelijk onderzoek."


def test_request_with_nee_and_no_reason_names_the_field_and_saves_nothing(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    response = _post_request(demo, case, client_informed="nee", reason_not_informed="  ")

    body = response.content.decode()
    assert response.status_code == 400
    assert (
        'href="#id_reason_not_informed">Waarom is de cliënt niet geïnformeerd?: '
        "Geef aan waarom de cliënt niet over de aanmelding is geïnformeerd." in body
    )
    assert not EscalationRequest.objects.filter(case=case).exists()
    assert fresh(case).phase == Phase.WIJKTEAM


def test_request_without_an_answer_asks_for_one(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    response = _post_request(demo, case, client_informed=None)

    assert response.status_code == 400
    assert "Geef aan of de cliënt is geïnformeerd over de aanmelding." in response.content.decode()
    assert not EscalationRequest.objects.filter(case=case).exists()


def test_request_with_ja_keeps_no_reason_typed_under_nee(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    _post_request(demo, case, client_informed="ja", reason_not_informed="Toch getypt.")

    request = EscalationRequest.objects.get(case=case)
    assert request.client_informed and request.reason_not_informed == ""


def test_request_hides_the_override_when_the_triage_qualifies(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    body = demo.client_for("wijkteam").get(reverse("escalation:request", args=[case.pk]))

    assert 'name="override_motivation"' not in body.content.decode()


def test_request_without_a_fitting_triage_requires_the_motivation(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 1)
    url = reverse("escalation:request", args=[case.pk])
    page = demo.client_for("wijkteam").get(url).content.decode()
    label = page.split('for="id_override_motivation"')[1].split("</label>")[0]
    assert "Waarom meldt u aan zonder passende triage?" in label
    assert "niet verplicht" not in label

    response = _post_request(demo, case, override_motivation="Te kort.")
    assert response.status_code == 400
    assert "minstens 20 tekens" in response.content.decode()
    assert not EscalationRequest.objects.filter(case=case).exists()

    motivation = "Het gezin weigert elke hulp en de situatie escaleert."
    assert _post_request(demo, case, override_motivation=motivation).status_code == 302
    assert EscalationRequest.objects.get(case=case).override_motivation == motivation


def test_acute_checkbox_reveals_a_required_reason(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    response = _post_request(demo, case, acute_declared="on", acute_reason="")

    assert response.status_code == 400
    assert "Beschrijf het acute veiligheidsprobleem" in response.content.decode()
    assert not EscalationRequest.objects.filter(case=case).exists()


# --- decline -------------------------------------------------------------------------


def test_decline_with_advies_keeps_no_partner_picked_under_doorgeleid(wf_demo):
    case = wf_demo.cases["DEMO-ACUUT"]
    response = wf_demo.client_for("regisseur").post(
        reverse("escalation:decline", args=[case.pk]),
        {
            "phase": Phase.AANGEMELD,
            "outcome": "advies",
            "outcome_text": "Schakel eerst schuldhulp in.",
            "referred_to": wf_demo.orgs["Politie"].pk,
        },
    )

    assert response.status_code == 302
    request = EscalationRequest.objects.filter(case=case).order_by("-pk").first()
    assert request.referred_to is None


def test_decline_page_shows_the_partner_under_doorgeleid(wf_demo):
    case = wf_demo.cases["DEMO-ACUUT"]
    body = (
        wf_demo.client_for("regisseur")
        .get(reverse("escalation:decline", args=[case.pk]))
        .content.decode()
    )
    under = body.split('id="id_outcome-doorgeleid-reveal"')[1]
    assert 'name="referred_to"' in under
    assert "---------" not in body


# --- afschaling ----------------------------------------------------------------------

CHECKLIST_YES = {
    "safety_risk_reduced": "ja",
    "goals_met_or_transferred": "ja",
    "regiehouder_named": "ja",
    "client_informed": "ja",
    "aftercare_agreed": "ja",
}


def _propose(wf_demo, case, **changes):
    data = {
        "phase": Phase.ZVH,
        "receiving_team": case.owning_team_id,
        **CHECKLIST_YES,
        "named_regiehouder": wf_demo.users["wijkteam"].pk,
        "aftercare_agreements": "Maandelijks huisbezoek.",
        "aftercare_check_date": _day(30),
    }
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    return wf_demo.client_for("regisseur").post(
        reverse("escalation:handover", args=[case.pk]), data
    )


def test_checklist_all_ja_proposes_the_afschaling(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = _propose(wf_demo, case)

    assert response.status_code == 302
    handover = Handover.objects.get(case=case)
    assert handover.named_regiehouder == wf_demo.users["wijkteam"]
    assert fresh(case).phase == Phase.AFSCHALING


def test_checklist_nee_needs_its_motivation_and_saves_nothing(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = _propose(wf_demo, case, client_informed="nee", client_informed_note="")

    body = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_client_informed_note"' in body
    assert "Motiveer waarom dit punt niet is afgevinkt." in body
    assert not Handover.objects.filter(case=case).exists()
    assert fresh(case).phase == Phase.ZVH


def test_checklist_nee_with_motivation_drops_what_was_typed_under_ja(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = _propose(
        wf_demo,
        case,
        aftercare_agreed="nee",
        aftercare_agreed_note="Geen nazorg nodig, het gezin is stabiel.",
    )

    assert response.status_code == 302
    handover = Handover.objects.get(case=case)
    assert not handover.aftercare_agreed
    assert handover.aftercare_agreements == "" and handover.aftercare_check_date is None


def test_checklist_ja_for_nazorg_needs_the_agreements_and_date(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = _propose(wf_demo, case, aftercare_agreements="", aftercare_check_date="")

    body = response.content.decode()
    assert response.status_code == 400
    assert "Beschrijf de nazorgafspraken." in body
    assert "Kies de datum van de nazorgcontrole." in body
    assert not Handover.objects.filter(case=case).exists()


def test_regiehouder_picker_lists_only_active_wijkteam_medewerkers_by_team(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    ended = wf_demo.users["wijkteam2"].memberships.get()
    Membership.objects.filter(pk=ended.pk).update(active=False, ended_at=timezone.now())
    body = (
        wf_demo.client_for("regisseur")
        .get(reverse("escalation:handover", args=[case.pk]))
        .content.decode()
    )
    picker = body.split('name="named_regiehouder"')[1].split("</select>")[0]

    assert '<optgroup label="Wijkteam Noord">' in picker
    assert f'value="{wf_demo.users["wijkteam"].pk}"' in picker
    for username in ("wijkteam2", "admin", "privacy", "gemeente", "manager", "regisseur"):
        assert f'value="{wf_demo.users[username].pk}"' not in picker, username
    medewerkers = Membership.objects.active().filter(role=Role.MEDEWERKER)
    assert medewerkers.filter(user=wf_demo.users["wijkteam"]).exists()


def test_regiehouder_of_another_team_is_refused_on_the_field(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    zuid = wf_demo.orgs["Wijkteam Zuid"]
    response = _propose(wf_demo, case, receiving_team=zuid.pk)

    assert response.status_code == 400
    assert "Kies een medewerker van het ontvangende wijkteam (Wijkteam Zuid)." in (
        response.content.decode()
    )
    assert not Handover.objects.filter(case=case).exists()


# --- nazorg --------------------------------------------------------------------------


def _check(wf_demo, case, **data):
    return wf_demo.client_for("wijkteam").post(
        reverse("escalation:aftercare", args=[case.pk]), {"phase": Phase.NAZORG, **data}
    )


def test_aftercare_stable_needs_the_next_date(wf_demo):
    case = wf_demo.cases["DEMO-NAZORG"]
    done = AftercareCheck.objects.filter(case=case, done_at__isnull=False).count()
    response = _check(wf_demo, case, outcome="stable", next_check_date="")

    assert response.status_code == 400
    assert 'href="#id_next_check_date"' in response.content.decode()
    assert AftercareCheck.objects.filter(case=case, done_at__isnull=False).count() == done

    assert _check(wf_demo, case, outcome="stable", next_check_date=_day(30)).status_code == 302
    assert AftercareCheck.objects.filter(case=case, done_at__isnull=False).count() == done + 1


def test_aftercare_concerns_saves_the_concerns_and_their_date(wf_demo):
    case = wf_demo.cases["DEMO-NAZORG"]
    missing = _check(wf_demo, case, outcome="concerns", concerns_next_check_date=_day(14))
    assert missing.status_code == 400
    assert "Beschrijf de zorgen." in missing.content.decode()

    response = _check(
        wf_demo,
        case,
        outcome="concerns",
        concerns_notes="Moeder drinkt weer.",
        concerns_next_check_date=_day(14),
        notes="Onder stabiel getypt.",
    )
    assert response.status_code == 302
    check = AftercareCheck.objects.filter(case=case, done_at__isnull=False).latest("done_at")
    assert check.outcome == "concerns" and check.notes == "Moeder drinkt weer."
    assert AftercareCheck.objects.filter(
        case=case, done_at__isnull=True, due_date=timezone.localdate() + timedelta(days=14)
    ).exists()


# --- back to the section ---------------------------------------------------------------


def test_a_plan_step_returns_to_plan_en_overleg(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = wf_demo.client_for("regisseur").post(
        reverse("escalation:review", args=[case.pk]),
        {
            "phase": Phase.ZVH,
            "notes": "Plan loopt; politie meldt rust.",
            "next_review_date": _day(42),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"/cases/{case.pk}/?sectie=plan"


def test_a_phase_step_returns_to_the_overview(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = _propose(wf_demo, case)

    assert response["Location"] == f"/cases/{case.pk}/"
