"""Reporting periods: a quarter or a month, in Dutch, local midnights."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from reports.forms import PeriodForm
from reports.periods import current_quarter_key, period_choices, period_from_key


def test_quarter_runs_from_local_midnight_to_local_midnight():
    period = period_from_key("2026-K4")
    assert timezone.localtime(period.start).isoformat() == "2026-10-01T00:00:00+02:00"
    assert timezone.localtime(period.end).isoformat() == "2027-01-01T00:00:00+01:00"
    assert period.label == "4e kwartaal 2026"
    assert period.last_day == date(2026, 12, 31)


def test_month_has_a_dutch_label():
    period = period_from_key("2026-03")
    assert period.label == "maart 2026"
    assert period.last_day == date(2026, 3, 31)


@pytest.mark.parametrize("key", ["2026-K0", "2026-K5", "2026-00", "2026-13", "26-K1", "", "x"])
def test_invalid_keys_are_refused(key):
    assert period_from_key(key) is None


def test_current_quarter():
    assert current_quarter_key(date(2026, 11, 23)) == "2026-K4"
    assert current_quarter_key(date(2026, 1, 1)) == "2026-K1"


def test_choices_offer_no_future_periods():
    (quarters_label, quarters), (months_label, months) = period_choices(date(2026, 5, 10))
    assert quarters_label == "Kwartalen"
    assert quarters[0] == ("2026-K2", "2e kwartaal 2026")
    assert months[0] == ("2026-05", "mei 2026")
    assert "2026-K3" not in dict(quarters)


def test_form_without_a_choice_means_the_current_quarter():
    form = PeriodForm(None)
    assert not form.is_bound
    assert form.period().key == current_quarter_key()
