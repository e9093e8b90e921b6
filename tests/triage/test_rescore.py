"""Rescoring the latest assessment of every open case: batches, command, Celery task."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.models import CaseEvent
from cases.phases import Phase
from tests.factories import CaseFactory
from triage import rescoring, selectors, services, tasks
from triage.engine import evaluate, validate_answers
from triage.models import Ruleset, TriageAssessment

pytestmark = pytest.mark.django_db


def publish_lower_threshold(admin, opschalen: int = 12) -> Ruleset:
    draft = services.ruleset_draft_create(user=admin)
    thresholds = {"acuut": None, "opschalen": opschalen, "consultatie": 8}
    draft = services.ruleset_draft_update(
        user=admin,
        ruleset=draft,
        name="v2",
        definition={**draft.definition, "thresholds": thresholds},
    )
    return services.ruleset_publish(user=admin, ruleset=draft)


def add_cases(demo, n: int, *, score_domains: dict, phase=Phase.WIJKTEAM) -> list:
    v1 = Ruleset.objects.get(name="v1")
    answers = validate_answers({"domains": score_domains})
    result = evaluate(answers, v1.definition)
    created = []
    for i in range(n):
        case = CaseFactory(
            owning_team=demo.orgs["Wijkteam Noord"],
            regiehouder=demo.users["wijkteam"],
            phase=phase,
        )
        for age in (30, 3):  # an older and a newer assessment; only the newer counts
            TriageAssessment.objects.create(
                case=case,
                answers=answers,
                score=result.score - (1 if age == 30 else 0),
                level=result.level,
                level_name=result.level_name,
                reasons=result.reasons,
                zvh_criteria=result.zvh_criteria,
                ruleset=v1,
                ruleset_name="v1",
                assessed_at=timezone.now() - timedelta(days=age, minutes=i),
            )
        created.append(case)
    return created


def test_preview_counts_only_the_latest_assessment_of_open_cases(triage_demo) -> None:
    admin = triage_demo.users["admin"]
    draft = services.ruleset_draft_create(user=admin)
    draft = services.ruleset_draft_update(
        user=admin,
        ruleset=draft,
        name="v2",
        definition={
            **draft.definition,
            "thresholds": {"acuut": None, "opschalen": 12, "consultatie": 8},
        },
    )
    # Score 12 (consultatie under v1): four open, one closed.
    add_cases(
        triage_demo, 4, score_domains={"financien": 1, "huisvesting": 1, "adl": 1, "justitie": 1}
    )
    add_cases(
        triage_demo,
        1,
        score_domains={"financien": 1, "huisvesting": 1, "adl": 1, "justitie": 1},
        phase=Phase.GESLOTEN,
    )
    before = TriageAssessment.objects.count()
    for batch_size in (1, 3, 1000):
        impact = rescoring.impact_preview(ruleset=draft, batch_size=batch_size)
        # 7 demo stories with triage (DEMO-GESLOTEN has none) + 4 open factory cases.
        assert impact.examined == 7 + 4
        assert impact.changed == 2 + 4
        assert impact.transition_rows() == [{"from": 1, "to": 2, "cases": 6}]
    assert impact.batches == 1
    # Batches run over every open case, also the untriaged DEMO-VERGETEN and DEMO-OOST.
    assert rescoring.impact_preview(ruleset=draft, batch_size=3).batches == 5
    assert TriageAssessment.objects.count() == before


def test_applying_writes_new_assessments_in_batches_once(triage_demo) -> None:
    v2 = publish_lower_threshold(triage_demo.users["admin"])
    open_cases = add_cases(
        triage_demo, 5, score_domains={"financien": 1, "huisvesting": 1, "adl": 1, "justitie": 1}
    )
    outcome = rescoring.rescore_open_cases(ruleset=v2, apply=True, batch_size=2)
    assert outcome.examined == 7 + 5
    assert outcome.created == 7 + 5
    # 15 open cases in twos (DEMO-ZUID-1, DEMO-VERGETEN and DEMO-OOST have no triage).
    assert outcome.batches == 8
    latest = selectors.latest_assessments([c.pk for c in open_cases])
    assert {a.ruleset_name for a in latest.values()} == {"v2"}
    assert {a.level for a in latest.values()} == {2}
    assert CaseEvent.objects.filter(kind="triage_rescored").count() == 2 + 5
    again = rescoring.rescore_open_cases(ruleset=v2, apply=True, batch_size=2)
    assert again.created == 0
    assert again.changed == 0


def test_only_published_versions_are_applied(triage_demo) -> None:
    draft = services.ruleset_draft_create(user=triage_demo.users["admin"])
    with pytest.raises(Exception, match="gepubliceerde"):
        rescoring.rescore_open_cases(ruleset=draft, apply=True)


def test_command_dry_run_prints_counts_and_writes_nothing(triage_demo) -> None:
    publish_lower_threshold(triage_demo.users["admin"])
    before = TriageAssessment.objects.count()
    out = io.StringIO()
    call_command("triage_rescore", "--dry-run", "--batch-size", "3", stdout=out)
    text = out.getvalue()
    assert "7 open casussen onderzocht in 4 batches" in text
    assert "2 veranderen van niveau" in text
    assert "niveau 1 → 2: 2" in text
    assert TriageAssessment.objects.count() == before


def test_command_applies_the_active_version(triage_demo) -> None:
    publish_lower_threshold(triage_demo.users["admin"])
    out = io.StringIO()
    call_command("triage_rescore", stdout=out)
    assert "7 nieuwe wegingen opgeslagen" in out.getvalue()
    stagnatie = selectors.latest_assessment(triage_demo.cases["DEMO-STAGNATIE"])
    assert (stagnatie.ruleset_name, stagnatie.level) == ("v2", 2)


def test_command_refuses_unknown_ruleset_and_bad_batch_size(triage_demo) -> None:
    with pytest.raises(CommandError):
        call_command("triage_rescore", "--ruleset", "v404", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("triage_rescore", "--batch-size", "0", stdout=io.StringIO())


def test_celery_task_calls_the_same_service(triage_demo) -> None:
    publish_lower_threshold(triage_demo.users["admin"])
    preview = tasks.rescore_open_cases(dry_run=True)
    assert preview["changed"] == 2
    assert preview["created"] == 0
    applied = tasks.rescore_open_cases.delay(ruleset_name="v2", batch_size=4).get()
    assert applied["created"] == 7
    assert applied["transitions"] == [{"from": 1, "to": 2, "cases": 2}]
