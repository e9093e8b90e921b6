"""Writes of the meeting itself: plan, change, cancel, and the agenda with its invitees.

Every change that a calendar must learn about raises `Meeting.sequence` and queues the
invitations (`invitations.invitations_send`) after commit: a rolled-back change sends
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.services import event_record
from notifications.handoffs import notify
from notifications.models import NotificationKind
from notifications.recipients import professionals_of
from organisations.models import Organisation
from organisations.roles import NOT_PARTNER_KINDS, actor_of
from privacy.services import participation_add

from .models import AgendaItem, Meeting
from .tasks import send_meeting_invitations


def invitee_candidates() -> QuerySet[Organisation]:
    """The organisations that may be invited for a case: convenant partners only (the
    ZVH, wijkteams and the gemeente take part otherwise or never), not deactivated."""
    return (
        Organisation.objects.filter(active=True)
        .exclude(kind__in=NOT_PARTNER_KINDS)
        .order_by("name")
    )


def _require_regisseur(user) -> None:
    if not actor_of(user).is_regisseur:
        raise PermissionDenied(_("Alleen een procesregisseur kan een overleg plannen."))


def _check_times(
    *,
    chair,
    starts_at: datetime,
    ends_at: datetime,
    exclude_pk: int | None = None,
    check_past: bool = True,
) -> None:
    if ends_at <= starts_at:
        raise ValidationError(_("De eindtijd moet na de begintijd liggen."))
    if check_past and starts_at < timezone.now():
        raise ValidationError(_("Een overleg kan niet in het verleden worden gepland."))
    clash = (
        Meeting.objects.filter(
            chair=chair, cancelled_at__isnull=True, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .exclude(pk=exclude_pk)
        .first()
    )
    if clash is not None:
        start = timezone.localtime(clash.starts_at)
        raise ValidationError(
            _("De voorzitter heeft op %(d)s van %(s)s tot %(e)s al een ander overleg.")
            % {
                "d": start.strftime("%d-%m-%Y"),
                "s": start.strftime("%H:%M"),
                "e": timezone.localtime(clash.ends_at).strftime("%H:%M"),
            }
        )


def _check_chair(chair, organisation_id: int) -> None:
    chair_actor = actor_of(chair)
    if not (chair_actor.is_regisseur and chair_actor.belongs_to(organisation_id)):
        raise ValidationError(_("De voorzitter moet een procesregisseur van uw ZVH zijn."))


@transaction.atomic
def meeting_plan(
    *,
    user,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    chair,
    location: str = "",
    online_link: str = "",
) -> Meeting:
    """Plan an overleg of the user's ZVH; the agenda is added item by item."""
    _require_regisseur(user)
    organisation_id = actor_of(user).organisation_id
    _check_chair(chair, organisation_id)
    if not (location.strip() or online_link.strip()):
        raise ValidationError(_("Geef een locatie of een link om online deel te nemen."))
    _check_times(chair=chair, starts_at=starts_at, ends_at=ends_at)
    meeting = Meeting(
        kind=kind,
        organisation_id=organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        online_link=online_link.strip(),
        chair=chair,
        planned_by=user,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_organiser(user, meeting: Meeting) -> None:
    actor = actor_of(user)
    if not (actor.is_regisseur and actor.belongs_to(meeting.organisation_id)):
        raise PermissionDenied(
            _("Alleen een procesregisseur van het ZVH kan dit overleg wijzigen.")
        )
    if meeting.is_cancelled:
        raise ValidationError(_("Dit overleg is geannuleerd."))


def _invited_ids(meeting: Meeting) -> list[int]:
    return list(
        AgendaItem.invited.through.objects.filter(agendaitem__meeting=meeting)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


@transaction.atomic
def meeting_change(
    *,
    user,
    meeting: Meeting,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    chair,
    location: str = "",
    online_link: str = "",
) -> Meeting:
    """Change time, place or chair; every invitee gets an update (same UID, SEQUENCE+1)."""
    meeting = _lock(meeting)
    _require_organiser(user, meeting)
    _check_chair(chair, meeting.organisation_id)
    if not (location.strip() or online_link.strip()):
        raise ValidationError(_("Geef een locatie of een link om online deel te nemen."))
    # Correcting the room of a meeting under way is fine; moving it into the past is not.
    moved = (starts_at, ends_at) != (meeting.starts_at, meeting.ends_at)
    _check_times(
        chair=chair,
        starts_at=starts_at,
        ends_at=ends_at,
        exclude_pk=meeting.pk,
        check_past=moved,
    )
    meeting.kind = kind
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.location, meeting.online_link = location.strip(), online_link.strip()
    meeting.chair = chair
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    send_meeting_invitations.delay_on_commit(
        meeting_id=meeting.pk, organisation_ids=_invited_ids(meeting)
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, user, meeting: Meeting) -> Meeting:
    """Cancel the overleg; every invitee gets METHOD:CANCEL with a higher SEQUENCE."""
    meeting = _lock(meeting)
    _require_organiser(user, meeting)
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence"])
    send_meeting_invitations.delay_on_commit(
        meeting_id=meeting.pk, organisation_ids=_invited_ids(meeting)
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *, user, meeting: Meeting, case: Case, invited: Iterable[Organisation] = ()
) -> AgendaItem:
    """Put a case on the agenda and invite partners for it; each invited partner takes
    part in this case (and only this case) by the convenant's categories.

    The caller has read `case` through the access layer (404 for a hidden case).
    """
    meeting = _lock(meeting)
    _require_organiser(user, meeting)
    if meeting.ends_at <= timezone.now():
        raise ValidationError(_("Dit overleg is al voorbij."))
    invited = list(invited)
    allowed = set(invitee_candidates().values_list("pk", flat=True))
    if any(org.pk not in allowed for org in invited):
        raise ValidationError(_("Alleen convenantpartners kunnen worden uitgenodigd."))
    if AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        raise ValidationError(_("Deze casus staat al op de agenda van dit overleg."))
    position = AgendaItem.objects.filter(meeting=meeting).count() + 1
    item = AgendaItem.objects.create(meeting=meeting, case=case, position=position)
    item.invited.set(invited)
    date = timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y")
    for org in invited:
        participation_add(
            case=case,
            organisation=org,
            user=user,
            reason=_("Uitgenodigd voor het casusoverleg van %(d)s.") % {"d": date},
        )
    event_record(
        case=case,
        kind="conference_planned",
        actor=user,
        category=Category.OVERLEG,
        description=_("Geagendeerd voor het casusoverleg van %(d)s.") % {"d": date},
    )
    if invited:
        notify(
            kind=NotificationKind.CONFERENCE_INVITED,
            case=case,
            about=item,
            to=[professionals_of(*[org.pk for org in invited])],
            actor=user,
        )
        send_meeting_invitations.delay_on_commit(
            meeting_id=meeting.pk, organisation_ids=[org.pk for org in invited]
        )
    return item
