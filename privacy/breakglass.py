"""Break-the-glass: time-boxed access to a case outside one's grants, with a reason.

Who may: a procesregisseur, or a partner professional (`actor_of(user).is_partner`).
Not a wijkteam worker (another team's case is never theirs to read), not a manager,
not the privacy officer (who audits).

Which cases: only escalated, open ones (`BREAK_GLASS_PHASES`). Every refusal that
depends on the case — unknown reference, wrong phase, the convenant — gives the user
the same message (`REFUSED`), so the form cannot be used to learn which references
exist; the real reason goes to the access log only (`BreakGlassRefused.reason`).

The access consists of personal `CaseUserObjectPermission` rows with `expires_at`; the
access layer ignores them once expired (checked at read time), flags every access-log
row written under them as break-the-glass, and the privacy officer reviews each one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.categories import Category, view_codename
from cases.models import Case
from cases.phases import Phase
from cases.services import event_record
from organisations.models import OrganisationKind
from organisations.roles import actor_of
from privacy.grants import sharing_matrix

from .access import visible_cases
from .models import BreakGlassAccess, CaseUserObjectPermission, ReviewStatus, SharingParty
from .signals import break_glass_opened

DURATION = timedelta(hours=24)
MIN_REASON_LENGTH = 20
# From aangemeld on, until closed. A case still in `wijkteam` was never escalated: it is
# its own team's, and no chain partner has a reason to read it, in an emergency or not.
# A closed case is for the privacy officer only (inzage, audit, retention).
BREAK_GLASS_PHASES = frozenset({Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG})
REFUSED = gettext_lazy(
    "Deze casus kan niet via noodtoegang worden geopend. Noodtoegang kan alleen voor "
    "een casus die bij het Zorg- en Veiligheidshuis is aangemeld en nog niet is gesloten, "
    "en alleen als het convenant uw organisatie inzage geeft. Controleer het kenmerk."
)


class AlreadyVisible(Exception):
    """The user already sees this case; no break-the-glass needed."""

    def __init__(self, case: Case) -> None:
        super().__init__(case.reference)
        self.case = case


class BreakGlassRefused(Exception):
    """Refused for a reason tied to the case; show `REFUSED`, log `reason`.

    `case` is None when the reference is unknown, so the log row points at no case.
    """

    def __init__(self, reason: str, case: Case | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.case = case


def may_break_glass(user) -> bool:
    actor = actor_of(user)
    return actor.is_regisseur or actor.is_partner


def _categories_for(kind: str, region_id: int | None) -> list[str]:
    """What the case's region's convenant lets this kind of organisation see."""
    party = SharingParty.ZVH if kind == OrganisationKind.ZVH else kind
    allowed = sharing_matrix(region_id).get(party, frozenset())
    return [c for c in Category.values if c in allowed]


def _eligible_case(user, reference: str) -> tuple[Case, list[str]]:
    """The case and the categories to grant, or BreakGlassRefused / AlreadyVisible."""
    case = Case.objects.filter(reference__iexact=reference).first()
    if case is None:
        raise BreakGlassRefused(f"onbekend kenmerk {reference}")
    if visible_cases(user).filter(pk=case.pk).exists():
        raise AlreadyVisible(case)
    if case.phase not in BREAK_GLASS_PHASES:
        raise BreakGlassRefused(f"fase {case.phase}", case)
    actor = actor_of(user)
    if actor.is_regisseur and actor.region_id != case.region_id:
        # A ZVH works for its own region; another region's case has its own ZVH.
        raise BreakGlassRefused("casus van een andere regio", case)
    categories = _categories_for(actor.kind, case.region_id)
    if Category.BASIS not in categories:
        raise BreakGlassRefused("convenant geeft de organisatie geen inzage", case)
    return case, categories


@transaction.atomic
def break_glass_open(*, user, reference: str, reason: str) -> BreakGlassAccess:
    """Open a case outside the user's grants for 24 hours; returns the access record.

    Raises PermissionDenied for roles that may not break the glass, ValidationError for
    a short reason, BreakGlassRefused for a case that may not be opened this way (the
    same to the user whatever the reason), and AlreadyVisible when no glass needs
    breaking.
    """

    if not may_break_glass(user):
        raise PermissionDenied(
            _(
                "Noodtoegang is alleen mogelijk voor procesregisseurs en professionals "
                "van convenantpartners."
            )
        )
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            _("Geef een reden van minstens %(n)d tekens.") % {"n": MIN_REASON_LENGTH}
        )
    case, categories = _eligible_case(user, reference.strip())
    organisation = actor_of(user).organisation
    now = timezone.now()
    expires_at = now + DURATION
    permissions = Permission.objects.filter(
        content_type__app_label="cases",
        content_type__model="case",
        codename__in=[view_codename(c) for c in categories],
    )
    # Read-only: break-the-glass never grants change_case.
    CaseUserObjectPermission.objects.filter(user=user, content_object=case).delete()
    CaseUserObjectPermission.objects.bulk_create(
        [
            CaseUserObjectPermission(
                user=user, content_object=case, permission=perm, expires_at=expires_at
            )
            for perm in permissions
        ]
    )
    access = BreakGlassAccess.objects.create(
        user=user,
        organisation=organisation,
        case=case,
        reason=reason,
        categories=categories,
        started_at=now,
        expires_at=expires_at,
    )
    event_record(
        case=case,
        kind="break_the_glass",
        actor=user,
        description=_(
            "%(org)s heeft de casus geopend via noodtoegang (24 uur, wordt beoordeeld "
            "door de privacyfunctionaris)."
        )
        % {"org": organisation.name},
    )
    break_glass_opened.send(sender=BreakGlassAccess, access=access, user=user)
    return access


@transaction.atomic
def break_glass_review(
    *, user, access: BreakGlassAccess, status: str, note: str = ""
) -> BreakGlassAccess:
    """The privacy officer's verdict on one break-the-glass access."""
    if not actor_of(user).is_privacy_officer:
        raise PermissionDenied(_("Alleen de privacyfunctionaris beoordeelt noodtoegang."))
    if status not in (ReviewStatus.REVIEWED, ReviewStatus.QUESTIONED):
        raise ValidationError(_("Kies een beoordeling."))
    note = note.strip()
    if status == ReviewStatus.QUESTIONED and not note:
        raise ValidationError(_("Geef een toelichting bij een bevraagde toegang."))
    access.review_status = status
    access.review_note = note
    access.reviewed_by = user
    access.reviewed_at = timezone.now()
    access.save(update_fields=["review_status", "review_note", "reviewed_by", "reviewed_at"])
    return access


def break_glass_expire(*, now: datetime) -> int:
    """Delete expired personal grants; returns how many rows went."""
    deleted, _details = CaseUserObjectPermission.objects.filter(expires_at__lte=now).delete()
    return deleted
