"""Who the workflow turns to without a case relation: the ZVH procesregisseurs."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from organisations.models import OrganisationKind, Role


def regisseurs(*, region_id: int | None = None) -> QuerySet:
    """Active users with an active procesregisseur membership of a ZVH (the query form of
    `actor_of(user).is_regisseur`), by name: who screens an aanmelding, who is alerted
    of an acute one and reminded of a late one. With `region_id`, only the ZVH of that
    region: a case is worked on by its own region's ZVH and nobody else."""
    # One filter() call, so all conditions hold for the same membership row.
    conditions = {
        "membership__role": Role.PROCESREGISSEUR,
        "membership__organisation__kind": OrganisationKind.ZVH,
        "membership__active": True,
    }
    if region_id is not None:
        conditions["membership__organisation__region_id"] = region_id
    return (
        get_user_model()
        .objects.filter(is_active=True, **conditions)
        .distinct()
        .order_by("first_name", "last_name")
    )
