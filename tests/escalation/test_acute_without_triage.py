"""Acute without triage (seed 004: "bij een acuut veiligheidsprobleem moet snel en adequaat
gehandeld worden"): the aanmelder marks the aanmelding acute with a reason, also with a
motivated override; 1 working day, the regisseurs alerted at once, flagged at screening."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from escalation.deadlines import add_working_days
from escalation.services.request import escalation_request
from notifications.models import Reminder, ReminderKind

from .conftest import fresh

OVERRIDE = "Geen tijd voor een triage: moeder belde vanuit een schuilplek."
REASON = "Vader heeft vannacht gedreigd met een mes; kinderen zijn thuis."


@pytest.fixture
def case(demo):
    return fresh(demo.cases["DEMO-STAGNATIE"])


def _request(demo, case, **kwargs):
    return escalation_request(
        user=demo.users["wijkteam"],
        case=case,
        aanleiding="Dreiging in het gezin.",
        doel="Veiligheid van moeder en kinderen.",
        client_informed=True,
        override_motivation=OVERRIDE,
        **kwargs,
    )


def test_worker_can_mark_an_aanmelding_without_triage_acute(
    demo, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = _request(demo, case, acute_declared=True, acute_reason=REASON)

    assert request.acute and request.acute_without_triage and request.override_flagged
    assert request.screening_deadline == add_working_days(timezone.localdate(), 1)
    alert = Reminder.objects.get(kind=ReminderKind.ACUTE_AANMELDING, case=case)
    assert alert.recipient == demo.users["regisseur"]
    assert any("Acute aanmelding DEMO-STAGNATIE" in m.subject for m in mail.outbox)
    acute_mail = next(m for m in mail.outbox if m.subject.startswith("Acute"))
    assert "zonder triage op niveau 3" in acute_mail.body
    assert "mes" not in acute_mail.body  # the reason stays in Schakel


def test_without_the_mark_an_override_gets_five_working_days_and_no_alert(demo, case):
    request = _request(demo, case)

    assert not request.acute
    assert request.screening_deadline == add_working_days(timezone.localdate(), 5)
    assert not Reminder.objects.filter(kind=ReminderKind.ACUTE_AANMELDING).exists()


def test_acute_mark_needs_a_reason_of_twenty_characters(demo, case):
    with pytest.raises(ValidationError, match="minstens 20 tekens"):
        _request(demo, case, acute_declared=True, acute_reason="Gevaarlijk.")
    assert not case.escalation_requests.exists()


def test_the_form_refuses_a_short_reason(demo, case):
    response = demo.client_for("wijkteam").post(
        f"/escalation/cases/{case.pk}/request/",
        {
            "phase": "wijkteam",
            "aanleiding": "Dreiging in het gezin.",
            "doel": "Veiligheid.",
            "client_informed": "ja",
            "override_motivation": OVERRIDE,
            "acute_declared": "on",
            "acute_reason": "Kort.",
            "text_category": "signalen",
        },
    )
    assert response.status_code == 400
    assert "minstens 20 tekens" in response.content.decode()


def test_the_form_marks_it_acute(demo, case):
    response = demo.client_for("wijkteam").post(
        f"/escalation/cases/{case.pk}/request/",
        {
            "phase": "wijkteam",
            "aanleiding": "Dreiging in het gezin.",
            "doel": "Veiligheid.",
            "client_informed": "ja",
            "override_motivation": OVERRIDE,
            "acute_declared": "on",
            "acute_reason": REASON,
            "text_category": "signalen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert case.escalation_requests.get().acute_declared


def test_regisseur_sees_acuut_zonder_triage_on_the_screening_page(demo, case):
    _request(demo, case, acute_declared=True, acute_reason=REASON)

    page = demo.client_for("regisseur").get("/escalation/screening/").content.decode()

    assert "Acuut zonder triage:" in page and REASON in page


def test_the_accept_page_shows_the_flag(demo, case):
    _request(demo, case, acute_declared=True, acute_reason=REASON)

    page = demo.client_for("regisseur").get(f"/escalation/cases/{case.pk}/accept/")

    assert "Acuut zonder triage." in page.content.decode()


def test_wijkteam_worker_cannot_open_the_screening_page(demo):
    assert demo.client_for("wijkteam").get("/escalation/screening/").status_code == 403


def test_manager_cannot_mark_an_aanmelding_acute(demo, case):
    from escalation.transitions import TransitionRefused

    with pytest.raises(TransitionRefused):
        escalation_request(
            user=demo.users["manager"],
            case=case,
            aanleiding="Dreiging.",
            doel="Veiligheid.",
            client_informed=True,
            override_motivation=OVERRIDE,
            acute_declared=True,
            acute_reason=REASON,
        )
