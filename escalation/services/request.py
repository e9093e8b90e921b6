"""Aanmelding bij het ZVH and its screening (accept / decline with advice)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.phases import Phase
from cases.services import event_record
from organisations.models import Organisation, OrganisationKind, Role
from privacy.services import participation_add

from .deadlines import ACUTE_LEVEL, add_working_days, screening_deadline
from .models import (
    AftercareCheck,
    AftercareOutcome,
    EscalationRequest,
    Outcome,
    ZvhTrack,
)
from .transitions import TransitionRefused, guard, is_regisseur, lock_case, phase_change

TRIAGE_MAX_AGE = timedelta(days=30)
ESCALATION_MIN_LEVEL = 2
OVERRIDE_MIN_CHARS = 20
# Partners a wijkteam may ask the ZVH to invite: never another wijkteam, the ZVH itself
# or the gemeente (which sees administrative notices only).
NOT_INVITABLE = (OrganisationKind.WIJKTEAM, OrganisationKind.ZVH, OrganisationKind.GEMEENTE)


def latest_assessment(case: Case):
    """The case's latest triage assessment, or None (also when triage is not installed)."""
    try:
        from triage.selectors import latest_assessment as triage_latest
    except ImportError:
        return None
    return triage_latest(case)


def qualifying_assessment(assessment) -> bool:
    """Level ≥ 2 and at most 30 days old: enough to escalate without an override."""
    return bool(
        assessment is not None
        and assessment.level >= ESCALATION_MIN_LEVEL
        and assessment.assessed_at >= timezone.now() - TRIAGE_MAX_AGE
    )


def _explained(assessment) -> list[dict]:
    """The reasons with their Dutch sentence, as the wijkteam saw them."""
    try:
        from triage.defaults import explain_reason
    except ImportError:
        return list(assessment.reasons or [])
    answers = assessment.answers or {}
    return [
        {**r, "text": explain_reason(r["rule"], r["points"], answers)}
        for r in assessment.reasons or []
    ]


def _snapshot(assessment) -> dict:
    if assessment is None:
        return {}
    return {
        "triage_assessment_id": assessment.pk,
        "triage_level": assessment.level,
        "triage_score": assessment.score,
        "triage_reasons": _explained(assessment),
        "zvh_criteria": dict(assessment.zvh_criteria or {}),
        "triage_assessed_at": assessment.assessed_at,
    }


def _check_partners(partners) -> list[Organisation]:
    partners = list(partners or [])
    if any(p.kind in NOT_INVITABLE for p in partners):
        raise ValidationError(_("Alleen convenantpartners kunnen worden uitgenodigd."))
    return partners


def _notify_regisseurs_acute(request: EscalationRequest) -> None:
    """Alert the ZVH regisseurs at once: in the bell, and by e-mail after commit
    (never for a rolled-back request)."""
    from notifications.services import acute_aanmelding_alert

    regisseurs = list(
        get_user_model()
        .objects.filter(
            membership__role=Role.PROCESREGISSEUR,
            membership__organisation__kind=OrganisationKind.ZVH,
            is_active=True,
        )
        .values_list("pk", "email")
    )
    acute_aanmelding_alert(
        escalation_request=request, recipient_ids=[pk for pk, _email in regisseurs]
    )
    recipients = [email for _pk, email in regisseurs if email]
    if not recipients:
        return
    reference = request.case.reference
    subject = _("Acute aanmelding %(ref)s: vandaag screenen") % {"ref": reference}
    # No names or case content in e-mail: the regisseur reads the case in Schakel.
    body = _(
        "Er is een acute aanmelding (triageniveau 3) voor casus %(ref)s. "
        "Screen deze uiterlijk %(deadline)s in Schakel."
    ) % {"ref": reference, "deadline": request.screening_deadline.strftime("%d-%m-%Y")}
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients, fail_silently=True))
    EscalationRequest.objects.filter(pk=request.pk).update(acute_notified_at=timezone.now())
    event_record(
        case=request.case,
        kind="acute_notified",
        description=_(
            "De procesregisseurs zijn direct in Schakel en per e-mail op de hoogte gebracht."
        ),
    )


@transaction.atomic
def escalation_request(
    *,
    user,
    case: Case,
    aanleiding: str,
    doel: str,
    partners=(),
    client_informed: bool,
    reason_not_informed: str = "",
    override_motivation: str = "",
    expected_phase: str | None = None,
) -> EscalationRequest:
    """Aanmelden bij het ZVH (wijkteam/nazorg → aangemeld)."""
    case = lock_case(case)
    guard(user, case, "escalate", expected_phase=expected_phase)
    aanleiding, doel = aanleiding.strip(), doel.strip()
    reason_not_informed, override_motivation = (
        reason_not_informed.strip(),
        override_motivation.strip(),
    )
    if not aanleiding or not doel:
        raise ValidationError(_("Vul de aanleiding en het doel van de aanmelding in."))
    if not client_informed and not reason_not_informed:
        raise ValidationError(
            _("Geef aan waarom de cliënt niet over de aanmelding is geïnformeerd.")
        )
    partners = _check_partners(partners)
    assessment = latest_assessment(case)
    qualifies = qualifying_assessment(assessment)
    if not qualifies and len(override_motivation) < OVERRIDE_MIN_CHARS:
        raise ValidationError(
            _(
                "Er is geen triage van de afgelopen 30 dagen met niveau 2 of hoger. Motiveer "
                "waarom u toch aanmeldt (minstens %(n)d tekens) of doe eerst een triage."
            )
            % {"n": OVERRIDE_MIN_CHARS}
        )
    acute = qualifies and assessment.level >= ACUTE_LEVEL
    request = EscalationRequest.objects.create(
        case=case,
        requested_by=user,
        aanleiding=aanleiding,
        doel=doel,
        client_informed=client_informed,
        reason_not_informed="" if client_informed else reason_not_informed,
        override_motivation="" if qualifies else override_motivation,
        override_flagged=not qualifies,
        acute=acute,
        screening_deadline=screening_deadline(requested_on=timezone.localdate(), acute=acute),
        **_snapshot(assessment),
    )
    request.partners.set(partners)
    _end_open_aftercare(case, user)
    description = _("Aangemeld bij het Zorg- en Veiligheidshuis: %(a)s") % {"a": aanleiding}
    if not qualifies:
        description += " " + _("(zonder passende triage, met motivering)")
    phase_change(
        case=case,
        to=Phase.AANGEMELD,
        actor=user,
        kind="escalation_requested",
        description=description,
        data={"request": request.pk, "acute": acute, "override": not qualifies},
    )
    if acute:
        _notify_regisseurs_acute(request)
    return request


@transaction.atomic
def re_escalate(
    *, user, case: Case, reason: str, expected_phase: str | None = None
) -> EscalationRequest:
    """Snelle route from nazorg back to the ZVH: a reason suffices, triage is optional."""
    case = lock_case(case)
    guard(user, case, "re_escalate", expected_phase=expected_phase)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Geef de reden waarom de casus opnieuw wordt opgeschaald."))
    assessment = latest_assessment(case)
    acute = bool(assessment and qualifying_assessment(assessment) and assessment.level >= 3)
    request = EscalationRequest.objects.create(
        case=case,
        requested_by=user,
        aanleiding=reason,
        doel=_("Terug naar het Zorg- en Veiligheidshuis na nazorg."),
        client_informed=case.client_informed,
        reason_not_informed=case.client_not_informed_reason,
        fast_lane=True,
        acute=acute,
        # The ZVH already knows this household: it screens within one working day.
        screening_deadline=add_working_days(timezone.localdate(), 1),
        **_snapshot(assessment),
    )
    _end_open_aftercare(case, user)
    phase_change(
        case=case,
        to=Phase.AANGEMELD,
        actor=user,
        kind="re_escalated",
        description=_("Opnieuw opgeschaald (snelle route): %(r)s") % {"r": reason},
        data={"request": request.pk, "fast_lane": True},
    )
    if acute:
        _notify_regisseurs_acute(request)
    return request


def _end_open_aftercare(case: Case, user) -> None:
    """Going back up ends the nazorg: an open check would otherwise stay due forever."""
    AftercareCheck.objects.filter(case=case, done_at__isnull=True).update(
        done_at=timezone.now(),
        done_by=user,
        outcome=AftercareOutcome.RE_ESCALATE,
        notes=_("Vervallen: de casus is opnieuw aangemeld bij het ZVH."),
    )


def open_request(case: Case) -> EscalationRequest:
    request = (
        EscalationRequest.objects.select_for_update()
        .filter(case=case, screened_at__isnull=True)
        .first()
    )
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
    from .services_notices import notice_open_if_criteria

    case = lock_case(case)
    guard(user, case, "accept", expected_phase=expected_phase)
    if not is_regisseur(procesregisseur):
        raise ValidationError(_("Kies een procesregisseur van het Zorg- en Veiligheidshuis."))
    today = timezone.localdate()
    if review_date <= today or review_date > today + timedelta(days=183):
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
        to=Phase.ZVH,
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
    return track


@transaction.atomic
def escalation_decline(
    *,
    user,
    case: Case,
    outcome: str,
    outcome_text: str,
    referred_to: Organisation | None = None,
    expected_phase: str | None = None,
) -> EscalationRequest:
    """Decline with advice (advies) or refer to a named partner (doorgeleid): → wijkteam."""
    case = lock_case(case)
    guard(user, case, "decline", expected_phase=expected_phase)
    outcome_text = outcome_text.strip()
    if outcome not in (Outcome.ADVIES, Outcome.DOORGELEID):
        raise ValidationError(_("Kies advies of doorgeleid."))
    if len(outcome_text) < 10:
        raise ValidationError(
            _("Schrijf uw advies aan het wijkteam: een aanmelding wordt nooit zomaar afgewezen.")
        )
    if outcome == Outcome.DOORGELEID:
        if referred_to is None or referred_to.kind in NOT_INVITABLE:
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
        description = _("Doorgeleid naar %(org)s: %(t)s") % {"org": referred_to, "t": outcome_text}
    else:
        description = _("Niet opgeschaald; advies aan het wijkteam: %(t)s") % {"t": outcome_text}
    phase_change(
        case=case,
        to=Phase.WIJKTEAM,
        actor=user,
        kind="escalation_declined",
        description=description,
        data={"outcome": outcome},
    )
    return request
