"""Aanmelden bij het ZVH without a wijkteam registration first: a partner professional
(politie, GGZ, Veilig Thuis …) or a wijkteam worker brings a case in with minimal data.

Composes the case registration (cases) and the aanmelding (escalation): the case is
created directly in phase `aangemeld` and the regisseur screens it like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case, LegalBasis, Person, Relation, validate_bsn
from cases.phases import Phase
from cases.services import case_create_numbered, event_record
from escalation.services.intake import direct_request
from organisations.models import Organisation, OrganisationKind, Role
from organisations.roles import actor_of
from privacy.grants import sync_case_access


@dataclass(frozen=True)
class IntakePerson:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    bsn: str = ""
    relation: str = Relation.CLIENT


def can_intake(user) -> bool:
    """Partner professionals and wijkteam workers may aanmelden directly at the ZVH."""
    actor = actor_of(user)
    return actor.is_partner or actor.is_worker


def _regiehouder_for(user, team: Organisation):
    """The regiehouder of the new case: the worker who brings it in for their own team;
    else the team's first medewerker with an active membership (a case always has one),
    whom the team can replace when it takes the case back."""
    if actor_of(user).is_worker_of(team.pk):
        return user
    worker = (
        get_user_model()
        .objects.filter(
            membership__organisation=team,
            membership__role=Role.MEDEWERKER,
            membership__active=True,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if worker is None:
        raise ValidationError(_("Dit wijkteam heeft geen actieve medewerkers; kies een ander."))
    return worker


@transaction.atomic
def case_intake(
    *,
    user,
    team: Organisation,
    persons: list[IntakePerson],
    aanleiding: str,
    acute: bool,
    client_informed: bool,
    reason_not_informed: str = "",
) -> Case:
    """Create the case in `aangemeld`, owned by `team`, with its aanmelding; returns it.

    The owning team is chosen in the form: the region has several wijkteams and the
    partner knows the household's neighbourhood, not our team boundaries.
    """
    if not can_intake(user):
        raise PermissionDenied(
            _("Alleen medewerkers van een wijkteam of een ketenpartner kunnen aanmelden.")
        )
    if team.kind != OrganisationKind.WIJKTEAM:
        raise ValidationError(_("Kies het wijkteam van het huishouden."))
    if not persons:
        raise ValidationError(_("Voeg minstens één persoon aan het huishouden toe."))
    for person in persons:
        if person.bsn:
            validate_bsn(person.bsn)
    actor = actor_of(user)
    case = case_create_numbered(
        # No names in the title: it shows in lists.
        title=_("Aanmelding door %(org)s") % {"org": actor.organisation.name},
        owning_team=team,
        regiehouder=_regiehouder_for(user, team),
        phase=Phase.AANGEMELD,
        legal_basis=LegalBasis.CONVENANT_ZVH,
        client_informed=client_informed,
        client_not_informed_reason="" if client_informed else reason_not_informed.strip(),
    )
    Person.objects.bulk_create(
        [
            Person(
                case=case,
                first_name=p.first_name.strip(),
                last_name=p.last_name.strip(),
                date_of_birth=p.date_of_birth,
                bsn=p.bsn.strip(),
                relation=p.relation,
            )
            for p in persons
        ]
    )
    event_record(
        case=case,
        kind="registered",
        actor=user,
        to_phase=Phase.AANGEMELD,
        description=_("Casus ingebracht door %(org)s voor %(team)s.")
        % {"org": actor.organisation.name, "team": team.name},
    )
    sync_case_access(case)
    direct_request(
        user=user,
        case=case,
        aanleiding=aanleiding,
        acute=acute,
        client_informed=client_informed,
        reason_not_informed=reason_not_informed,
    )
    return case
