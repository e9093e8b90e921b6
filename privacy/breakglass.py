"""Break-the-glass: time-boxed access to a case outside one's grants, with a reason.

Who may: a procesregisseur, or a partner professional (a medewerker of an organisation
that is neither a wijkteam nor the gemeente). Not a wijkteam worker (another team's case
is never theirs to read), not a manager, not the privacy officer (who audits).

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

from cases.categories import Category, view_codename
from cases.models import Case
from cases.phases import Phase
from cases.services import event_record
from organisations.models import OrganisationKind, Role
from organisations.roles import membership_of
from privacy.grants import sharing_matrix

from .access import visible_cases
from .models import BreakGlassAccess, CaseUserObjectPermission, ReviewStatus, SharingParty

DURATION = timedelta(hours=24)
MIN_REASON_LENGTH = 20
# Organisation kinds whose medewerkers are partner professionals in the sense of DESIGN.md.
NOT_PARTNER_KINDS = frozenset({OrganisationKind.WIJKTEAM, OrganisationKind.GEMEENTE})


class AlreadyVisible(Exception):
    """The user already sees this case; no break-the-glass needed."""

    def __init__(self, case: Case) -> None:
        super().__init__(case.reference)
        self.case = case


def may_break_glass(user) -> bool:
    membership = membership_of(user)
    if membership is None:
        return False
    if membership.role == Role.PROCESREGISSEUR:
        return True
    return (
        membership.role == Role.MEDEWERKER and membership.organisation.kind not in NOT_PARTNER_KINDS
    )


def _categories_for(kind: str) -> list[str]:
    party = SharingParty.ZVH if kind == OrganisationKind.ZVH else kind
    allowed = sharing_matrix().get(party, frozenset())
    return [c for c in Category.values if c in allowed]


@transaction.atomic
def break_glass_open(*, user, reference: str, reason: str) -> BreakGlassAccess:
    """Open a case outside the user's grants for 24 hours; returns the access record.

    Raises PermissionDenied for roles that may not break the glass, ValidationError for
    a short reason, an unknown or closed case, and AlreadyVisible when no glass needs
    breaking.
    """

    if not may_break_glass(user):
        raise PermissionDenied(
            _(
                "Break-the-glass is alleen mogelijk voor procesregisseurs en professionals "
                "van convenantpartners."
            )
        )
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            _("Geef een reden van minstens %(n)d tekens.") % {"n": MIN_REASON_LENGTH}
        )
    case = Case.objects.filter(reference__iexact=reference.strip()).first()
    if case is None:
        raise ValidationError(_("Er is geen casus met kenmerk %(ref)s.") % {"ref": reference})
    if case.phase == Phase.GESLOTEN:
        raise ValidationError(_("Een gesloten casus kan niet via break-the-glass worden geopend."))
    if visible_cases(user).filter(pk=case.pk).exists():
        raise AlreadyVisible(case)
    membership = membership_of(user)
    categories = _categories_for(membership.organisation.kind)
    if Category.BASIS not in categories:
        raise PermissionDenied(_("Volgens het convenant mag uw organisatie geen casussen inzien."))
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
        organisation=membership.organisation,
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
            "%(org)s heeft de casus geopend via break-the-glass (24 uur, wordt beoordeeld "
            "door de privacyfunctionaris)."
        )
        % {"org": membership.organisation.name},
    )
    return access


@transaction.atomic
def break_glass_review(
    *, user, access: BreakGlassAccess, status: str, note: str = ""
) -> BreakGlassAccess:
    """The privacy officer's verdict on one break-the-glass access."""
    membership = membership_of(user)
    if membership is None or membership.role != Role.PRIVACY_OFFICER:
        raise PermissionDenied(_("Alleen de privacyfunctionaris beoordeelt break-the-glass."))
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
