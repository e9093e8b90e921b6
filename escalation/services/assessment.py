"""The triage an aanmelding rests on: the latest assessment, whether it qualifies, and
the snapshot copied onto the aanmelding."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.models import Case
from triage.defaults import explain_reason
from triage.models import TriageAssessment
from triage.selectors import latest_assessment as triage_latest_assessment

TRIAGE_MAX_AGE = timedelta(days=30)
ESCALATION_MIN_LEVEL = 2
# Without a qualifying triage an aanmelding needs a motivation of this length; an
# acute safety problem declared by the aanmelder needs a reason of this length. Here,
# not in services.request, so the form can check them too (it cannot import the
# services that take steps: they import the step table, which imports the forms).
OVERRIDE_MIN_CHARS = 20
ACUTE_REASON_MIN_CHARS = 20


def latest_assessment(case: Case) -> TriageAssessment | None:
    """The case's latest triage assessment, or None when it has none."""
    return triage_latest_assessment(case)


def qualifying_assessment(assessment: TriageAssessment | None) -> bool:
    """Level ≥ 2 and at most 30 days old: enough to escalate without an override."""
    return bool(
        assessment is not None
        and assessment.level >= ESCALATION_MIN_LEVEL
        and assessment.assessed_at >= timezone.now() - TRIAGE_MAX_AGE
    )


def _explained(assessment: TriageAssessment) -> list[dict]:
    """The reasons with their Dutch sentence, as the wijkteam saw them."""
    answers = assessment.answers or {}
    return [
        {**r, "text": explain_reason(r["rule"], r["points"], answers)}
        for r in assessment.reasons or []
    ]


def triage_snapshot(assessment: TriageAssessment | None) -> dict:
    """The EscalationRequest fields that copy `assessment` ({} without one)."""
    if assessment is None:
        return {}
    return {
        "triage_assessment_id": assessment.pk,
        "triage_level": assessment.level,
        "triage_score": assessment.score,
        "triage_reasons": _explained(assessment),
        "zvh_criteria": dict(assessment.zvh_criteria or {}),
        "triage_assessed_at": assessment.assessed_at,
    }
