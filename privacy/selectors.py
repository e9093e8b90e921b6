from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .models import AccessLog


def access_log_filtered(filters: dict) -> QuerySet[AccessLog]:
    """Access-log rows matching the privacy officer's filters, newest first."""
    qs = AccessLog.objects.select_related("user", "organisation", "case")
    if filters.get("case"):
        qs = qs.filter(case__reference__iexact=filters["case"].strip())
    if filters.get("user"):
        qs = qs.filter(user__username__iexact=filters["user"].strip())
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
