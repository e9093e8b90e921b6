"""Who the workflow turns to without a case relation: the ZVH procesregisseurs."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from organisations.models import OrganisationKind, Role


def regisseurs() -> QuerySet:
    """Active users who are a procesregisseur of a ZVH (the query form of
    `actor_of(user).is_regisseur`), by name: who screens an aanmelding, who is alerted
    of an acute one and reminded of a late one."""
    return (
        get_user_model()
        .objects.filter(
            membership__role=Role.PROCESREGISSEUR,
            membership__organisation__kind=OrganisationKind.ZVH,
            is_active=True,
        )
        .order_by("first_name", "last_name")
    )
