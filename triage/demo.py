"""Triage assessments for the demo stories (called by `manage.py seed_demo`; idempotent).

Each story gets the assessments its history implies, dated consistently with the phases
in cases/demo/stories.py, evaluated with the active ruleset as the service would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.categories import Category
from cases.models import CaseEvent
from organisations.roles import actor_of

from . import selectors
from .engine import evaluate, validate_answers
from .models import Judgement, TriageAssessment
from .services import describe_outcome


@dataclass(frozen=True)
class DemoAssessment:
    days_ago: float
    assessor: str
    answers: dict[str, Any]
    judgement: str = Judgement.AGREE
    motivation: str = ""


def _risks(*names: str) -> dict[str, bool]:
    return dict.fromkeys(names, True)


ASSESSMENTS: dict[str, list[DemoAssessment]] = {
    # The family: first weighed as "consultatie" when the school raised concerns, then
    # "opschalen" once the violence and the mother's addiction were known (before the
    # aanmelding 40 days ago).
    "DEMO-ZVH": [
        DemoAssessment(
            days_ago=95,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 2,
                    "dagbesteding": 3,
                    "huisvesting": 3,
                    "huiselijke_relaties": 3,
                    "sociaal_netwerk": 3,
                    "justitie": 4,
                },
                "risks": _risks("minderjarigen_betrokken", "overlast"),
                "organisations": 2,
                "months_in_wijkteam": 0,
            },
        ),
        DemoAssessment(
            days_ago=42,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 2,
                    "dagbesteding": 2,
                    "huisvesting": 3,
                    "huiselijke_relaties": 1,
                    "geestelijke_gezondheid": 3,
                    "verslaving": 2,
                    "sociaal_netwerk": 3,
                    "justitie": 2,
                },
                "risks": _risks(
                    "geweld", "minderjarigen_betrokken", "politie_contacten", "stagnatie"
                ),
                "organisations": 4,
                "months_in_wijkteam": 2,
            },
        ),
    ],
    # Homeless man with GHB use: danger to himself (knock-out), weighed just before
    # the acute aanmelding today.
    "DEMO-ACUUT": [
        DemoAssessment(
            days_ago=0.15,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 2,
                    "huisvesting": 1,
                    "geestelijke_gezondheid": 2,
                    "lichamelijke_gezondheid": 2,
                    "verslaving": 1,
                    "sociaal_netwerk": 2,
                },
                "risks": _risks(
                    "gevaar_zelf_of_ander", "overlast", "politie_contacten", "zorgmijding"
                ),
                "organisations": 2,
                "months_in_wijkteam": 0,
            },
        ),
    ],
    # Confused resident in a flat: consultation level, advice asked from the ZVH.
    "DEMO-ADVIES": [
        DemoAssessment(
            days_ago=14,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 4,
                    "dagbesteding": 4,
                    "huisvesting": 3,
                    "geestelijke_gezondheid": 2,
                    "lichamelijke_gezondheid": 4,
                    "verslaving": 5,
                    "adl": 3,
                    "sociaal_netwerk": 3,
                    "justitie": 5,
                },
                "risks": _risks("verward_gedrag", "overlast", "zorgmijding"),
                "organisations": 1,
                "months_in_wijkteam": 0,
            },
        ),
    ],
    # Eight months without progress: level 1, but no consultation was asked (the
    # held_too_long reminder must find it).
    "DEMO-STAGNATIE": [
        DemoAssessment(
            days_ago=40,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 2,
                    "dagbesteding": 3,
                    "huisvesting": 4,
                    "geestelijke_gezondheid": 3,
                    "verslaving": 2,
                    "adl": 4,
                    "sociaal_netwerk": 2,
                },
                "risks": _risks("stagnatie"),
                "organisations": 2,
                "months_in_wijkteam": 8,
            },
            judgement=Judgement.DISAGREE,
            motivation=(
                "Meneer houdt de deur dicht en de schulden lopen op; ik schat de situatie "
                "zwaarder in dan de uitkomst. Bespreken in het teamoverleg."
            ),
        ),
    ],
    # Handed back after the ZVH: opschalen before the aanmelding 240 days ago, and a
    # lower level when the regisseur prepared the afschaling.
    "DEMO-NAZORG": [
        DemoAssessment(
            days_ago=245,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 1,
                    "dagbesteding": 3,
                    "huisvesting": 2,
                    "huiselijke_relaties": 2,
                    "geestelijke_gezondheid": 3,
                    "sociaal_netwerk": 2,
                },
                "risks": _risks("minderjarigen_betrokken", "geweld", "politie_contacten"),
                "organisations": 3,
                "months_in_wijkteam": 2,
            },
        ),
        DemoAssessment(
            days_ago=32,
            assessor="regisseur",
            answers={
                "domains": {
                    "financien": 3,
                    "dagbesteding": 4,
                    "huisvesting": 4,
                    "huiselijke_relaties": 4,
                    "geestelijke_gezondheid": 4,
                    "sociaal_netwerk": 3,
                },
                "risks": _risks("minderjarigen_betrokken"),
                "organisations": 3,
                "months_in_wijkteam": 0,
            },
        ),
    ],
    # Young adult after a probation trajectory: escalated 150 days ago, now lower.
    "DEMO-AFSCHALING": [
        DemoAssessment(
            days_ago=152,
            assessor="wijkteam",
            answers={
                "domains": {
                    "financien": 2,
                    "dagbesteding": 1,
                    "huisvesting": 3,
                    "verslaving": 3,
                    "sociaal_netwerk": 2,
                    "justitie": 1,
                },
                "risks": _risks("justitie_traject", "politie_contacten", "geen_regie"),
                "organisations": 4,
                "months_in_wijkteam": 1,
            },
        ),
        DemoAssessment(
            days_ago=6,
            assessor="regisseur",
            answers={
                "domains": {
                    "financien": 3,
                    "dagbesteding": 3,
                    "huisvesting": 4,
                    "verslaving": 4,
                    "sociaal_netwerk": 3,
                    "justitie": 3,
                },
                "risks": _risks("justitie_traject"),
                "organisations": 3,
                "months_in_wijkteam": 0,
            },
        ),
    ],
    # Wijkteam Zuid's man with psychotic symptoms, weighed before his aanmelding.
    "DEMO-ZUID-2": [
        DemoAssessment(
            days_ago=31,
            assessor="wijkteam2",
            answers={
                "domains": {
                    "financien": 2,
                    "huisvesting": 1,
                    "geestelijke_gezondheid": 1,
                    "sociaal_netwerk": 2,
                    "adl": 3,
                    "lichamelijke_gezondheid": 4,
                },
                "risks": _risks("verward_gedrag", "overlast", "zorgmijding"),
                "organisations": 2,
                "months_in_wijkteam": 2,
            },
        ),
    ],
}


@transaction.atomic
def seed(*, cases: dict, users: dict, orgs: dict) -> int:
    """Create the story assessments that are missing; returns how many were created."""
    ruleset = selectors.active_ruleset()
    rules = selectors.compiled(ruleset)
    now = timezone.now()
    created = 0
    for reference, items in ASSESSMENTS.items():
        case = cases.get(reference)
        if case is None or TriageAssessment.objects.filter(case=case).exists():
            continue
        for item in items:
            answers = validate_answers(item.answers)
            result = evaluate(answers, rules, validated=True)
            at = now - timedelta(days=item.days_ago)
            user = users[item.assessor]
            assessment = TriageAssessment.objects.create(
                case=case,
                answers=answers,
                score=result.score,
                level=result.level,
                level_name=result.level_name,
                reasons=result.reasons,
                knock_outs=result.knock_outs,
                zvh_criteria=result.zvh_criteria,
                complete=result.complete,
                ruleset=ruleset,
                ruleset_name=ruleset.name,
                assessed_by=user,
                assessed_at=at,
                created_at=at,
                judgement=item.judgement,
                judgement_motivation=item.motivation,
            )
            CaseEvent.objects.create(
                case=case,
                kind="triage_assessed",
                category=Category.TRIAGE,
                actor=user,
                actor_organisation=actor_of(user).organisation,
                description=describe_outcome(
                    result.level, result.level_name, result.score, ruleset.name
                ),
                data={
                    "assessment_id": assessment.pk,
                    "level": result.level,
                    "level_name": result.level_name,
                    "score": result.score,
                    "ruleset": ruleset.name,
                    "judgement": item.judgement,
                },
                created_at=at,
            )
            created += 1
    return created
