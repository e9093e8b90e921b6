"""Who a hand-off goes to: people, resolved when the hand-off happens.

These are the query forms of `organisations.roles.Actor`: `professionals_of` is
`actor.works_on_cases and actor.belongs_to(org)`, `workers_of` is `actor.is_worker_of(team)`.
Managers, privacy officers and beheer never receive work items. Only active users, and
only through an active membership: someone whose membership of the organisation ended
(who moved on, but keeps the account for another role) gets nothing of it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from organisations.models import OrganisationKind, Role

# The roles that carry out work on cases (`Actor.works_on_cases`).
_WORKING_ROLES = (Role.MEDEWERKER, Role.PROCESREGISSEUR)


def _active() -> QuerySet:
    return get_user_model().objects.filter(is_active=True)


def professionals_of(*organisation_ids: int | None) -> QuerySet:
    """Active medewerkers and procesregisseurs of these organisations."""
    return _active().filter(
        membership__organisation_id__in=[pk for pk in organisation_ids if pk],
        membership__role__in=_WORKING_ROLES,
        # In the same filter() call: the conditions hold for one and the same membership.
        membership__active=True,
    )


def workers_of(team_id: int | None) -> QuerySet:
    """Active medewerkers of this wijkteam (who may accept a handover to it)."""
    return _active().filter(
        membership__organisation_id=team_id,
        membership__organisation__kind=OrganisationKind.WIJKTEAM,
        membership__role=Role.MEDEWERKER,
        membership__active=True,
    )


def people(*users) -> list[int]:
    """The ids of these users (None left out); `notify` drops inactive ones."""
    return [user.pk for user in users if user is not None]
