"""Who may carry out an action of a case's plan van aanpak: the one rule behind both the
action form's pickers and `services.zvh.action_add`, so the form offers exactly what the
service accepts.

An action is owned by an organisation that can work on this case: the owning wijkteam,
the ZVH of the case's region, or a chain partner of that region (never another wijkteam,
never the gemeente: it sees administrative notices only). Its person, if named, is a
professional of that organisation: an active membership as medewerker or procesregisseur
of an active user. Managers, privacy officers and functioneel beheer never take work on a
case (organisations.roles.Actor.works_on_cases), so they are never offered.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cases.models import Case
from organisations.models import Membership, Organisation, OrganisationKind, Role

# The membership form of `Actor.works_on_cases`.
WORKING_ROLES = (Role.MEDEWERKER, Role.PROCESREGISSEUR)


def action_owner_organisations(case: Case) -> QuerySet[Organisation]:
    """Organisations that may own an action of `case`, by name."""
    allowed = ~Q(kind__in=(OrganisationKind.GEMEENTE, OrganisationKind.WIJKTEAM))
    if case.region_id is not None:
        # A case is worked on by its own region's ZVH and partners.
        allowed &= Q(region_id=case.region_id)
    return Organisation.objects.filter(allowed | Q(pk=case.owning_team_id)).order_by("name")


def action_assignees(case: Case, organisation: Organisation | None = None) -> QuerySet:
    """Active memberships of the professionals who may carry out an action of `case`
    (of `organisation` only, when given), by organisation and then by name."""
    memberships = Membership.objects.filter(
        active=True,
        role__in=WORKING_ROLES,
        user__is_active=True,
        organisation__in=action_owner_organisations(case),
    )
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return memberships.select_related("user", "organisation").order_by(
        "organisation__name", "user__first_name", "user__last_name", "user__username"
    )


def may_own_action(case: Case, organisation: Organisation) -> bool:
    return action_owner_organisations(case).filter(pk=organisation.pk).exists()


def may_carry_out_action(case: Case, organisation: Organisation, person) -> bool:
    """Whether `person` may be named as the one carrying out an action of `organisation`."""
    return action_assignees(case, organisation).filter(user=person).exists()


def owner_refusal(organisation: Organisation) -> str:
    """Why `organisation` cannot own an action of this case, in the user's words."""
    if organisation.kind == OrganisationKind.GEMEENTE:
        return _("De gemeente kan geen acties in een casus uitvoeren.")
    if organisation.kind == OrganisationKind.WIJKTEAM:
        return _("Alleen het eigen wijkteam kan een actie uitvoeren.")
    return _("%(org)s werkt niet in de regio van deze casus en kan er geen actie uitvoeren.") % {
        "org": organisation.name
    }


def assignee_refusal(organisation: Organisation, person) -> str:
    """Why `person` cannot carry out an action of `organisation`."""
    return _(
        "%(person)s kan deze actie niet uitvoeren voor %(org)s. Kies een medewerker van de "
        "uitvoerende organisatie of laat de uitvoerende persoon leeg."
    ) % {"person": person.get_full_name() or person.get_username(), "org": organisation.name}
