"""Calendar invitations (RFC 5545) by e-mail: one message per invited professional.

An invitation carries no case content: the summary is "Casusoverleg Zorg- en
Veiligheidshuis" and the description lists only the references of the cases the
recipient's organisation is invited for and takes part in. The invitation always shows
the meeting as it is *now*: a task that runs after a later change sends the newer
SEQUENCE, which a calendar accepts in place of the older one.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from notifications.recipients import professionals_of
from privacy.access import visible_cases

from .models import AgendaItem, Meeting

logger = logging.getLogger(__name__)

SUMMARY = "Casusoverleg Zorg- en Veiligheidshuis"
PRODID = "-//Schakel//Casusoverleg//NL"


def visible_references(meeting: Meeting, user) -> list[str]:
    """References of the cases on the agenda that `user` may open, through the access
    layer (an invitation alone is not enough: partners see a case only in the phases
    the convenant opens it to them)."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, case__in=visible_cases(user).values("pk"))
        .order_by("position", "id")
        .values_list("case__reference", flat=True)
    )


def calendar_for(meeting: Meeting, *, references: list[str], attendee: str = "") -> bytes:
    """The .ics bytes of `meeting`: METHOD:REQUEST, or METHOD:CANCEL once cancelled."""
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if meeting.is_cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{meeting.uid}@schakel")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", SUMMARY)
    lines = [str(meeting.get_kind_display())]
    if references:
        lines.append(_("Casussen: %(refs)s") % {"refs": ", ".join(references)})
    if meeting.online_link:
        lines.append(_("Online deelnemen: %(url)s") % {"url": meeting.online_link})
    lines.append(settings.SITE_URL.rstrip("/") + reverse("meetings:detail", args=[meeting.pk]))
    event.add("description", "\n".join(lines))
    event.add("location", meeting.location or meeting.online_link)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    if meeting.chair.email:
        organizer = vCalAddress(f"mailto:{meeting.chair.email}")
        organizer.params["cn"] = vText(meeting.chair.get_full_name() or meeting.chair.username)
        event.add("organizer", organizer)
    if attendee:
        event.add("attendee", f"mailto:{attendee}", parameters={"ROLE": "REQ-PARTICIPANT"})
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def invitation_messages(meeting: Meeting, organisation_ids: list[int]) -> list[EmailMessage]:
    """One e-mail with the .ics attached per active professional of these organisations,
    listing the case references that professional may open."""
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    start = timezone.localtime(meeting.starts_at)
    subject = (
        _("Geannuleerd: %(s)s op %(d)s")
        if meeting.is_cancelled
        else _("Uitnodiging: %(s)s op %(d)s")
    ) % {"s": SUMMARY, "d": start.strftime("%d-%m-%Y %H:%M")}
    messages = []
    people = professionals_of(*organisation_ids).exclude(email="").distinct().order_by("pk")
    for person in people:
        ics = calendar_for(
            meeting, references=visible_references(meeting, person), attendee=person.email
        )
        body = "\n".join(
            [
                _("Beste collega,"),
                "",
                _("Het casusoverleg van %(d)s is geannuleerd.")
                if meeting.is_cancelled
                else _("U bent uitgenodigd voor het overleg van %(d)s (zie de bijlage)."),
                "",
                _("Dit bericht bevat bewust geen namen of inhoud van casussen."),
            ]
        ) % {"d": start.strftime("%d-%m-%Y %H:%M")}
        message = EmailMessage(subject, body, None, [person.email])
        message.attach("overleg.ics", ics, f"text/calendar; charset=utf-8; method={method}")
        messages.append(message)
    return messages


def invitations_send(*, meeting_id: int, organisation_ids: list[int]) -> int:
    """Send the invitations; returns the number of messages sent."""
    meeting = Meeting.objects.select_related("chair").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    messages = invitation_messages(meeting, organisation_ids)
    if not messages:
        return 0
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages(messages) or 0
