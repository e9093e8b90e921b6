"""triage.services.assessment_create: permission, validation, timeline, judgement."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cases.models import CaseEvent
from triage import selectors
from triage.defaults import RULESET_V1
from triage.engine import evaluate
from triage.models import Judgement, TriageAssessment
from triage.services import assessment_create

pytestmark = pytest.mark.django_db

ANSWERS = {
    "domains": {"financien": 2, "huisvesting": 1, "geestelijke_gezondheid": 2},
    "risks": {"geweld": True, "overlast": True},
    "organisations": 4,
    "months_in_wijkteam": 7,
}


def test_worker_records_an_assessment_with_the_active_ruleset(demo) -> None:
    case = demo.cases["DEMO-ADVIES"]
    assessment = assessment_create(
        user=demo.users["wijkteam"], case=case, answers=ANSWERS, judgement=Judgement.AGREE
    )
    expected = evaluate(ANSWERS, RULESET_V1)
    assert assessment.level == expected.level == 2
    assert assessment.score == expected.score
    assert assessment.reasons == expected.reasons
    assert assessment.zvh_criteria == expected.zvh_criteria
    assert assessment.ruleset_name == "v1"
    assert assessment.answers["risks"]["kind_in_gevaar"] is False  # stored normalised
    assert selectors.latest_assessment(case) == assessment


def test_assessment_is_recorded_on_the_timeline_in_category_triage(demo) -> None:
    case = demo.cases["DEMO-ADVIES"]
    assessment_create(
        user=demo.users["wijkteam"], case=case, answers=ANSWERS, judgement=Judgement.AGREE
    )
    event = CaseEvent.objects.filter(case=case, kind="triage_assessed").get()
    assert event.category == "triage"
    assert event.data["level"] == 2
    assert "niveau 2" in event.description


def test_disagreeing_without_motivation_is_refused(demo) -> None:
    case = demo.cases["DEMO-ADVIES"]
    with pytest.raises(ValidationError, match="niet eens"):
        assessment_create(
            user=demo.users["wijkteam"],
            case=case,
            answers=ANSWERS,
            judgement=Judgement.DISAGREE,
            judgement_motivation="   ",
        )
    assert not TriageAssessment.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, kind="triage_assessed").exists()


def test_disagreement_with_motivation_is_kept(demo) -> None:
    assessment = assessment_create(
        user=demo.users["wijkteam"],
        case=demo.cases["DEMO-ADVIES"],
        answers=ANSWERS,
        judgement=Judgement.DISAGREE,
        judgement_motivation="Situatie is stabieler dan de score zegt.",
    )
    assert assessment.judgement == "disagree"
    assert assessment.judgement_motivation == "Situatie is stabieler dan de score zegt."


def test_judgement_is_required(demo) -> None:
    with pytest.raises(ValidationError):
        assessment_create(
            user=demo.users["wijkteam"],
            case=demo.cases["DEMO-ADVIES"],
            answers=ANSWERS,
            judgement="",
        )


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"domains": {"financien": 6}}, "financien"),
        ({"domains": {"geluk": 3}}, "geluk"),
        ({"risks": {"geweld": "ja"}}, "geweld"),
        ({"organisations": -1}, "organisations"),
        ({"months_in_wijkteam": 2.5}, "months_in_wijkteam"),
        ({"onbekend": 1}, "onbekend"),
    ],
)
def test_invalid_answers_are_refused_with_a_dutch_message(demo, answers, message) -> None:
    with pytest.raises(ValidationError) as exc:
        assessment_create(
            user=demo.users["wijkteam"],
            case=demo.cases["DEMO-ADVIES"],
            answers=answers,
            judgement=Judgement.AGREE,
        )
    assert message in exc.value.messages[0]
    assert not TriageAssessment.objects.exists()


def test_other_wijkteam_cannot_assess_a_case_it_does_not_own(demo) -> None:
    with pytest.raises(PermissionDenied):
        assessment_create(
            user=demo.users["wijkteam2"],
            case=demo.cases["DEMO-ADVIES"],
            answers=ANSWERS,
            judgement=Judgement.AGREE,
        )


def test_manager_cannot_assess(demo) -> None:
    with pytest.raises(PermissionDenied):
        assessment_create(
            user=demo.users["manager"],
            case=demo.cases["DEMO-ADVIES"],
            answers=ANSWERS,
            judgement=Judgement.AGREE,
        )


def test_police_cannot_assess_even_in_a_case_it_works_on(demo) -> None:
    with pytest.raises(PermissionDenied):
        assessment_create(
            user=demo.users["politie"],
            case=demo.cases["DEMO-ZVH"],
            answers=ANSWERS,
            judgement=Judgement.AGREE,
        )


def test_regisseur_can_assess_a_case_in_the_zvh(demo) -> None:
    assessment = assessment_create(
        user=demo.users["regisseur"],
        case=demo.cases["DEMO-ZVH"],
        answers=ANSWERS,
        judgement=Judgement.AGREE,
    )
    assert assessment.assessed_by == demo.users["regisseur"]


def test_closed_case_cannot_be_assessed(demo) -> None:
    with pytest.raises((PermissionDenied, ValidationError)):
        assessment_create(
            user=demo.users["wijkteam"],
            case=demo.cases["DEMO-GESLOTEN"],
            answers=ANSWERS,
            judgement=Judgement.AGREE,
        )


def test_database_refuses_an_unmotivated_disagreement(demo) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageAssessment.objects.create(
            case=demo.cases["DEMO-ADVIES"],
            answers={},
            score=0,
            level=0,
            level_name="wijkteam",
            ruleset=selectors.active_ruleset(),
            ruleset_name="v1",
            judgement=Judgement.DISAGREE,
            judgement_motivation="",
        )
