"""The aanmelding of a case brought in directly at the ZVH (by a partner or a wijkteam),
without going through the wijkteam's registration and triage first."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.phases import Phase
from cases.services import event_record
from organisations.roles import actor_of

from ..deadlines import screening_deadline
from ..models import EscalationRequest
from ..text_category import text_record
from .request import announce_to_regisseurs

# The case has no triage yet: the screening list flags it, with this as the reason.
NO_TRIAGE_YET = "Rechtstreekse aanmelding bij het ZVH; er is nog geen triage."


@transaction.atomic
def direct_request(
    *,
    user,
    case: Case,
    aanleiding: str,
    acute: bool,
    client_informed: bool,
    reason_not_informed: str = "",
) -> EscalationRequest:
    """The aanmelding of a case just created in phase `aangemeld` (workplace.intake).

    The requester is the partner or wijkteam worker; a partner's organisation is
    invited with it, so it takes part once the ZVH accepts. An acute aanmelding alerts
    the regisseurs at once, as an ordinary one does.
    """
    if case.phase != Phase.AANGEMELD:
        raise ValidationError(_("Alleen een nieuwe aanmelding kan zo worden ingediend."))
    aanleiding = aanleiding.strip()
    if len(aanleiding) < 10:
        raise ValidationError(_("Beschrijf de aanleiding van de aanmelding."))
    if not client_informed and not reason_not_informed.strip():
        raise ValidationError(
            _("Geef aan waarom de cliënt niet over de aanmelding is geïnformeerd.")
        )
    actor = actor_of(user)
    request = EscalationRequest.objects.create(
        case=case,
        requested_by=user,
        aanleiding=aanleiding,
        doel=_("Screening door het Zorg- en Veiligheidshuis."),
        client_informed=client_informed,
        reason_not_informed="" if client_informed else reason_not_informed.strip(),
        override_motivation=NO_TRIAGE_YET,
        override_flagged=True,
        acute=acute,
        screening_deadline=screening_deadline(requested_on=timezone.localdate(), acute=acute),
    )
    if actor.is_partner:
        request.partners.add(actor.organisation)
    event_record(
        case=case,
        kind="escalation_requested",
        actor=user,
        to_phase=Phase.AANGEMELD,
        description=_("Rechtstreeks aangemeld bij het Zorg- en Veiligheidshuis door %(org)s.")
        % {"org": actor.organisation},
        data={"request": request.pk, "acute": acute, "direct": True},
    )
    text_record(
        case=case,
        actor=user,
        kind="escalation_requested_text",
        text=_("Aanleiding van de aanmelding: %(a)s") % {"a": aanleiding},
        # Signalen, never basis: the partner who wrote it may not read the case, so it
        # cannot pick from its own categories (escalation.text_category).
        category=Category.SIGNALEN,
    )
    announce_to_regisseurs(request, acute=acute, actor=user)
    return request
