"""Writes on a case's participants and basis data; each re-syncs access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import LegalBasis
from cases.services import event_record
from organisations.models import Organisation, OrganisationKind, Role
from organisations.roles import membership_of
from privacy.access import case_access
from privacy.grants import sync_case_access

from .models import CaseParticipation
from .signals import participation_changed


@transaction.atomic
def participation_add(*, case, organisation: Organisation, user, reason: str) -> CaseParticipation:
    """Let a partner organisation take part in a case; it gets the convenant's categories."""

    actor = membership_of(user)
    # The regiehouder invites partners too: to a wijkteam-level casusoverleg, or as owner
    # of an action in the joint plan (regie with the municipal professional, seed 004).
    is_regiehouder = user.pk is not None and user.pk == case.regiehouder_id
    if actor is None or (actor.role != Role.PROCESREGISSEUR and not is_regiehouder):
        raise PermissionDenied(
            _("Alleen een procesregisseur of de regiehouder kan partners aan een casus toevoegen.")
        )
    if organisation.kind in (OrganisationKind.WIJKTEAM, OrganisationKind.GEMEENTE):
        raise ValidationError(_("Deze organisatie kan niet als partner deelnemen aan een casus."))
    if not organisation.active:
        raise ValidationError(
            _("%(org)s is gedeactiveerd en kan niet meer deelnemen aan een casus.")
            % {"org": organisation.name}
        )
    if not reason.strip():
        raise ValidationError(_("Geef een reden op voor de deelname."))
    participation, created = CaseParticipation.objects.active().get_or_create(
        case=case,
        organisation=organisation,
        defaults={"reason": reason.strip(), "added_by": user},
    )
    if created:
        event_record(
            case=case,
            kind="participant_added",
            actor=user,
            description=_("%(org)s neemt deel aan de casus: %(reason)s")
            % {"org": organisation.name, "reason": reason.strip()},
        )
        sync_case_access(case)
        participation_changed.send(
            sender=CaseParticipation, case=case, organisation=organisation, user=user, added=True
        )
    return participation


@transaction.atomic
def participation_remove(*, case, organisation: Organisation, user, reason: str) -> None:
    """End a partner's participation; its access ends on its next request."""

    actor = membership_of(user)
    if actor is None or actor.role != Role.PROCESREGISSEUR:
        raise PermissionDenied(_("Alleen een procesregisseur kan partners verwijderen."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden op."))
    updated = (
        CaseParticipation.objects.active()
        .filter(case=case, organisation=organisation)
        .update(removed_at=timezone.now(), removed_by=user)
    )
    if updated:
        event_record(
            case=case,
            kind="participant_removed",
            actor=user,
            description=_("%(org)s neemt niet meer deel: %(reason)s")
            % {"org": organisation.name, "reason": reason.strip()},
        )
        sync_case_access(case)
        participation_changed.send(
            sender=CaseParticipation, case=case, organisation=organisation, user=user, added=False
        )


@transaction.atomic
def case_basis_update(
    *,
    case,
    user,
    legal_basis: str,
    client_informed: bool,
    client_informed_on=None,
    client_not_informed_reason: str = "",
):
    """The regiehouder records the processing basis and whether the client was informed."""

    if case.regiehouder_id != user.pk or not case_access(user, case).can_change:
        raise PermissionDenied(
            _("Alleen de regiehouder kan de grondslag en informatieplicht bijwerken.")
        )
    if legal_basis not in LegalBasis.values:
        raise ValidationError(_("Kies een geldige grondslag."))
    reason = client_not_informed_reason.strip()
    if client_informed:
        if client_informed_on and client_informed_on > timezone.localdate():
            raise ValidationError(_("De datum van informeren ligt in de toekomst."))
        reason = ""
    else:
        client_informed_on = None
        if not reason:
            raise ValidationError(_("Geef aan waarom de cliënt (nog) niet is geïnformeerd."))
    before = (
        case.legal_basis,
        case.client_informed,
        case.client_informed_on,
        case.client_not_informed_reason,
    )
    case.legal_basis = legal_basis
    case.client_informed = client_informed
    case.client_informed_on = client_informed_on
    case.client_not_informed_reason = reason
    if before == (legal_basis, client_informed, client_informed_on, reason):
        return case
    case.save(
        update_fields=[
            "legal_basis",
            "client_informed",
            "client_informed_on",
            "client_not_informed_reason",
        ]
    )
    if client_informed:
        informed = _("cliënt geïnformeerd")
        if client_informed_on:
            informed += " " + _("op %(date)s") % {"date": client_informed_on.strftime("%d-%m-%Y")}
    else:
        informed = _("cliënt niet geïnformeerd: %(reason)s") % {"reason": reason}
    event_record(
        case=case,
        kind="basis_updated",
        actor=user,
        description=_("Grondslag en informatieplicht bijgewerkt: %(basis)s; %(informed)s.")
        % {"basis": LegalBasis(legal_basis).label, "informed": informed},
    )
    return case
