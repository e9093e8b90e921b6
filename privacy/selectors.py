from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind

from .models import AccessLog, BreakGlassAccess, CaseParticipation, ReviewStatus


def access_log_filtered(filters: dict) -> QuerySet[AccessLog]:
    """Access-log rows matching the privacy officer's filters, newest first."""
    qs = AccessLog.objects.select_related("case")
    if filters.get("case"):
        qs = qs.filter(case__reference__iexact=filters["case"].strip())
    if filters.get("user"):
        # The officer knows people by name; the overview links by username.
        who = filters["user"].strip()
        qs = qs.filter(Q(username__iexact=who) | Q(user_full_name__icontains=who))
    if filters.get("organisation"):
        qs = qs.filter(organisation=filters["organisation"])
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    tz = timezone.get_current_timezone()
    if filters.get("date_from"):
        qs = qs.filter(timestamp__gte=datetime.combine(filters["date_from"], time.min, tzinfo=tz))
    if filters.get("date_to"):
        end = datetime.combine(filters["date_to"] + timedelta(days=1), time.min, tzinfo=tz)
        qs = qs.filter(timestamp__lt=end)
    if filters.get("break_the_glass"):
        qs = qs.filter(break_the_glass=True)
    return qs.order_by("-timestamp", "-id")


def access_log_summary(group: str, filters: dict) -> list[dict]:
    """Grouped counts of access-log rows: per employee or per day (Europe/Amsterdam)."""
    qs = access_log_filtered(filters).order_by()
    if group == "day":
        tz = timezone.get_current_timezone()
        return list(
            qs.annotate(day=TruncDate("timestamp", tzinfo=tz))
            .values("day")
            .annotate(
                rows=Count("id"),
                users=Count("user", distinct=True),
                cases=Count("case", distinct=True),
                break_the_glass=Count("id", filter=Q(break_the_glass=True)),
            )
            .order_by("-day")
        )
    return list(
        qs.values("username", "user_full_name", "organisation_name")
        .annotate(
            rows=Count("id"),
            cases=Count("case", distinct=True),
            break_the_glass=Count("id", filter=Q(break_the_glass=True)),
            last=Max("timestamp"),
        )
        .order_by("-rows", "username")
    )


def case_access_log(case_id: int) -> QuerySet[AccessLog]:
    """Who viewed this case, newest first (for the privacy officer's audit view)."""
    return AccessLog.objects.filter(case_id=case_id).order_by("-timestamp", "-id")


def participations_for(case) -> QuerySet[CaseParticipation]:
    """All participations of a case, active first, then by date."""
    return (
        CaseParticipation.objects.filter(case=case)
        .select_related("organisation", "added_by", "removed_by")
        .order_by("removed_at", "-added_at")
    )


def participation_candidates(case) -> QuerySet[Organisation]:
    """Partner organisations that may be added: not a wijkteam, the ZVH or the gemeente,
    not deactivated, and not already taking part."""
    active = CaseParticipation.objects.active().filter(case=case)
    return (
        Organisation.objects.filter(active=True)
        .exclude(
            kind__in=[OrganisationKind.WIJKTEAM, OrganisationKind.ZVH, OrganisationKind.GEMEENTE]
        )
        .exclude(pk__in=active.values("organisation_id"))
    )


def active_participants(case) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        participations__case=case, participations__removed_at__isnull=True
    )


def break_glass_for_review(status: str = "") -> QuerySet[BreakGlassAccess]:
    qs = BreakGlassAccess.objects.select_related("user", "organisation", "case", "reviewed_by")
    if status in ReviewStatus.values:
        qs = qs.filter(review_status=status)
    return qs.order_by("-started_at", "-id")
