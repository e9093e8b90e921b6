"""Meekijken: the wijkteam asks the ZVH for advice without escalating."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.services import event_record
from notifications.handoffs import notify
from notifications.models import NotificationKind
from privacy.grants import sync_case_access

from ..models import Consultation
from ..people import regisseurs
from ..transitions import TransitionRefused, guard, lock_case

ADVICE_ACCESS_AFTER_ANSWER = timedelta(days=14)
# While a question is open the ZVH must be able to read along "until answered";
# the access layer only knows a moment, so an open question holds a far-future one.
OPEN_QUESTION_ACCESS_UNTIL = datetime(2999, 12, 31, tzinfo=UTC)


@transaction.atomic
def consultation_ask(
    *, user, case: Case, question: str, expected_phase: str | None = None
) -> Consultation:
    """Open a meekijkverzoek; the ZVH may read basis, signalen and triage until answered."""
    case = lock_case(case)
    guard(user, case, "consult", expected_phase=expected_phase)
    if Consultation.objects.filter(case=case).unanswered().exists():
        raise TransitionRefused(
            _("Er staat al een meekijkverzoek open voor deze casus; wacht op het advies.")
        )
    question = question.strip()
    if len(question) < 10:
        raise ValidationError(_("Beschrijf uw vraag aan het Zorg- en Veiligheidshuis."))
    consultation = Consultation.objects.create(case=case, question=question, asked_by=user)
    case.advice_access_until = OPEN_QUESTION_ACCESS_UNTIL
    case.save(update_fields=["advice_access_until"])
    event_record(
        case=case,
        kind="consultation_asked",
        actor=user,
        category=Category.SIGNALEN,
        description=_("Advies gevraagd aan het Zorg- en Veiligheidshuis: %(q)s") % {"q": question},
    )
    sync_case_access(case)
    notify(
        kind=NotificationKind.ADVICE_ASKED,
        case=case,
        about=consultation,
        to=[regisseurs(region_id=case.region_id)],
        actor=user,
    )
    return consultation


@transaction.atomic
def consultation_answer(
    *, user, case: Case, answer: str, expected_phase: str | None = None
) -> Consultation:
    """Give the advice; the ZVH keeps read access for 14 more days."""
    case = lock_case(case)
    guard(user, case, "consult_answer", expected_phase=expected_phase)
    answer = answer.strip()
    if len(answer) < 10:
        raise ValidationError(_("Schrijf uw advies aan het wijkteam."))
    consultation = Consultation.objects.select_for_update().filter(case=case).unanswered().first()
    if consultation is None:
        raise TransitionRefused(_("Er staat geen meekijkverzoek open; het is al beantwoord."))
    now = timezone.now()
    consultation.answer = answer
    consultation.answered_by = user
    consultation.answered_at = now
    consultation.save(update_fields=["answer", "answered_by", "answered_at"])
    case.advice_access_until = now + ADVICE_ACCESS_AFTER_ANSWER
    case.save(update_fields=["advice_access_until"])
    event_record(
        case=case,
        kind="consultation_answered",
        actor=user,
        category=Category.SIGNALEN,
        description=_("Advies van het Zorg- en Veiligheidshuis: %(a)s") % {"a": answer},
    )
    sync_case_access(case)
    notify(
        kind=NotificationKind.ADVICE_ANSWERED,
        case=case,
        about=consultation,
        to=[consultation.asked_by_id],
        actor=user,
    )
    return consultation
