"""What a convenant change would do, in plain Dutch, before it is saved.

The privacy officer ticks cells of her region's matrix; `change_plan` compares them with
the current matrix and says, per changed cell, how many open cases of the region it
touches: "Politie krijgt inzage in Gezondheid in 5 open casussen". The counts follow the
rules of `privacy.grants.desired_grants` (who reads a case in which phase) and take a
fixed number of queries, whatever the number of cases: one aggregate over the region's
open cases and one over their participations grouped by organisation kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.categories import Category
from cases.models import Case
from organisations.models import OrganisationKind, Region

from .grants import counted_participations, sharing_matrix
from .matrix import matrix_version, officer_region_id, validate_cells
from .models import CaseParticipation, SharingParty
from .rules import ADVICE_CATEGORIES, PARTNER_PHASES, ZVH_PHASES


@dataclass(frozen=True)
class CellChange:
    party: str
    category: str
    allowed: bool  # the new value
    open_cases: int  # open cases of the region in which the party reads this category

    @property
    def sentence(self) -> str:
        """'Politie krijgt inzage in Gezondheid in 5 open casussen.'"""
        values = {
            "party": SharingParty(self.party).label,
            "category": Category(self.category).label,
            "n": self.open_cases,
        }
        if self.open_cases == 0:
            text = (
                _("%(party)s krijgt inzage in %(category)s; dat raakt nu geen open casus.")
                if self.allowed
                else _("%(party)s verliest inzage in %(category)s; dat raakt nu geen open casus.")
            )
        elif self.allowed:
            text = ngettext(
                "%(party)s krijgt inzage in %(category)s in %(n)d open casus.",
                "%(party)s krijgt inzage in %(category)s in %(n)d open casussen.",
                self.open_cases,
            )
        else:
            text = ngettext(
                "%(party)s verliest inzage in %(category)s in %(n)d open casus.",
                "%(party)s verliest inzage in %(category)s in %(n)d open casussen.",
                self.open_cases,
            )
        return text % values


@dataclass(frozen=True)
class ChangePlan:
    region: Region
    cells: frozenset[tuple[str, str]]  # the wanted allowed cells, as submitted
    changes: list[CellChange]
    version: str  # `matrix_version` of the matrix the plan was made on

    @property
    def gained(self) -> list[CellChange]:
        return [c for c in self.changes if c.allowed]

    @property
    def lost(self) -> list[CellChange]:
        return [c for c in self.changes if not c.allowed]


def open_case_counts(region_id: int) -> dict[str, int]:
    """Per matrix party, the open cases of the region it reads as that party.

    Keys: every `SharingParty` value, plus "zvh_advice" (cases the ZVH reads in its own
    phases or during a meekijk window, for the advice categories). Two queries.
    """
    cases = Case.objects.open().filter(region_id=region_id)
    totals = cases.aggregate(
        open=Count("pk"),
        zvh=Count("pk", filter=Q(phase__in=ZVH_PHASES)),
        zvh_advice=Count(
            "pk",
            filter=Q(phase__in=ZVH_PHASES) | Q(advice_access_until__gt=timezone.now()),
        ),
    )
    per_kind = dict(
        counted_participations(
            CaseParticipation.objects.filter(
                case__region_id=region_id, case__phase__in=PARTNER_PHASES
            )
        )
        .exclude(organisation__kind__in=(OrganisationKind.WIJKTEAM, OrganisationKind.ZVH))
        .values_list("organisation__kind")
        .annotate(n=Count("case", distinct=True))
        .values_list("organisation__kind", "n")
    )
    counts = {party: per_kind.get(party, 0) for party in SharingParty.values}
    # The owning team reads every open case of its own; a manager reads (capped) the
    # open cases of their own organisation, which together are the region's open cases.
    counts[SharingParty.OWNER] = totals["open"]
    counts[SharingParty.MANAGER] = totals["open"]
    counts[SharingParty.ZVH] = totals["zvh"]
    counts["zvh_advice"] = totals["zvh_advice"]
    return counts


def _cases_for(party: str, category: str, counts: dict[str, int]) -> int:
    if party == SharingParty.ZVH and category in ADVICE_CATEGORIES:
        return counts["zvh_advice"]
    return counts[party]


def change_plan(*, user, cells: Iterable[tuple[str, str]]) -> ChangePlan:
    """The changes `cells` would make to the officer's region's matrix, with their reach.

    Saves nothing. PermissionDenied for anyone but the privacy officer; ValidationError
    (Dutch) for an unknown cell or a matrix without the owner's basis cell.
    """
    region_id = officer_region_id(user)
    wanted = validate_cells(cells)
    current = sharing_matrix(region_id)
    version = matrix_version(region_id)
    diff = [
        (party, category, (party, category) in wanted)
        for party in SharingParty.values
        for category in Category.values
        if ((party, category) in wanted) != (category in current.get(party, frozenset()))
    ]
    counts = open_case_counts(region_id) if diff else {}
    changes = [
        CellChange(party, category, allowed, _cases_for(party, category, counts))
        for party, category, allowed in diff
    ]
    return ChangePlan(
        region=Region.objects.get(pk=region_id),
        cells=frozenset(wanted),
        changes=changes,
        version=version,
    )
