from __future__ import annotations

from django import template

from privacy.retention_text import describe_counts

register = template.Library()


@register.filter
def retention_counts(counts: dict[str, int]) -> str:
    """{"persons": 1, "notes": 1} → "1 persoon en 1 notitie"."""
    return describe_counts(counts or {})
