"""The public read interface other apps rely on, and the demo assessments."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent
from triage import demo as triage_demo_module
from triage.inzage import export
from triage.models import TriageAssessment
from triage.selectors import latest_assessment, latest_assessments

pytestmark = pytest.mark.django_db


def test_latest_assessment_is_the_newest_by_assessed_at(triage_demo) -> None:
    case = triage_demo.cases["DEMO-ZVH"]
    latest = latest_assessment(case)
    assert latest.level == 2
    assert latest.level_name == "opschalen"
    assert latest.assessed_at == max(a.assessed_at for a in case.assessments.all())
    assert latest_assessment(triage_demo.cases["DEMO-ZUID-1"]) is None


def test_latest_assessments_is_one_query(triage_demo, django_assert_num_queries) -> None:
    ids = [c.pk for c in triage_demo.cases.values()]
    with django_assert_num_queries(1):
        latest = latest_assessments(ids)
    assert {
        c.reference: latest[c.pk].level for c in triage_demo.cases.values() if c.pk in latest
    } == {
        "DEMO-ZVH": 2,
        "DEMO-ACUUT": 3,
        "DEMO-ADVIES": 1,
        "DEMO-NAZORG": 0,
        "DEMO-STAGNATIE": 1,
        "DEMO-AFSCHALING": 1,
        "DEMO-ZUID-2": 2,
    }
    assert latest_assessments([]) == {}


def test_demo_story_assessments_fit_the_stories(triage_demo) -> None:
    acuut = latest_assessment(triage_demo.cases["DEMO-ACUUT"])
    assert acuut.knock_outs == ["gevaar_zelf_of_ander"]
    zvh = latest_assessment(triage_demo.cases["DEMO-ZVH"])
    assert {"geweld", "minderjarigen_betrokken"} <= {r["rule"] for r in zvh.reasons}
    assert zvh.assessed_at < triage_demo.cases["DEMO-ZVH"].phase_changed_at
    stagnatie = latest_assessment(triage_demo.cases["DEMO-STAGNATIE"])
    assert stagnatie.answers["risks"]["stagnatie"] is True
    assert stagnatie.answers["months_in_wijkteam"] == 8
    assert stagnatie.judgement == "disagree" and stagnatie.judgement_motivation
    assert CaseEvent.objects.filter(kind="triage_assessed", category="triage").count() == 10


def test_demo_seed_is_idempotent(triage_demo) -> None:
    count = TriageAssessment.objects.count()
    assert (
        triage_demo_module.seed(
            cases=triage_demo.cases, users=triage_demo.users, orgs=triage_demo.orgs
        )
        == 0
    )
    assert TriageAssessment.objects.count() == count


def test_subject_access_export_explains_each_assessment(triage_demo) -> None:
    data = export(triage_demo.cases["DEMO-ZVH"])
    first, second = data["wegingen"]
    assert (first["niveau"], second["niveau"]) == (1, 2)
    assert second["niveau_omschrijving"] == "Opschalen naar ZVH"
    assert "Risico: geweld — 4 punten" in second["redenen"]
    assert second["professioneel_oordeel"] == "Ik ben het eens met de uitkomst"
    assert second["gewogen_door"] == "Fatima El Amrani"
