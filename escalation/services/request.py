"""Aanmelding bij het ZVH: the ordinary route (with triage) and the snelle route from
nazorg; an acute aanmelding alerts the regisseurs at once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.services import event_record
from notifications.handoffs import notify
from notifications.models import NotificationKind
from notifications.services import acute_aanmelding_alert
from organisations.models import Organisation
from organisations.roles import NOT_PARTNER_KINDS

from ..deadlines import ACUTE_LEVEL, add_working_days, screening_deadline
from ..models import AftercareCheck, AftercareOutcome, EscalationRequest
from ..people import regisseurs as active_regisseurs
from ..text_category import checked_text_category, text_record
from ..transitions import guard, lock_case, phase_change
from .assessment import (
    ACUTE_REASON_MIN_CHARS,
    OVERRIDE_MIN_CHARS,
    latest_assessment,
    qualifying_assessment,
    triage_snapshot,
)


def _check_partners(partners) -> list[Organisation]:
    partners = list(partners or [])
    if any(p.kind in NOT_PARTNER_KINDS for p in partners):
        raise ValidationError(_("Alleen convenantpartners kunnen worden uitgenodigd."))
    return partners


def announce_to_regisseurs(request: EscalationRequest, *, acute: bool, actor) -> None:
    """Tell the region's ZVH regisseurs that an aanmelding waits: an acute one at once
    (bell and e-mail), any other as an ordinary hand-off notification."""
    if acute:
        _notify_regisseurs_acute(request)
        return
    notify(
        kind=NotificationKind.AANMELDING_RECEIVED,
        case=request.case,
        about=request,
        to=[active_regisseurs(region_id=request.case.region_id)],
        actor=actor,
    )


def _notify_regisseurs_acute(request: EscalationRequest) -> None:
    """Alert the ZVH regisseurs at once: in the bell, and by e-mail after commit
    (never for a rolled-back request)."""
    regisseurs = list(
        active_regisseurs(region_id=request.case.region_id).values_list("pk", "email")
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
    if request.acute_declared and request.triage_level != ACUTE_LEVEL:
        body = _(
            "Er is een acute aanmelding voor casus %(ref)s: de aanmelder meldt een acuut "
            "veiligheidsprobleem, zonder triage op niveau 3. "
            "Screen deze uiterlijk %(deadline)s in Schakel."
        )
    else:
        body = _(
            "Er is een acute aanmelding (triageniveau 3) voor casus %(ref)s. "
            "Screen deze uiterlijk %(deadline)s in Schakel."
        )
    body = body % {"ref": reference, "deadline": request.screening_deadline.strftime("%d-%m-%Y")}
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
    acute_declared: bool = False,
    acute_reason: str = "",
    text_category: str | None = None,
    expected_phase: str | None = None,
) -> EscalationRequest:
    """Aanmelden bij het ZVH (wijkteam/nazorg → aangemeld).

    Acute with a level-3 triage of at most 30 days, or when the aanmelder declares an
    acute safety problem with a reason (`acute_declared`, also without triage): then a
    1-working-day screening and the regisseurs are alerted at once.

    The aanleiding goes on the timeline under `text_category` (default: signalen), not
    in the phase change every participant reads.
    """
    case = lock_case(case)
    rule = guard(user, case, "escalate", expected_phase=expected_phase)
    text_category = checked_text_category(text_category, user=user, case=case)
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
    acute_reason = acute_reason.strip() if acute_declared else ""
    if acute_declared and len(acute_reason) < ACUTE_REASON_MIN_CHARS:
        raise ValidationError(
            _("Beschrijf het acute veiligheidsprobleem (minstens %(n)d tekens).")
            % {"n": ACUTE_REASON_MIN_CHARS}
        )
    acute = (qualifies and assessment.level >= ACUTE_LEVEL) or acute_declared
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
        acute_declared=acute_declared,
        acute_reason=acute_reason,
        screening_deadline=screening_deadline(requested_on=timezone.localdate(), acute=acute),
        **triage_snapshot(assessment),
    )
    request.partners.set(partners)
    _end_open_aftercare(case, user)
    description = _("Aangemeld bij het Zorg- en Veiligheidshuis.")
    if not qualifies:
        description += " " + _("(zonder passende triage, met motivering)")
    if acute_declared:
        description += " " + _("Acuut veiligheidsprobleem volgens de aanmelder.")
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="escalation_requested",
        description=description,
        data={
            "request": request.pk,
            "acute": acute,
            "override": not qualifies,
            "acute_declared": acute_declared,
        },
    )
    text_record(
        case=case,
        actor=user,
        kind="escalation_requested_text",
        text=_("Aanleiding van de aanmelding: %(a)s") % {"a": aanleiding},
        category=text_category,
    )
    announce_to_regisseurs(request, acute=acute, actor=user)
    return request


@transaction.atomic
def re_escalate(
    *,
    user,
    case: Case,
    reason: str,
    text_category: str | None = None,
    expected_phase: str | None = None,
) -> EscalationRequest:
    """Snelle route from nazorg back to the ZVH: a reason suffices, triage is optional.

    The reason goes on the timeline under `text_category` (default: signalen).
    """
    case = lock_case(case)
    rule = guard(user, case, "re_escalate", expected_phase=expected_phase)
    text_category = checked_text_category(text_category, user=user, case=case)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Geef de reden waarom de casus opnieuw wordt opgeschaald."))
    assessment = latest_assessment(case)
    acute = bool(
        assessment and qualifying_assessment(assessment) and assessment.level >= ACUTE_LEVEL
    )
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
        **triage_snapshot(assessment),
    )
    _end_open_aftercare(case, user)
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="re_escalated",
        description=_("Opnieuw opgeschaald (snelle route)."),
        data={"request": request.pk, "fast_lane": True},
    )
    text_record(
        case=case,
        actor=user,
        kind="re_escalated_text",
        text=_("Reden om opnieuw op te schalen: %(r)s") % {"r": reason},
        category=text_category,
    )
    announce_to_regisseurs(request, acute=acute, actor=user)
    return request


def _end_open_aftercare(case: Case, user) -> None:
    """Going back up ends the nazorg: an open check would otherwise stay due forever."""
    AftercareCheck.objects.filter(case=case).pending().update(
        done_at=timezone.now(),
        done_by=user,
        outcome=AftercareOutcome.RE_ESCALATE,
        notes=_("Vervallen: de casus is opnieuw aangemeld bij het ZVH."),
    )
