"""Retention: closed cases are anonymised after RETENTION_YEARS; statistics are kept."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseNote, Person
from privacy.models import AccessLog, RetentionRun, RetentionTombstone
from privacy.retention import candidates, retention_run
from privacy.tasks import retention_daily


def _view_closed_case(demo):
    case = demo.cases["DEMO-GESLOTEN"]
    demo.client_for("privacy").get(f"/cases/{case.pk}/")
    return case


def test_the_case_closed_three_years_ago_is_a_candidate(demo):
    refs = [c.reference for c in candidates(now=timezone.now())]
    assert refs == ["DEMO-GESLOTEN"]


def test_dry_run_prints_and_changes_nothing(demo):
    case = _view_closed_case(demo)
    out = StringIO()
    call_command("retention_run", "--dry-run", stdout=out)
    assert "DEMO-GESLOTEN" in out.getvalue() and "zou worden geanonimiseerd" in out.getvalue()
    assert Person.objects.filter(case=case, last_name="Hendriks").exists()
    assert not RetentionRun.objects.exists()
    case.refresh_from_db()
    assert case.anonymised_at is None


def test_retention_anonymises_personal_data_and_keeps_statistics(demo, settings):
    settings.RETENTION_YEARS = 2
    case = _view_closed_case(demo)
    phases_before = list(
        CaseEvent.objects.filter(case=case).values_list(
            "kind", "from_phase", "to_phase", "created_at"
        )
    )
    out = StringIO()
    call_command("retention_run", stdout=out)
    assert "1 casus(sen) geanonimiseerd" in out.getvalue()

    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert case.title == "[geanonimiseerd]"
    assert case.phase == "gesloten" and case.closed_at is not None
    assert case.owning_team.name == "Wijkteam Noord"
    person = Person.objects.get(case=case)
    assert (person.first_name, person.last_name, person.date_of_birth, person.address) == (
        "[geanonimiseerd]",
        "",
        None,
        "",
    )
    assert set(CaseNote.objects.filter(case=case).values_list("text", flat=True)) == {
        "[geanonimiseerd]"
    }
    assert (
        list(
            CaseEvent.objects.filter(case=case).values_list(
                "kind", "from_phase", "to_phase", "created_at"
            )
        )
        == phases_before
    )
    log = AccessLog.objects.get(case=case)
    assert log.ip_address is None and log.context == "[gepseudonimiseerd]"
    assert log.user == demo.users["privacy"], "who accessed stays known"
    tombstone = RetentionTombstone.objects.get(case=case)
    assert tombstone.reference == "DEMO-GESLOTEN"
    assert tombstone.removed["persons"] == 1 and tombstone.removed["notes"] == 1
    assert tombstone.run.cases_anonymised == 1
    # The privacy officer still sees the (now empty) case, and Hendriks is gone.
    page = demo.client_for("privacy").get(f"/cases/{case.pk}/").content.decode()
    assert "Hendriks" not in page and "[ZORG]" not in page


def test_a_second_run_does_nothing(demo):
    retention_run(now=timezone.now())
    assert retention_daily() == 0
    assert RetentionTombstone.objects.count() == 1


def test_a_case_closed_one_year_ago_is_kept_until_its_time_comes(demo):
    case = demo.cases["DEMO-ZVH"]
    Case.objects.filter(pk=case.pk).update(
        phase="gesloten", closed_at=timezone.now() - timedelta(days=365)
    )
    assert case.pk not in {c.pk for c in candidates(now=timezone.now())}
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        result = retention_run(now=timezone.now())
        assert "DEMO-ZVH" in [p.reference for p in result.cases]
    assert not Person.objects.filter(case=case, last_name="Verbeek").exists()


def test_now_option_moves_the_reference_moment(demo):
    out = StringIO()
    call_command("retention_run", "--dry-run", "--now", "2020-01-01T09:00", stdout=out)
    assert "0 casus(sen) zouden worden geanonimiseerd" in out.getvalue()


def test_bad_now_option_is_a_clear_error(demo):
    from django.core.management.base import CommandError

    try:
        call_command("retention_run", "--now", "gisteren")
    except CommandError as exc:
        assert "geen geldige ISO-datum" in str(exc)
    else:
        raise AssertionError("expected CommandError")
    assert not RetentionRun.objects.exists()


def test_on_postgresql_only_retention_may_update_the_access_log(demo, postgres_only):
    from django.db import DatabaseError, transaction
    from django.db.models import QuerySet

    case = _view_closed_case(demo)
    # QuerySet.update itself, past the application's guard: only the trigger decides.
    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet.update(AccessLog.objects.filter(case=case), context="gewist")
    retention_run(now=timezone.now())
    assert AccessLog.objects.get(case=case).context == "[gepseudonimiseerd]"
    # After the run the trigger guards the log again.
    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet.update(AccessLog.objects.filter(case=case), context="gewist")


def test_free_text_of_other_apps_is_replaced_and_their_numbers_kept(demo):
    from django.apps import apps

    if not apps.is_installed("escalation"):
        pytest.skip("escalation app not installed")
    consultation_model = apps.get_model("escalation", "Consultation")
    case = demo.cases["DEMO-GESLOTEN"]
    consultation = consultation_model.objects.create(
        case=case,
        question="Mevrouw Hendriks weigert hulp, wat nu?",
        asked_by=demo.users["wijkteam"],
    )
    result = retention_run(now=timezone.now())
    consultation.refresh_from_db()
    assert consultation.question == "[geanonimiseerd]"
    assert consultation.answer == "", "an empty field stays empty"
    assert consultation.asked_at is not None
    assert result.cases[0].counts["escalation.consultation"] == 1
