"""Writes on organisations, memberships and case participation."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import membership_of, sync_case_access
from .models import CaseParticipation, Membership, Organisation, OrganisationKind, Role


@transaction.atomic
def organisation_create(*, name: str, kind: str) -> Organisation:
    """An organisation with its own auth group (grants go to the group)."""
    group, _created = Group.objects.get_or_create(name=f"org:{name}")
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "group": group}
    )
    return organisation


@transaction.atomic
def membership_set(*, user, organisation: Organisation, role: str) -> Membership:
    """Place the user in one organisation with one role (replacing any earlier one)."""
    previous = Membership.objects.filter(user=user).select_related("organisation").first()
    if previous and previous.organisation_id != organisation.pk:
        user.groups.remove(previous.organisation.group)
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "role": role}
    )
    user.groups.add(organisation.group)
    return membership


@transaction.atomic
def participation_add(*, case, organisation: Organisation, user, reason: str) -> CaseParticipation:
    """Let a partner organisation take part in a case; it gets the convenant's categories."""
    from cases.services import event_record

    actor = membership_of(user)
    if actor is None or actor.role != Role.PROCESREGISSEUR:
        raise PermissionDenied(
            _("Alleen een procesregisseur kan partners aan een casus toevoegen.")
        )
    if organisation.kind in (OrganisationKind.WIJKTEAM, OrganisationKind.GEMEENTE):
        raise ValidationError(_("Deze organisatie kan niet als partner deelnemen aan een casus."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden op voor de deelname."))
    participation, created = CaseParticipation.objects.get_or_create(
        case=case,
        organisation=organisation,
        removed_at__isnull=True,
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
    return participation


@transaction.atomic
def participation_remove(*, case, organisation: Organisation, user, reason: str) -> None:
    """End a partner's participation; its access ends on its next request."""
    from cases.services import event_record

    actor = membership_of(user)
    if actor is None or actor.role != Role.PROCESREGISSEUR:
        raise PermissionDenied(_("Alleen een procesregisseur kan partners verwijderen."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden op."))
    updated = CaseParticipation.objects.filter(
        case=case, organisation=organisation, removed_at__isnull=True
    ).update(removed_at=timezone.now(), removed_by=user)
    if updated:
        event_record(
            case=case,
            kind="participant_removed",
            actor=user,
            description=_("%(org)s neemt niet meer deel: %(reason)s")
            % {"org": organisation.name, "reason": reason.strip()},
        )
        sync_case_access(case)
