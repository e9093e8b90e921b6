"""The triage part of a subject access export (privacy.inzage calls `export(case)`).

Every assessment of the case, in plain Dutch, so that the person can read how their
situation was weighed, with which version of the rules, and what the professional
thought of the outcome.
"""

from __future__ import annotations

from django.utils import timezone

from cases.models import Case

from .models import TriageAssessment
from .presentation import full_assessment_view


def export(case: Case) -> dict:
    assessments = (
        TriageAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .order_by("assessed_at", "id")
    )
    rows = []
    for a in assessments:
        view = full_assessment_view(a)
        rows.append(
            {
                "datum": timezone.localtime(a.assessed_at).isoformat(),
                "triageversie": a.ruleset_name,
                "herberekend": a.is_rescore,
                "gewogen_door": (
                    (a.assessed_by.get_full_name() or a.assessed_by.get_username())
                    if a.assessed_by
                    else ""
                ),
                "niveau": a.level,
                "niveau_omschrijving": view.level_label,
                "score": a.score,
                "redenen": [r["text"] for r in view.reasons],
                "knock_outs": view.knock_outs,
                "criteria_complexe_casuistiek": {c["label"]: c["met"] for c in view.zvh_criteria},
                "voldoet_aan_criteria": view.zvh_met,
                "antwoorden": a.answers,
                "professioneel_oordeel": a.get_judgement_display() if a.judgement else "",
                "motivatie": a.judgement_motivation,
            }
        )
    return {"wegingen": rows}
