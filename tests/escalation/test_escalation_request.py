"""Aanmelding: triage ≤ 30 days with level ≥ 2 or a motivated override; deadlines in
working days; an acute aanmelding e-mails the regisseurs at once."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from cases.phases import Phase
from escalation.deadlines import add_working_days, screening_deadline
from escalation.services.request import escalation_request

from .conftest import assess, fresh


@pytest.fixture
def case(demo):
    return fresh(demo.cases["DEMO-STAGNATIE"])


def _request(demo, case, **kwargs):
    return escalation_request(
        user=demo.users["wijkteam"],
        case=case,
        aanleiding=kwargs.pop("aanleiding", "Geweld en stagnatie."),
        doel=kwargs.pop("doel", "Veiligheid."),
        client_informed=kwargs.pop("client_informed", True),
        **kwargs,
    )


def test_wijkteam_cannot_escalate_without_recent_triage_or_motivation(demo, case):
    assess(case, 1)
    with pytest.raises(ValidationError, match="geen triage van de afgelopen 30 dagen"):
        _request(demo, case)
    assert fresh(case).phase == Phase.WIJKTEAM


def test_a_triage_older_than_thirty_days_does_not_count(demo, case):
    assess(case, 3, days_ago=31)
    with pytest.raises(ValidationError):
        _request(demo, case, override_motivation="te kort")
    assert fresh(case).phase == Phase.WIJKTEAM


def test_a_motivated_override_is_accepted_and_flagged_for_the_regisseur(demo, case):
    request = _request(
        demo, case, override_motivation="Zorgen over de veiligheid van de buren nemen toe."
    )
    assert request.override_flagged
    assert request.triage_level is None
    assert fresh(case).phase == Phase.AANGEMELD


def test_level_two_triage_is_copied_into_the_request_with_its_reasons(demo, case):
    assessment = assess(case, 2)
    request = _request(demo, case)
    assert not request.override_flagged
    assert request.triage_assessment_id == assessment.pk
    assert [r["rule"] for r in request.triage_reasons] == ["geweld", "zorg_en_veiligheid"]
    assert request.triage_reasons[0]["text"].startswith("Risico: ")
    assert request.zvh_criteria["multiproblem"] is True
    assert not request.acute


def test_client_not_informed_needs_a_reason(demo, case):
    assess(case, 2)
    with pytest.raises(ValidationError, match="niet over de aanmelding is geïnformeerd"):
        _request(demo, case, client_informed=False)
    request = _request(
        demo, case, client_informed=False, reason_not_informed="Lopend strafrechtelijk onderzoek."
    )
    assert request.reason_not_informed == "Lopend strafrechtelijk onderzoek."


def test_gemeente_cannot_be_invited_as_a_partner(demo, case):
    assess(case, 2)
    with pytest.raises(ValidationError, match="convenantpartners"):
        _request(demo, case, partners=[demo.orgs["Gemeente"]])


def test_acute_request_emails_the_regisseurs_after_commit(
    demo, case, django_capture_on_commit_callbacks
):
    assess(case, 3)
    with django_capture_on_commit_callbacks(execute=True):
        request = _request(demo, case)
    assert request.acute
    request.refresh_from_db()
    assert request.acute_notified_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["regisseur@schakel.invalid"]
    assert "Acute aanmelding DEMO-STAGNATIE" in mail.outbox[0].subject
    # No names from the household in the e-mail.
    assert "Vos" not in mail.outbox[0].body
    assert case.events.filter(kind="acute_notified").exists()


def test_acute_request_rings_the_regisseurs_bell_at_once(demo, case):
    from notifications.models import Reminder, ReminderKind

    assess(case, 3)
    _request(demo, case)

    alert = Reminder.objects.get(kind=ReminderKind.ACUTE_AANMELDING, case=case)
    assert alert.recipient == demo.users["regisseur"]
    assert alert.read_at is None
    page = demo.client_for("regisseur").get("/notifications/").content.decode()
    assert "DEMO-STAGNATIE" in page and "acute aanmelding" in page
    # The wijkteam worker gets no bell for their own aanmelding.
    assert not Reminder.objects.filter(recipient=demo.users["wijkteam"]).exists()


def test_normal_request_sends_no_acute_email(demo, case, django_capture_on_commit_callbacks):
    assess(case, 2)
    with django_capture_on_commit_callbacks(execute=True):
        _request(demo, case)
    # Only the hand-off notification (issue 14), naming the kind and the reference.
    assert [m.subject for m in mail.outbox] == [
        "Schakel: Nieuwe aanmelding voor casus DEMO-STAGNATIE"
    ]
    assert mail.outbox[0].to == ["regisseur@schakel.invalid"]


def test_screening_deadline_skips_kings_day(demo, case):
    # Friday 24 April 2026; Monday 27 April is Koningsdag.
    with time_machine.travel(date(2026, 4, 24)):
        assess(case, 2)
        request = _request(demo, case)
    assert request.screening_deadline == date(2026, 5, 4)


def test_acute_deadline_is_one_working_day_after_christmas(demo, case):
    # Thursday 24 December 2026: Christmas and the weekend do not count.
    with time_machine.travel(date(2026, 12, 24)):
        assess(case, 3)
        request = _request(demo, case)
    assert request.acute
    assert request.screening_deadline == date(2026, 12, 28)


def test_working_days_skip_weekends_and_easter_monday():
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # Good Friday, Easter
    assert screening_deadline(requested_on=date(2026, 6, 5), acute=False) == date(2026, 6, 12)
