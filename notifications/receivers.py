"""Hand-offs that happen in `privacy` (below this app): it sends a signal, these
receivers notify. Connected in NotificationsConfig.ready."""

from __future__ import annotations

from .handoffs import notify
from .models import NotificationKind
from .recipients import professionals_of


def on_break_glass_opened(sender, *, access, user, **kwargs) -> None:
    """The regiehouder hears that someone opened their case through break-the-glass."""
    notify(
        kind=NotificationKind.BREAK_GLASS,
        case=access.case,
        about=access,
        to=[access.case.regiehouder_id],
        actor=user,
    )


def on_participation_changed(sender, *, case, organisation, user, added: bool, **kwargs) -> None:
    """The professionals of a partner hear that it takes part in a case, or no longer."""
    kind = NotificationKind.PARTICIPANT_ADDED if added else NotificationKind.PARTICIPANT_REMOVED
    # The participation row just added or ended: each one is notified once per kind.
    participation = organisation.participations.filter(case=case).order_by("-pk").first()
    notify(
        kind=kind,
        case=case,
        about=participation,
        to=[professionals_of(organisation.pk)],
        actor=user,
    )
