from __future__ import annotations

from django import template

from escalation.services.notices import CRITERIA_LABELS
from triage.defaults import ZVH_CRITERIA_LABELS_NL

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    """Dutch label of a national ZVH criterion (from triage), or the key itself."""
    return ZVH_CRITERIA_LABELS_NL.get(key, key)


@register.filter
def notice_criterion_label(key: str) -> str:
    """Dutch label of a criterion for bestuurlijke informatie, or the key itself."""
    return str(CRITERIA_LABELS.get(key, key))
