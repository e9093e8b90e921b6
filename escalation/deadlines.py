"""Working-day deadlines (Dutch public holidays excluded).

The ZVH screens an aanmelding within 1 working day when it is acute (triage level 3)
and within 5 otherwise. Weekends and the Dutch public holidays of the `holidays`
library do not count; the day of the aanmelding itself does not count either.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

ACUTE_SCREENING_DAYS = 1
NORMAL_SCREENING_DAYS = 5
ACUTE_LEVEL = 3


@lru_cache(maxsize=32)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself never counts)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def screening_deadline(*, requested_on: date, acute: bool) -> date:
    """The last day on which the ZVH should have screened an aanmelding."""
    days = ACUTE_SCREENING_DAYS if acute else NORMAL_SCREENING_DAYS
    return add_working_days(requested_on, days)
