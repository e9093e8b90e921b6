"""Reporting periods (a month or a quarter) in Europe/Amsterdam."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

QUARTER_RE = re.compile(r"^(\d{4})-K([1-4])$")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# How far back the form offers periods.
YEARS_BACK = 3


@dataclass(frozen=True)
class Period:
    """Half-open interval [start, end) of local midnights; `key` is "2026-K4" or "2026-11"."""

    key: str
    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        quarter = QUARTER_RE.match(self.key)
        if quarter:
            return _("%(n)se kwartaal %(year)s") % {"n": quarter[2], "year": quarter[1]}
        month = MONTH_RE.match(self.key)
        return f"{MONTHS[int(month[2])]} {month[1]}"

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.end.date().toordinal() - 1)

    def is_running(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.start <= now < self.end


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def _month_after(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def period_from_key(key: str) -> Period | None:
    """The period for "2026-K4" / "2026-11", or None when the key is not valid."""
    quarter = QUARTER_RE.match(key or "")
    if quarter:
        year, q = int(quarter[1]), int(quarter[2])
        first_month = 3 * (q - 1) + 1
        start, end = date(year, first_month, 1), _month_after(year, first_month + 2)
    else:
        month = MONTH_RE.match(key or "")
        if not month:
            return None
        year, m = int(month[1]), int(month[2])
        start, end = date(year, m, 1), _month_after(year, m)
    if not 2000 <= year <= 2100:
        return None
    return Period(key=key, start=_local_midnight(start), end=_local_midnight(end))


def current_quarter_key(today: date | None = None) -> str:
    today = today or timezone.localdate()
    return f"{today.year}-K{(today.month - 1) // 3 + 1}"


def period_choices(today: date | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: quarters and months, newest first."""
    today = today or timezone.localdate()
    quarters, months = [], []
    for year in range(today.year, today.year - YEARS_BACK - 1, -1):
        for q in range(4, 0, -1):
            if year == today.year and 3 * (q - 1) + 1 > today.month:
                continue
            key = f"{year}-K{q}"
            quarters.append((key, period_from_key(key).label))
        for m in range(12, 0, -1):
            if year == today.year and m > today.month:
                continue
            key = f"{year}-{m:02d}"
            months.append((key, period_from_key(key).label))
    return [(_("Kwartalen"), quarters), (_("Maanden"), months)]
