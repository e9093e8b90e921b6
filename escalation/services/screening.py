"""Screening an aanmelding: accept it into the ZVH, or decline it with advice."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.services import event_record
from notifications.handoffs import notify
from notifications.models import NotificationKind
from notifications.recipients import professionals_of
from organisations.models import Organisation
from organisations.roles import NOT_PARTNER_KINDS, actor_of
from privacy.services import participation_add

from ..models import EscalationRequest, Outcome, Referral, ReferralStatus, ZvhTrack
from ..text_category import checked_text_category, text_record
from ..transitions import TransitionRefused, guard, lock_case, phase_change
from .notices import notice_open_if_criteria

REVIEW_DATE_MAX = timedelta(days=183)


def open_request(case: Case) -> EscalationRequest:
    """The case's unscreened aanmelding, row-locked; TransitionRefused when already screened."""
    request = EscalationRequest.objects.select_for_update().filter(case=case).unscreened().first()
    if request is None:
        raise TransitionRefused(_("Deze aanmelding is al gescreend."))
    return request


@transaction.atomic
def escalation_accept(
    *,
    user,
    case: Case,
    procesregisseur,
    review_date: date,
    expected_phase: str | None = None,
) -> ZvhTrack:
    """Accept the aanmelding: aangemeld → zvh, with a procesregisseur and evaluatiedatum."""
    case = lock_case(case)
    rule = guard(user, case, "accept", expected_phase=expected_phase)
    if not actor_of(procesregisseur).is_regisseur:
        raise ValidationError(_("Kies een procesregisseur van het Zorg- en Veiligheidshuis."))
    today = timezone.localdate()
    if review_date <= today or review_date > today + REVIEW_DATE_MAX:
        raise ValidationError(_("Kies een evaluatiedatum na vandaag en binnen zes maanden."))
    request = open_request(case)
    now = timezone.now()
    request.outcome = Outcome.ACCEPTED
    request.screened_by = user
    request.screened_at = now
    request.save(update_fields=["outcome", "screened_by", "screened_at"])
    track = ZvhTrack.objects.create(
        case=case, request=request, accepted_by=user, accepted_at=now, review_date=review_date
    )
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="escalation_accepted",
        description=_("Aanmelding geaccepteerd; procesregisseur %(name)s, evaluatie op %(d)s.")
        % {
            "name": procesregisseur.get_full_name() or procesregisseur.username,
            "d": review_date.strftime("%d-%m-%Y"),
        },
        procesregisseur=procesregisseur,
    )
    for partner in request.partners.all():
        participation_add(
            case=case,
            organisation=partner,
            user=user,
            reason=_("Uitgenodigd bij de aanmelding door het wijkteam."),
        )
    notice_open_if_criteria(case=case, assigned_to=procesregisseur)
    notify(
        kind=NotificationKind.AANMELDING_ACCEPTED,
        case=case,
        about=request,
        to=[request.requested_by_id],
        actor=user,
    )
    return track


@transaction.atomic
def escalation_decline(
    *,
    user,
    case: Case,
    outcome: str,
    outcome_text: str,
    referred_to: Organisation | None = None,
    referral_participates: bool = False,
    text_category: str | None = None,
    expected_phase: str | None = None,
) -> EscalationRequest:
    """Decline with advice (advies) or refer to a named partner (doorgeleid): → wijkteam.

    The advice goes on the timeline under `text_category` (default: signalen). A
    referral becomes a task (`Referral`) on the partner's start page; with
    `referral_participates` the partner also takes part in the case with the
    convenant's categories.
    """
    case = lock_case(case)
    rule = guard(user, case, "decline", expected_phase=expected_phase)
    text_category = checked_text_category(text_category, user=user, case=case)
    outcome_text = outcome_text.strip()
    if outcome not in (Outcome.ADVIES, Outcome.DOORGELEID):
        raise ValidationError(_("Kies advies of doorgeleid."))
    if len(outcome_text) < 10:
        raise ValidationError(
            _("Schrijf uw advies aan het wijkteam: een aanmelding wordt nooit zomaar afgewezen.")
        )
    if outcome == Outcome.DOORGELEID:
        if referred_to is None or referred_to.kind in NOT_PARTNER_KINDS:
            raise ValidationError(_("Kies de partnerorganisatie die de casus oppakt."))
    else:
        referred_to = None
    request = open_request(case)
    request.outcome = outcome
    request.outcome_text = outcome_text
    request.referred_to = referred_to
    request.screened_by = user
    request.screened_at = timezone.now()
    request.save(
        update_fields=["outcome", "outcome_text", "referred_to", "screened_by", "screened_at"]
    )
    if outcome == Outcome.DOORGELEID:
        description = _("Doorgeleid naar %(org)s.") % {"org": referred_to}
        Referral.objects.create(
            case=case,
            request=request,
            organisation=referred_to,
            created_by=user,
            participates=referral_participates,
        )
    else:
        description = _("Niet opgeschaald; advies aan het wijkteam.")
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="escalation_declined",
        description=description,
        data={"outcome": outcome},
    )
    text_record(
        case=case,
        actor=user,
        kind="escalation_declined_text",
        text=_("Advies aan het wijkteam: %(t)s") % {"t": outcome_text},
        category=text_category,
    )
    if outcome == Outcome.DOORGELEID and referral_participates:
        # After the phase change: the case is back in the wijkteam, and a participant's
        # access follows the phase (sync_case_access in participation_add).
        participation_add(
            case=case,
            organisation=referred_to,
            user=user,
            reason=_("Doorgeleid door het Zorg- en Veiligheidshuis."),
        )
    referred = outcome == Outcome.DOORGELEID
    notify(
        kind=NotificationKind.AANMELDING_REFERRED
        if referred
        else NotificationKind.AANMELDING_DECLINED,
        case=case,
        about=request,
        to=[request.requested_by_id],
        actor=user,
    )
    if referred:
        notify(
            kind=NotificationKind.REFERRAL_RECEIVED,
            case=case,
            about=request,
            to=[professionals_of(referred_to.pk)],
            actor=user,
        )
    return request


@transaction.atomic
def request_partner_invite(*, user, case: Case, organisation: Organisation) -> EscalationRequest:
    """Invite a partner that already knows the household to the open aanmelding: it
    takes part in the case once the aanmelding is accepted (as the wijkteam's partners
    do, see `escalation_accept`)."""
    case = lock_case(case)
    if not actor_of(user).is_regisseur:
        raise TransitionRefused(_("Alleen een procesregisseur kan een partner uitnodigen."))
    if organisation.kind in NOT_PARTNER_KINDS:
        raise ValidationError(_("Alleen convenantpartners kunnen worden uitgenodigd."))
    request = open_request(case)
    request.partners.add(organisation)
    event_record(
        case=case,
        kind="request_partner_invited",
        actor=user,
        description=_("%(org)s is uitgenodigd bij de aanmelding (bekend bij het huishouden).")
        % {"org": organisation.name},
    )
    return request


@transaction.atomic
def referral_status_update(*, user, referral: Referral, status: str) -> Referral:
    """The partner the case was referred to moves its task: open → opgepakt → afgerond.

    Only a professional of that organisation (not its manager: read-only) may.
    """
    actor = actor_of(user)
    if not (actor.works_on_cases and actor.belongs_to(referral.organisation_id)):
        raise TransitionRefused(
            _("Alleen de organisatie waarnaar is doorgeleid kan de status bijwerken.")
        )
    if status not in ReferralStatus.values:
        raise ValidationError(_("Kies een geldige status."))
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status == status:
        return referral
    referral.status = status
    referral.status_changed_by = user
    referral.status_changed_at = timezone.now()
    referral.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    event_record(
        case=referral.case,
        kind="referral_status",
        actor=user,
        description=_("Doorverwijzing naar %(org)s: %(status)s.")
        % {"org": referral.organisation.name, "status": ReferralStatus(status).label},
    )
    return referral
