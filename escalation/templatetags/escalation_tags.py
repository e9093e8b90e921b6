from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    """Dutch label of a national ZVH criterion (from triage), or the key itself."""
    try:
        from triage.defaults import ZVH_CRITERIA_LABELS_NL
    except ImportError:
        return key
    return ZVH_CRITERIA_LABELS_NL.get(key, key)


@register.filter
def notice_criterion_label(key: str) -> str:
    from escalation.services_notices import CRITERIA_LABELS

    return str(CRITERIA_LABELS.get(key, key))
