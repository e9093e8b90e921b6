"""Afschaling (warm handover), nazorg checks and closing a case."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.services import event_record
from notifications.handoffs import notify
from notifications.models import NotificationKind
from notifications.recipients import workers_of
from organisations.models import Organisation, OrganisationKind
from organisations.roles import actor_of
from privacy.services import participation_remove

from ..models import (
    CHECKLIST,
    Action,
    ActionStatus,
    AftercareCheck,
    AftercareOutcome,
    Checklist,
    Handover,
    HandoverStatus,
    ZvhTrack,
)
from ..text_category import checked_text_category, text_record
from ..transitions import TransitionRefused, guard, lock_case, phase_change

DEFAULT_FIRST_CHECK = timedelta(weeks=6)


@transaction.atomic
def handover_propose(
    *,
    user,
    case: Case,
    receiving_team: Organisation,
    checklist: Checklist,
    named_regiehouder=None,
    aftercare_agreements: str = "",
    aftercare_check_date: date | None = None,
    end_participations=(),
    expected_phase: str | None = None,
) -> Handover:
    """Propose afschaling to a wijkteam (zvh → afschaling).

    The partners in `end_participations` stop taking part now, at the proposal: only a
    procesregisseur may end a participation (privacy.services), and at acceptance the
    actor is the receiving wijkteam. A rejected handover brings the case back to the
    ZVH, where the regisseur can invite them again.
    """
    case = lock_case(case)
    rule = guard(user, case, "propose_handover", expected_phase=expected_phase)
    if receiving_team.kind != OrganisationKind.WIJKTEAM:
        raise ValidationError(_("Een casus wordt altijd teruggegeven aan een wijkteam."))
    notes = {k: (v or "").strip() for k, v in (checklist.notes or {}).items()}
    unmotivated = [i for i in CHECKLIST if not getattr(checklist, i) and not notes.get(i)]
    if unmotivated:
        raise ValidationError(
            _("Motiveer elk punt van de checklist dat u niet aanvinkt (%(n)d ontbreken).")
            % {"n": len(unmotivated)}
        )
    if checklist.regiehouder_named:
        if named_regiehouder is None or not actor_of(named_regiehouder).is_worker_of(
            receiving_team.pk
        ):
            raise ValidationError(
                _("Kies als regiehouder een medewerker van het ontvangende wijkteam.")
            )
    else:
        named_regiehouder = None
    if checklist.aftercare_agreed:
        if aftercare_check_date is None or aftercare_check_date <= timezone.localdate():
            raise ValidationError(_("Kies een datum voor de nazorgcontrole na vandaag."))
        if not aftercare_agreements.strip():
            raise ValidationError(_("Beschrijf de nazorgafspraken."))
    handover = Handover.objects.create(
        case=case,
        proposed_by=user,
        receiving_team=receiving_team,
        named_regiehouder=named_regiehouder,
        aftercare_agreements=aftercare_agreements.strip(),
        aftercare_check_date=aftercare_check_date if checklist.aftercare_agreed else None,
        **{item: getattr(checklist, item) for item in CHECKLIST},
        **{f"{item}_note": notes.get(item, "") for item in CHECKLIST},
    )
    for organisation in end_participations:
        participation_remove(
            case=case,
            organisation=organisation,
            user=user,
            reason=_("Deelname beëindigd bij de afschaling."),
        )
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="handover_proposed",
        description=_("Afschaling voorgesteld aan %(team)s.") % {"team": receiving_team},
        data={"handover": handover.pk},
        receiving_team=receiving_team,
    )
    notify(
        kind=NotificationKind.HANDOVER_PROPOSED,
        case=case,
        about=handover,
        to=[workers_of(receiving_team.pk)],
        actor=user,
    )
    return handover


def _proposed_handover(case: Case) -> Handover:
    handover = Handover.objects.select_for_update().filter(case=case).proposed().first()
    if handover is None:
        raise TransitionRefused(_("Er staat geen overdracht open voor deze casus."))
    return handover


@transaction.atomic
def handover_accept(
    *,
    user,
    case: Case,
    meeting_date: date,
    meeting_attendees: str,
    expected_phase: str | None = None,
) -> Handover:
    """Warm handover done: afschaling → nazorg; the receiving team becomes the owner.

    A team in another region (the household moved) brings the case into its region:
    `Case.region` follows the new owner, so that region's ZVH, convenant matrix and
    retention term apply from now on and the old region's ZVH loses its grants (the
    re-sync in `phase_change`). The procesregisseur of the old region is cleared then:
    they can no longer open the case, and a re-escalation is screened by the new
    region's ZVH, which assigns its own.
    """
    case = lock_case(case)
    rule = guard(user, case, "accept_handover", expected_phase=expected_phase)
    today = timezone.localdate()
    if meeting_date > today or meeting_date < today - timedelta(days=60):
        raise ValidationError(
            _(
                "Een warme overdracht heeft een overdrachtsgesprek: vul de datum in "
                "(niet in de toekomst)."
            )
        )
    if not meeting_attendees.strip():
        raise ValidationError(_("Vul in wie bij het overdrachtsgesprek aanwezig waren."))
    handover = _proposed_handover(case)
    now = timezone.now()
    handover.status = HandoverStatus.ACCEPTED
    handover.meeting_date = meeting_date
    handover.meeting_attendees = meeting_attendees.strip()
    handover.accepted_by = user
    handover.accepted_at = now
    handover.save(
        update_fields=["status", "meeting_date", "meeting_attendees", "accepted_by", "accepted_at"]
    )
    ZvhTrack.objects.filter(case=case).running().update(ended_at=now)
    AftercareCheck.objects.create(
        case=case, due_date=handover.aftercare_check_date or today + DEFAULT_FIRST_CHECK
    )
    regiehouder = handover.named_regiehouder or user
    receiving_team = handover.receiving_team
    proposer_ids = [case.procesregisseur_id, handover.proposed_by_id]
    moves_region = receiving_team.region_id != case.region_id
    region_fields = {"region_id": receiving_team.region_id, "procesregisseur": None}
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="handover_accepted",
        description=_("Warme overdracht op %(d)s (aanwezig: %(who)s). Regiehouder: %(r)s.")
        % {
            "d": meeting_date.strftime("%d-%m-%Y"),
            "who": handover.meeting_attendees,
            "r": regiehouder.get_full_name() or regiehouder.username,
        }
        + (
            " " + _("De casus gaat over naar %(region)s.") % {"region": receiving_team.region}
            if moves_region
            else ""
        ),
        owning_team=receiving_team,
        receiving_team=None,
        regiehouder=regiehouder,
        **(region_fields if moves_region else {}),
    )
    notify(
        kind=NotificationKind.HANDOVER_ACCEPTED,
        case=case,
        about=handover,
        # The regisseur who proposed it hears of the acceptance, also across regions.
        to=proposer_ids,
        actor=user,
    )
    return handover


@transaction.atomic
def handover_reject(
    *,
    user,
    case: Case,
    reason: str,
    text_category: str | None = None,
    expected_phase: str | None = None,
) -> Handover:
    """The receiving team is not ready: afschaling → zvh, with the reason (on the
    timeline under `text_category`, default signalen)."""
    case = lock_case(case)
    rule = guard(user, case, "reject_handover", expected_phase=expected_phase)
    text_category = checked_text_category(text_category, user=user, case=case)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Geef de reden waarom u de overdracht terugwijst."))
    handover = _proposed_handover(case)
    handover.status = HandoverStatus.REJECTED
    handover.rejected_by = user
    handover.rejected_at = timezone.now()
    handover.rejected_reason = reason
    handover.save(update_fields=["status", "rejected_by", "rejected_at", "rejected_reason"])
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="handover_rejected",
        description=_("Overdracht teruggewezen."),
        receiving_team=None,
    )
    text_record(
        case=case,
        actor=user,
        kind="handover_rejected_text",
        text=_("Reden van terugwijzen: %(r)s") % {"r": reason},
        category=text_category,
    )
    notify(
        kind=NotificationKind.HANDOVER_REJECTED,
        case=case,
        about=handover,
        to=[case.procesregisseur_id, handover.proposed_by_id],
        actor=user,
    )
    return handover


@transaction.atomic
def aftercare_check_record(
    *,
    user,
    case: Case,
    outcome: str,
    notes: str = "",
    next_check_date: date | None = None,
    expected_phase: str | None = None,
) -> AftercareCheck:
    """Record the due nazorg check and plan the next one (unless re-escalating)."""
    case = lock_case(case)
    guard(user, case, "aftercare_check", expected_phase=expected_phase)
    notes = notes.strip()
    if outcome not in AftercareOutcome.values:
        raise ValidationError(_("Kies de uitkomst van de controle."))
    if outcome != AftercareOutcome.STABLE and not notes:
        raise ValidationError(_("Licht de zorgen toe."))
    if outcome != AftercareOutcome.RE_ESCALATE and (
        next_check_date is None or next_check_date <= timezone.localdate()
    ):
        raise ValidationError(_("Kies de datum van de volgende controle (na vandaag)."))
    check = AftercareCheck.objects.select_for_update().filter(
        case=case
    ).pending().first() or AftercareCheck(case=case, due_date=timezone.localdate())
    check.done_at = timezone.now()
    check.done_by = user
    check.outcome = outcome
    check.notes = notes
    check.save()
    if next_check_date and outcome != AftercareOutcome.RE_ESCALATE:
        AftercareCheck.objects.create(case=case, due_date=next_check_date)
    event_record(
        case=case,
        kind="aftercare_checked",
        actor=user,
        category=Category.SIGNALEN,
        description=_("Nazorgcontrole: %(o)s. %(n)s")
        % {"o": AftercareOutcome(outcome).label, "n": notes},
    )
    return check


@transaction.atomic
def case_close(
    *,
    user,
    case: Case,
    reason: str,
    text_category: str | None = None,
    expected_phase: str | None = None,
) -> Case:
    """Close the case (→ gesloten): partner access ends, the retention clock starts.

    The reason goes on the timeline under `text_category` (default: signalen).
    """
    case = lock_case(case)
    rule = guard(user, case, "close", expected_phase=expected_phase)
    text_category = checked_text_category(text_category, user=user, case=case)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Geef de reden van het sluiten."))
    now = timezone.now()
    ZvhTrack.objects.filter(case=case).running().update(ended_at=now)
    # Nothing stays due on a closed case: no reminders for work that ended with it.
    Action.objects.filter(case=case).open().update(status=ActionStatus.CANCELLED, updated_at=now)
    AftercareCheck.objects.filter(case=case).pending().update(
        done_at=now, done_by=user, notes=_("Vervallen: casus gesloten.")
    )
    phase_change(
        case=case,
        to=rule.to,
        actor=user,
        kind="closed",
        description=_("Casus gesloten."),
        closed_at=now,
        advice_access_until=None,
        receiving_team=None,
    )
    text_record(
        case=case,
        actor=user,
        kind="closed_text",
        text=_("Reden van sluiten: %(r)s") % {"r": reason},
        category=text_category,
    )
    return case
