"""Access-log rows for people: names, role labels and contexts in plain Dutch."""

from __future__ import annotations

from django import template

from organisations.models import Role
from privacy import contexts

register = template.Library()

ROLE_LABELS = dict(Role.choices)


@register.filter
def access_context(value: str) -> str:
    """The stored context as a Dutch phrase (privacy.contexts)."""
    return contexts.describe(value)


@register.filter
def role_label(value: str) -> str:
    """`privacy_officer` → "Privacyfunctionaris"; an unknown (old) code stays as it is."""
    return str(ROLE_LABELS.get(value, value)) if value else ""


@register.filter
def person_name(row) -> str:
    """The name as it was when the row was written; the username only when it had none.
    Takes a row or one of the overview's grouped dicts."""
    if isinstance(row, dict):
        return row.get("user_full_name") or row.get("username", "")
    return row.user_full_name or row.username
