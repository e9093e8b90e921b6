"""Writes of the verslag: attendance, minutes and decisions per agenda item, by the chair,
until the verslag is vastgesteld. A decision may create a plan action through
escalation's own service (the workflow's rules and notifications apply unchanged)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.services import event_record
from escalation.services.zvh import action_add
from escalation.transitions import TransitionRefused
from organisations.models import Organisation

from .models import AgendaItem, Decision


def can_edit(user, item: AgendaItem) -> bool:
    """The chair edits the verslag until it is vastgesteld."""
    return (
        item.meeting.chair_id == user.pk and not item.is_adopted and not item.meeting.is_cancelled
    )


def _lock_for_edit(user, item: AgendaItem) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting", "case").get(pk=item.pk)
    if item.meeting.chair_id != user.pk:
        raise PermissionDenied(_("Alleen de voorzitter van het overleg schrijft het verslag."))
    if item.is_adopted:
        raise ValidationError(_("Het verslag is vastgesteld en kan niet meer worden gewijzigd."))
    if item.meeting.is_cancelled:
        raise ValidationError(_("Dit overleg is geannuleerd."))
    return item


@transaction.atomic
def minutes_save(*, user, item: AgendaItem, attendance: str, minutes: str) -> AgendaItem:
    """Save the concept verslag of one agenda item."""
    item = _lock_for_edit(user, item)
    item.attendance = attendance.strip()
    item.minutes = minutes.strip()
    item.save(update_fields=["attendance", "minutes"])
    return item


@transaction.atomic
def minutes_adopt(*, user, item: AgendaItem) -> AgendaItem:
    """Vaststellen: the verslag becomes read-only and part of the case (`overleg`)."""
    item = _lock_for_edit(user, item)
    if not item.minutes:
        raise ValidationError(_("Schrijf eerst het verslag."))
    if item.meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Een verslag kan pas na het begin van het overleg worden vastgesteld.")
        )
    item.adopted_at = timezone.now()
    item.adopted_by = user
    item.save(update_fields=["adopted_at", "adopted_by"])
    event_record(
        case=item.case,
        kind="conference_minutes_adopted",
        actor=user,
        category=Category.OVERLEG,
        description=_("Verslag van het casusoverleg van %(d)s vastgesteld.")
        % {"d": timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y")},
    )
    return item


@transaction.atomic
def decision_add(
    *,
    user,
    item: AgendaItem,
    text: str,
    action_description: str = "",
    owner_organisation: Organisation | None = None,
    owner_person=None,
    deadline: date | None = None,
) -> Decision:
    """Record a besluit; with an owner organisation it also becomes a plan action.

    The action goes through `escalation.services.zvh.action_add`, so its rules hold:
    the case must be in the ZVH (or nazorg) with a plan van aanpak, the owner person must
    work at the owner organisation, the deadline may not be in the past. A refusal
    leaves neither the decision nor the action.
    """
    item = _lock_for_edit(user, item)
    text = text.strip()
    if not text:
        raise ValidationError(_("Beschrijf het besluit."))
    action = None
    if owner_organisation is not None:
        if deadline is None:
            raise ValidationError(_("Geef de deadline van de actie."))
        try:
            action = action_add(
                user=user,
                case=item.case,
                description=action_description.strip() or text,
                owner_organisation=owner_organisation,
                owner_person=owner_person,
                deadline=deadline,
            )
        except TransitionRefused as exc:
            raise ValidationError(exc.message) from exc
    elif owner_person is not None or deadline is not None:
        raise ValidationError(_("Kies de organisatie die de actie uitvoert."))
    return Decision.objects.create(item=item, text=text, action=action, created_by=user)
