"""Bestuurlijke informatie: tasks to inform the wethouder/burgemeester."""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Person
from cases.phases import Phase
from cases.services import event_record
from organisations.roles import actor_of

from ..models import AdministrativeNotice, InformedWhom
from ..pseudonymity import identifying_details
from ..transitions import TransitionRefused, lock_case
from .assessment import latest_assessment


def notice_criteria(case: Case) -> list[str]:
    """Which administrative criteria of DESIGN.md the case's latest triage meets."""
    assessment = latest_assessment(case)
    if assessment is None:
        return []
    risks = (assessment.answers or {}).get("risks", {}) or {}
    criteria = []
    if assessment.level >= 3:
        criteria.append("acuut")
    if risks.get("wapens_of_bedreiging"):
        criteria.append("wapens_of_bedreiging")
    if risks.get("overlast") and risks.get("politie_contacten"):
        criteria.append("overlast_en_politie")
    return criteria


def _open_notice(case: Case, *, criteria: list[str], reason: str, assigned_to):
    notice, created = AdministrativeNotice.objects.open().get_or_create(
        case=case,
        defaults={"criteria": criteria, "reason": reason, "assigned_to": assigned_to},
    )
    if created:
        event_record(
            case=case,
            kind="notice_created",
            description=_("Taak bestuurlijke informatie aangemaakt voor de procesregisseur."),
        )
    return notice, created


@transaction.atomic
def notice_open_if_criteria(*, case: Case, assigned_to=None) -> AdministrativeNotice | None:
    """Create the notice task when the case meets the criteria (once; idempotent).

    Called when a case is accepted or reviewed; the triage app may call it after an
    assessment of a case in the ZVH.
    """
    if case.phase not in (Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG):
        return None
    criteria = notice_criteria(case)
    if not criteria:
        return None
    if AdministrativeNotice.objects.filter(case=case, criteria=criteria).exists():
        # Already handled for these very criteria; a new notice only for new grounds.
        return None
    notice, _created = _open_notice(
        case,
        criteria=criteria,
        reason=_("Voldoet aan de criteria voor bestuurlijke informatie."),
        assigned_to=assigned_to or case.procesregisseur,
    )
    return notice


@transaction.atomic
def notice_mark(*, user, case: Case, reason: str) -> AdministrativeNotice:
    """The regisseur, or the case's regiehouder of the wijkteam, marks a case for
    bestuurlijke informatie (from the aanmelding on)."""
    case = lock_case(case)
    actor = actor_of(user)
    by_regiehouder = actor.is_worker and user.pk == case.regiehouder_id
    if not (actor.is_regisseur or by_regiehouder):
        raise TransitionRefused(
            _(
                "Alleen een procesregisseur of de regiehouder kan een casus aanmerken voor "
                "bestuurlijke informatie."
            )
        )
    if case.phase not in (Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG):
        raise TransitionRefused(_("Alleen een casus bij het ZVH kan worden aangemerkt."))
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Geef aan waarom het bestuur geïnformeerd moet worden."))
    # The task is the procesregisseur's; marked by the regiehouder before the ZVH named
    # one, it waits unassigned on the regisseurs' list.
    assigned_to = case.procesregisseur or (user if actor.is_regisseur else None)
    notice, created = _open_notice(
        case,
        criteria=["regiehouder" if by_regiehouder and not actor.is_regisseur else "regisseur"],
        reason=reason,
        assigned_to=assigned_to,
    )
    if not created:
        raise TransitionRefused(_("Er staat al een taak bestuurlijke informatie open."))
    return notice


@transaction.atomic
def notice_record_informed(
    *,
    user,
    notice: AdministrativeNotice,
    informed_on: date,
    informed_whom: str,
    pseudonymised_summary: str,
) -> AdministrativeNotice:
    """Record when and whom the regisseur informed, with a summary without names."""
    if not actor_of(user).is_regisseur:
        raise TransitionRefused(_("Alleen een procesregisseur legt bestuurlijke informatie vast."))
    notice = AdministrativeNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.done:
        raise TransitionRefused(_("Deze bestuurlijke informatie is al vastgelegd."))
    if informed_whom not in InformedWhom.values:
        raise ValidationError(_("Kies wie er is geïnformeerd."))
    if informed_on > timezone.localdate():
        raise ValidationError(_("De datum van informeren kan niet in de toekomst liggen."))
    summary = pseudonymised_summary.strip()
    if len(summary) < 20:
        raise ValidationError(_("Schrijf een korte samenvatting zonder namen."))
    persons = Person.objects.filter(case=notice.case).values(
        "first_name", "last_name", "address", "postcode", "date_of_birth"
    )
    details = identifying_details(summary, persons)
    if details:
        raise ValidationError(
            _(
                "De samenvatting noemt het huishouden (%(n)s): laat namen, straat, postcode "
                "en geboortedata weg. Schrijf bijvoorbeeld 'gezin met twee kinderen (10-15 "
                "jaar) in wijk Noord'."
            )
            % {"n": ", ".join(details)}
        )
    # A date in the past is stored as noon that day (Europe/Amsterdam); today as now.
    moment = (
        timezone.make_aware(datetime.combine(informed_on, time(12)))
        if informed_on != timezone.localdate()
        else timezone.now()
    )
    notice.informed_at = moment
    notice.informed_whom = informed_whom
    notice.pseudonymised_summary = summary
    notice.done = True
    notice.done_by = user
    notice.save(
        update_fields=["informed_at", "informed_whom", "pseudonymised_summary", "done", "done_by"]
    )
    event_record(
        case=notice.case,
        kind="notice_recorded",
        actor=user,
        description=_("Bestuurlijke informatie gegeven aan: %(w)s.")
        % {"w": InformedWhom(informed_whom).label},
    )
    return notice
