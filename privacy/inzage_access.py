"""Inzage: who accessed the cases of a data subject, in full and summarised.

`access_history` lists every access-log row (the privacy officer's JSON export keeps the
full detail, NEN 7513). `access_summary` is what the citizen reads in the PDF: per month
and organisation how many times, which kinds of information, and whether noodtoegang was
used. It is counted by the database (one GROUP BY query), so a case read ten thousand
times gives a summary of a few rows without loading the log into Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.categories import Category
from organisations.models import Role

from .models import AccessAction, AccessLog

# What each action means to the person whose data it was, in plain Dutch.
ACTION_WORDS = {
    AccessAction.VIEW: gettext_lazy("bekeken"),
    AccessAction.PDF: gettext_lazy("afgedrukt"),
    AccessAction.EXPORT: gettext_lazy("geëxporteerd"),
    AccessAction.CHANGE: gettext_lazy("gewijzigd"),
}


@dataclass(frozen=True)
class Period:
    """An inclusive range of days; either end may be open."""

    start: date | None = None
    end: date | None = None

    def filter(self, rows: QuerySet[AccessLog]) -> QuerySet[AccessLog]:
        zone = timezone.get_current_timezone()
        if self.start:
            rows = rows.filter(timestamp__gte=datetime.combine(self.start, time.min, zone))
        if self.end:
            rows = rows.filter(timestamp__lte=datetime.combine(self.end, time.max, zone))
        return rows

    @property
    def is_whole(self) -> bool:
        return self.start is None and self.end is None


def _dt(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def log_rows(case_ids: list[int], period: Period) -> QuerySet[AccessLog]:
    """The access-log rows of these cases in the period."""
    return period.filter(AccessLog.objects.filter(case_id__in=case_ids))


def access_history(case_ids: list[int], period: Period | None = None) -> list[dict]:
    """Who accessed these cases, oldest first (NEN 7513: organisation, role, what, when).
    One query."""
    role_labels = dict(Role.choices)
    rows = log_rows(case_ids, period or Period()).select_related("case").order_by("timestamp", "id")
    return [
        {
            "tijdstip": _dt(row.timestamp),
            "kenmerk": row.case.reference,
            "gebruiker": row.user_label,
            "organisatie": row.organisation_name,
            "rol": str(role_labels.get(row.role, row.role)),
            "actie": row.get_action_display(),
            "categorieen": [Category(c).label for c in row.categories if c in Category.values],
            "noodtoegang": row.break_the_glass,
        }
        for row in rows
    ]


@dataclass
class AccessSummaryRow:
    """One organisation in one month."""

    month: date
    organisation: str
    times: int = 0
    actions: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    noodtoegang: bool = False

    @property
    def month_label(self) -> str:
        """'november 2026'."""
        return dateformat.format(self.month, "F Y")

    @property
    def action_words(self) -> list[str]:
        order = list(ACTION_WORDS)
        return [str(ACTION_WORDS[a]) for a in sorted(self.actions, key=order.index)]

    @property
    def category_labels(self) -> list[str]:
        """Dutch labels, in the order of the categories (basis first)."""
        return [Category(c).label for c in Category.values if c in self.categories]

    def as_dict(self) -> dict:
        return {
            "maand": self.month_label,
            "organisatie": self.organisation,
            "aantal_keer": self.times,
            "wat": self.action_words,
            "soort_gegevens": self.category_labels,
            "noodtoegang": self.noodtoegang,
        }


def access_summary(case_ids: list[int], period: Period | None = None) -> list[AccessSummaryRow]:
    """Per month (oldest first) and organisation (by name): how many accesses, which
    actions and categories, and whether noodtoegang was used. One query; the rows it
    returns are one per month × organisation × distinct (categories, action, noodtoegang),
    merged here."""
    grouped = (
        log_rows(case_ids, period or Period())
        .annotate(month=TruncMonth("timestamp"))
        .values("month", "organisation_name", "categories", "action", "break_the_glass")
        .annotate(times=Count("id"))
        .order_by()
    )
    merged: dict[tuple[date, str], AccessSummaryRow] = {}
    for row in grouped:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        organisation = row["organisation_name"] or _("Organisatie niet vastgelegd")
        summary = merged.setdefault(
            (month, organisation), AccessSummaryRow(month=month, organisation=organisation)
        )
        summary.times += row["times"]
        if row["action"] in ACTION_WORDS:
            summary.actions.add(row["action"])
        summary.categories.update(c for c in row["categories"] or [] if c in Category.values)
        summary.noodtoegang = summary.noodtoegang or row["break_the_glass"]
    return [merged[key] for key in sorted(merged, key=lambda k: (k[0], k[1].casefold()))]
