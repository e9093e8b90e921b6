from __future__ import annotations

from django import template

from escalation.models import CRITERIA_LABELS
from escalation.selectors import request_reasons
from privacy.access import CaseAccess
from triage.defaults import ZVH_CRITERIA_LABELS_NL
from triage.presentation import ResultView, assessment_view

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    """Dutch label of a national ZVH criterion (from triage), or the key itself."""
    return ZVH_CRITERIA_LABELS_NL.get(key, key)


@register.filter
def notice_criterion_label(key: str) -> str:
    """Dutch label of a criterion for bestuurlijke informatie, or the key itself."""
    return str(CRITERIA_LABELS.get(key, key))


def _access(value) -> CaseAccess | None:
    # A template passes "" for a missing variable: that viewer is shown nothing of health.
    return value if isinstance(value, CaseAccess) else None


@register.simple_tag
def triage_for(assessment, access: CaseAccess | None) -> ResultView | None:
    """`{% triage_for assessment form.access as triage %}`: the assessment as this
    viewer may see it (health reasons only with `gezondheid`), or None."""
    if assessment is None:
        return None
    return assessment_view(assessment, access=_access(access))


@register.simple_tag
def reasons_for(request_obj, access: CaseAccess | None) -> list[dict]:
    """`{% reasons_for request_obj form.access as reasons %}`: the aanmelding's triage
    reasons this viewer may see."""
    if request_obj is None:
        return []
    return request_reasons(request_obj, access=_access(access))
