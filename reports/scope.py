"""Whose cases a report counts: a wijkteam, a municipality or a whole region.

The scope is decided here, from the reader's role, not from per-case visibility: the
report holds only counts and lead times, never a case, a name or a reference.

* A manager of a wijkteam: their own team (default), the whole region of their
  organisation, or one municipality in it.
* A manager of a ZVH: the whole region (default) or one municipality in it.
* The gemeente (any member of an organisation of kind gemeente): the figures of its own
  municipality (Organisation.municipality), to take to its bestuur. Nothing else.

Counts of 1 to 4 are shown as "<5" in a municipality's figures (`hides_small_numbers`):
a municipality's figures may leave the chain (to the bestuur, into council papers), and a
handful of cases in one small municipality, per phase or per month, can point at one
household. A team's or a whole region's figures stay inside the chain's management and are
shown exactly, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cases.models import Case
from organisations.models import Municipality, OrganisationKind
from organisations.roles import actor_of

TEAM = "team"
REGION = "regio"
MUNICIPALITY_PREFIX = "gemeente-"
# Counts below this are shown as "<5" where small numbers are hidden.
SMALL_NUMBER = 5


@dataclass(frozen=True)
class ReportScope:
    """One set of cases a report may count; `key` is its value in the form."""

    key: str
    label: str
    team_id: int | None = None
    municipality_id: int | None = None
    region_id: int | None = None

    @property
    def hides_small_numbers(self) -> bool:
        return self.municipality_id is not None

    @property
    def by_team(self) -> bool:
        """Open cases are broken down per team, except where small numbers are hidden:
        a breakdown beside its total would let one subtract a hidden count back."""
        return not self.hides_small_numbers

    @property
    def file_suffix(self) -> str:
        return f"-{self.key}" if self.municipality_id else ""

    def case_q(self, prefix: str = "") -> Q:
        """Filter for models with a path `prefix` to Case ("" for Case itself)."""
        if self.team_id is not None:
            return Q(**{f"{prefix}owning_team_id": self.team_id})
        if self.municipality_id is not None:
            # A case belongs to the municipality of the team that holds it now.
            return Q(**{f"{prefix}owning_team__municipality_id": self.municipality_id})
        return Q(**{f"{prefix}region_id": self.region_id})

    def cases(self) -> QuerySet[Case]:
        return Case.objects.filter(self.case_q())


@dataclass(frozen=True)
class ReportAudience:
    """What one reader may report on: the scopes on offer, the first the default.

    `options` is empty for a gemeente whose organisation has no municipality yet: the
    page then says so instead of showing figures.
    """

    options: list[ReportScope] = field(default_factory=list)
    for_gemeente: bool = False

    def scope(self, key: str | None = None) -> ReportScope | None:
        if not self.options:
            return None
        if key is None:
            return self.options[0]
        return next((s for s in self.options if s.key == key), None)


def _municipality_scope(pk: int, name: str, region_id: int | None) -> ReportScope:
    return ReportScope(
        key=f"{MUNICIPALITY_PREFIX}{pk}",
        label=_("Gemeente %(name)s") % {"name": name},
        municipality_id=pk,
        region_id=region_id,
    )


def _region_scopes(organisation) -> list[ReportScope]:
    """The whole region, then each of its municipalities: one query (two for a region
    without municipalities, whose name is then read on its own)."""
    region_id = organisation.region_id
    if region_id is None:
        return []
    municipalities = list(
        Municipality.objects.filter(region_id=region_id).values_list("pk", "name", "region__name")
    )
    region_name = municipalities[0][2] if municipalities else organisation.region.name
    whole = ReportScope(
        key=REGION,
        label=_("Hele regio (%(name)s)") % {"name": region_name},
        region_id=region_id,
    )
    return [whole, *(_municipality_scope(pk, name, region_id) for pk, name, _r in municipalities)]


def report_audience_for(user) -> ReportAudience | None:
    """What `user` may report on; None for every role without reports (they get 403)."""
    actor = actor_of(user)
    organisation = actor.organisation
    if organisation is None:
        return None
    if actor.is_gemeente:
        municipality = organisation.municipality
        if municipality is None:
            return ReportAudience(for_gemeente=True)
        scope = _municipality_scope(municipality.pk, municipality.name, municipality.region_id)
        return ReportAudience(options=[scope], for_gemeente=True)
    if not actor.is_manager:
        return None
    if organisation.kind == OrganisationKind.WIJKTEAM:
        team = ReportScope(key=TEAM, label=organisation.name, team_id=organisation.pk)
        return ReportAudience(options=[team, *_region_scopes(organisation)])
    if organisation.kind == OrganisationKind.ZVH:
        return ReportAudience(options=_region_scopes(organisation))
    # DESIGN.md only knows managers of a wijkteam or the ZVH.
    return None
