"""Deactivating and reactivating an organisation (functioneel beheer).

A deactivated organisation takes no new members or case participations
(organisations.services.membership_add, privacy.services.participation_add); its
history stays. Its active memberships are ended at once: people keep no role in an
organisation that no longer takes part, and the end takes effect on their next
request, in every session. While open cases depend on it (it owns them, is to receive
them, or its people direct them) deactivation is refused: those cases would be left
with nobody to act; they are handed over first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cases.models import Case
from organisations.models import ChangeAction, ChangeSubject, Membership, Organisation
from organisations.services import membership_end

from .organisation_changes import check_beheer, organisation_update_recorded, record


@dataclass(frozen=True)
class DeactivationImpact:
    """What deactivating an organisation would do, for the confirmation page."""

    memberships_to_end: list[Membership]
    open_participations: int
    blocking_cases: int
    own_membership: bool

    @property
    def allowed(self) -> bool:
        return self.blocking_cases == 0 and not self.own_membership


def deactivation_impact(organisation: Organisation, *, actor) -> DeactivationImpact:
    """Counts only: beheer never sees which cases, let alone what is in them."""
    members = Membership.objects.active().filter(organisation=organisation)
    blocking = (
        Case.objects.open()
        .filter(
            Q(owning_team=organisation)
            | Q(receiving_team=organisation)
            | Q(regiehouder__in=members.values("user_id"))
            | Q(procesregisseur__in=members.values("user_id"))
        )
        .distinct()
        .count()
    )
    participations = organisation.participations.active().filter(case__in=Case.objects.open())
    memberships = list(members.select_related("user").order_by("user__username", "role"))
    return DeactivationImpact(
        memberships_to_end=memberships,
        open_participations=participations.count(),
        blocking_cases=blocking,
        own_membership=any(m.user_id == actor.pk for m in memberships),
    )


def refusal(impact: DeactivationImpact, organisation: Organisation) -> str:
    """Why deactivation is refused, in Dutch; empty when it is allowed."""
    if impact.own_membership:
        return _(
            "U werkt zelf voor %(name)s. Een andere beheerder moet deze organisatie "
            "deactiveren, anders sluit u uzelf buiten."
        ) % {"name": organisation.name}
    if impact.blocking_cases:
        return _(
            "%(name)s kan niet worden gedeactiveerd: %(count)s lopende casus(sen) hangen af van "
            "deze organisatie of haar medewerkers (eigen wijkteam, ontvangend wijkteam, "
            "regiehouder of procesregisseur). Draag die casussen eerst over."
        ) % {"name": organisation.name, "count": impact.blocking_cases}
    return ""


def _membership_label(membership: Membership) -> str:
    user = membership.user
    name = user.get_full_name()
    person = f"{name} ({user.username})" if name else user.username
    return f"{person} — {membership.organisation.name} ({membership.get_role_display()})"


@transaction.atomic
def organisation_deactivate(*, actor, organisation: Organisation) -> Organisation:
    """Deactivate and end its active memberships, one trail row each; refused while open
    cases depend on it or when the beheerder works there (deactivation_impact)."""
    check_beheer(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.active:
        raise ValidationError(_("%(name)s is al gedeactiveerd.") % {"name": organisation.name})
    impact = deactivation_impact(organisation, actor=actor)
    if not impact.allowed:
        raise ValidationError(refusal(impact, organisation))
    for membership in impact.memberships_to_end:
        membership_end(membership=membership)
        record(
            actor=actor,
            kind=ChangeSubject.MEMBERSHIP,
            instance=membership,
            label=_membership_label(membership),
            action=ChangeAction.ENDED,
            changes={str(Membership._meta.get_field("active").verbose_name): ["ja", "nee"]},
        )
    organisation_update_recorded(
        actor=actor, organisation=organisation, action=ChangeAction.DEACTIVATED, active=False
    )
    return organisation


@transaction.atomic
def organisation_reactivate(*, actor, organisation: Organisation) -> Organisation:
    """It may take members and participations again. Ended memberships stay ended:
    beheer gives people their membership back one by one, knowingly."""
    check_beheer(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.active:
        raise ValidationError(_("%(name)s is al actief.") % {"name": organisation.name})
    organisation_update_recorded(
        actor=actor, organisation=organisation, action=ChangeAction.REACTIVATED, active=True
    )
    return organisation
