"""Grant writing: recompute a case's guardian grants from the convenant matrix.

`sync_case_access` is called by every service that changes a case's phase, owner,
participants or advice window, and by the matrix resync after a convenant change.
Reads never come here: they go through privacy/access.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from cases.categories import view_codename
from cases.models import Case
from cases.phases import Phase
from organisations.models import Organisation, OrganisationKind

from .models import (
    CaseGroupObjectPermission,
    CaseParticipation,
    CaseUserObjectPermission,
    SharingParty,
    SharingRule,
)
from .rules import ADVICE_CATEGORIES, CHANGE_CODENAME, PARTNER_PHASES, ZVH_PHASES


def _in_region(region_id: int | None) -> Q:
    """The matrix of this region; without one, the default region's (REGION_NAME)."""
    if region_id is None:
        return Q(region__name=settings.REGION_NAME)
    return Q(region_id=region_id)


def sharing_matrix(region_id: int | None = None) -> dict[str, frozenset[str]]:
    """Party → categories it may see, from the region's SharingRule rows."""
    matrix: dict[str, set[str]] = {party: set() for party in SharingParty.values}
    for party, category in SharingRule.objects.filter(
        _in_region(region_id), allowed=True
    ).values_list("party", "category"):
        matrix.setdefault(party, set()).add(category)
    return {party: frozenset(cats) for party, cats in matrix.items()}


def zvh_groups_of_region(region_id: int | None) -> list[int]:
    """The auth groups of the ZVHs serving this region (a case reads its region's)."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.ZVH, region_id=region_id).values_list(
            "group_id", flat=True
        )
    )


def counted_participations(queryset: QuerySet[CaseParticipation]) -> QuerySet[CaseParticipation]:
    """The active participations in `queryset` that give access now.

    In the wijkteam phase only those added since the case (re)entered it: invitations to
    the regiehouder's casusoverleg, not the partners of a ZVH track that ended in a
    decline (see privacy.rules.PARTNER_PHASES).
    """
    return queryset.active().filter(
        ~Q(case__phase=Phase.WIJKTEAM) | Q(added_at__gte=F("case__phase_changed_at"))
    )


def desired_grants(
    case: Case,
    *,
    matrix: dict[str, frozenset[str]] | None = None,
    zvh_group_ids: list[int] | None = None,
    participants: list[tuple[int, str]] | None = None,
    now=None,
) -> dict[int, set[str]]:
    """Group id → permission codenames this case should grant, per DESIGN.md's rules.

    `matrix` is the case's region's matrix and `zvh_group_ids` the groups of that
    region's ZVHs (read here when not given): a ZVH never reads another region's cases.
    """
    if case.phase == Phase.GESLOTEN:
        return {}
    matrix = matrix if matrix is not None else sharing_matrix(case.region_id)
    now = now or timezone.now()
    grants: dict[int, set[str]] = {}

    def grant(group_id: int, categories: Iterable[str], *, change: bool) -> None:
        codenames = {view_codename(c) for c in categories}
        if not codenames:
            return
        if change:
            codenames.add(CHANGE_CODENAME)
        grants.setdefault(group_id, set()).update(codenames)

    owner = matrix.get(SharingParty.OWNER, frozenset())
    grant(case.owning_team.group_id, owner, change=True)
    if case.phase == Phase.AFSCHALING and case.receiving_team_id:
        # The receiving team must read the case to accept it.
        grant(case.receiving_team.group_id, owner, change=True)

    if zvh_group_ids is None:
        zvh_group_ids = zvh_groups_of_region(case.region_id)
    zvh = matrix.get(SharingParty.ZVH, frozenset())
    if case.phase in ZVH_PHASES:
        for group_id in zvh_group_ids:
            grant(group_id, zvh, change=True)
    elif case.advice_access_until and case.advice_access_until > now:
        for group_id in zvh_group_ids:
            grant(group_id, zvh & ADVICE_CATEGORIES, change=False)

    if case.phase in PARTNER_PHASES:
        if participants is None:
            participants = list(
                counted_participations(CaseParticipation.objects.filter(case=case)).values_list(
                    "organisation__group_id", "organisation__kind"
                )
            )
        for group_id, kind in participants:
            if kind in (OrganisationKind.WIJKTEAM, OrganisationKind.ZVH):
                # A wijkteam or the ZVH never gains access by being invited; their
                # access follows ownership and phase.
                continue
            grant(group_id, matrix.get(kind, frozenset()), change=True)
    return grants


def case_permission_ids() -> dict[str, int]:
    return dict(
        Permission.objects.filter(
            content_type__app_label="cases", content_type__model="case"
        ).values_list("codename", "id")
    )


@transaction.atomic
def sync_case_access(case: Case, *, matrix: dict[str, frozenset[str]] | None = None) -> None:
    """Make the case's group grants exactly those `desired_grants` computes."""
    perm_ids = case_permission_ids()
    wanted = {
        (group_id, perm_ids[codename])
        for group_id, codenames in desired_grants(case, matrix=matrix).items()
        for codename in codenames
    }
    existing = dict(
        ((group_id, perm_id), row_id)
        for row_id, group_id, perm_id in CaseGroupObjectPermission.objects.filter(
            content_object=case
        ).values_list("id", "group_id", "permission_id")
    )
    stale = [row_id for key, row_id in existing.items() if key not in wanted]
    if stale:
        CaseGroupObjectPermission.objects.filter(id__in=stale).delete()
    missing = wanted - existing.keys()
    if missing:
        CaseGroupObjectPermission.objects.bulk_create(
            [
                CaseGroupObjectPermission(content_object=case, group_id=g, permission_id=p)
                for g, p in missing
            ]
        )
    if case.phase == Phase.GESLOTEN:
        # Closing revokes every grant, including break-the-glass ones.
        CaseUserObjectPermission.objects.filter(content_object=case).delete()
