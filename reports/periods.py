"""Reporting periods (a year, a quarter or a month) in Europe/Amsterdam.

A period has a key: "2026" (the year), "2026-K4" (a quarter) or "2026-11" (a month).
The form picks it as a year plus a part of that year (`deel`: the whole year, a quarter
or a month), so the choice is two short lists instead of one list of every period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

YEAR_RE = re.compile(r"^(\d{4})$")
QUARTER_RE = re.compile(r"^(\d{4})-K([1-4])$")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# How many years before the current one the form offers.
YEARS_BACK = 3
WHOLE_YEAR = "jaar"


@dataclass(frozen=True)
class Period:
    """Half-open interval [start, end) of local midnights; `key` as in the module doc."""

    key: str
    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        quarter = QUARTER_RE.match(self.key)
        if quarter:
            return _("%(n)se kwartaal %(year)s") % {"n": quarter[2], "year": quarter[1]}
        month = MONTH_RE.match(self.key)
        if month:
            return f"{MONTHS[int(month[2])]} {month[1]}"
        return _("jaar %(year)s") % {"year": self.key}

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.end.date().toordinal() - 1)

    def is_running(self, now: datetime | None = None) -> bool:
        """Today falls in the period: its figures are those of today, not of its end."""
        now = now or timezone.now()
        return self.start <= now < self.end

    @property
    def running(self) -> bool:
        return self.is_running()

    def has_started(self, now: datetime | None = None) -> bool:
        return self.start <= (now or timezone.now())


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def _month_after(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def period_from_key(key: str) -> Period | None:
    """The period for "2026", "2026-K4" or "2026-11", or None when the key is not valid."""
    key = key or ""
    if quarter := QUARTER_RE.match(key):
        year, q = int(quarter[1]), int(quarter[2])
        first_month = 3 * (q - 1) + 1
        start, end = date(year, first_month, 1), _month_after(year, first_month + 2)
    elif month := MONTH_RE.match(key):
        year, m = int(month[1]), int(month[2])
        start, end = date(year, m, 1), _month_after(year, m)
    elif whole := YEAR_RE.match(key):
        year = int(whole[1])
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    else:
        return None
    if not 2000 <= year <= 2100:
        return None
    return Period(key=key, start=_local_midnight(start), end=_local_midnight(end))


def current_quarter_key(today: date | None = None) -> str:
    today = today or timezone.localdate()
    return f"{today.year}-K{(today.month - 1) // 3 + 1}"


def key_from_parts(year: str, part: str) -> str:
    """ "2026" + "K4" → "2026-K4"; "2026" + "11" → "2026-11"; "2026" + "jaar" → "2026"."""
    return year if part == WHOLE_YEAR else f"{year}-{part}"


def parts_from_key(key: str) -> tuple[str, str] | None:
    """The inverse of `key_from_parts`, or None for a key that is not valid."""
    if period_from_key(key) is None:
        return None
    year, _sep, part = key.partition("-")
    return year, part or WHOLE_YEAR


def year_choices(today: date | None = None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    return [(str(y), str(y)) for y in range(today.year, today.year - YEARS_BACK - 1, -1)]


def part_choices() -> list:
    """The whole year, four quarters and twelve months: one short list for every year."""
    quarters = [(f"K{q}", gettext_lazy("%(n)se kwartaal") % {"n": q}) for q in range(1, 5)]
    months = [(f"{m:02d}", MONTHS[m]) for m in range(1, 13)]
    return [
        (WHOLE_YEAR, gettext_lazy("Heel het jaar")),
        (gettext_lazy("Kwartaal"), quarters),
        (gettext_lazy("Maand"), months),
    ]
