"""Is this household already known elsewhere? The "bekend bij" check at screening.

A person matches on the same BSN, or on the same last name and date of birth (case
insensitive), in another open case. The answer is the organisations that hold those
cases (the owning wijkteam and the active participants) — never their content. The
caller logs the check (the access log of `escalation.views_intake.known`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from cases.models import Case, Person
from organisations.models import Organisation
from organisations.roles import NOT_PARTNER_KINDS
from privacy.models import CaseParticipation

# Bounded: a common name with a common birthday must not read the whole region.
MATCH_LIMIT = 50


@dataclass(frozen=True)
class KnownAt:
    organisation: Organisation
    case_ids: tuple[int, ...]

    @property
    def can_be_invited(self) -> bool:
        """A convenant partner can be invited; a wijkteam is contacted, not invited."""
        return self.organisation.kind not in NOT_PARTNER_KINDS


def _person_match(persons: list[Person]) -> Q | None:
    match = Q()
    for person in persons:
        if person.bsn:
            match |= Q(bsn=person.bsn)
        if person.last_name and person.date_of_birth:
            match |= Q(
                last_name__iexact=person.last_name.strip(), date_of_birth=person.date_of_birth
            )
    return match or None


def household_known_at(case: Case) -> list[KnownAt]:
    """The organisations that hold another open case with a person of this household,
    by name (five queries at most)."""
    match = _person_match(
        list(Person.objects.filter(case=case).only("bsn", "last_name", "date_of_birth"))
    )
    if match is None:
        return []
    other_ids = list(
        Person.objects.filter(match)
        .filter(case__in=Case.objects.open())
        .exclude(case=case)
        .values_list("case_id", flat=True)
        .distinct()[:MATCH_LIMIT]
    )
    if not other_ids:
        return []
    holders: dict[int, set[int]] = {}
    for case_id, team_id in Case.objects.filter(pk__in=other_ids).values_list(
        "pk", "owning_team_id"
    ):
        holders.setdefault(team_id, set()).add(case_id)
    for case_id, org_id in (
        CaseParticipation.objects.active()
        .filter(case_id__in=other_ids)
        .values_list("case_id", "organisation_id")
    ):
        holders.setdefault(org_id, set()).add(case_id)
    orgs = Organisation.objects.filter(pk__in=holders).order_by("name")
    return [KnownAt(organisation=o, case_ids=tuple(sorted(holders[o.pk]))) for o in orgs]
