"""Reporting periods: a year, a quarter or a month, in Dutch, local midnights; the form
chooses a year and a part of it (issue 16, point 7: no list of 64 periods)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from reports.forms import ReportForm
from reports.periods import (
    current_quarter_key,
    key_from_parts,
    part_choices,
    parts_from_key,
    period_from_key,
    year_choices,
)
from reports.scope import ReportAudience, ReportScope

AUDIENCE = ReportAudience(options=[ReportScope(key="team", label="Wijkteam", team_id=1)])


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


def test_a_whole_year_is_a_period():
    period = period_from_key("2025")
    assert period.label == "jaar 2025"
    assert period.last_day == date(2025, 12, 31)
    assert timezone.localtime(period.start).date() == date(2025, 1, 1)


@pytest.mark.parametrize(
    "key", ["2026-K0", "2026-K5", "2026-00", "2026-13", "26-K1", "", "x", "1999", "20260"]
)
def test_invalid_keys_are_refused(key):
    assert period_from_key(key) is None
    assert parts_from_key(key) is None


@pytest.mark.parametrize(
    ("key", "parts"),
    [("2026-K4", ("2026", "K4")), ("2026-11", ("2026", "11")), ("2026", ("2026", "jaar"))],
)
def test_keys_and_parts_are_each_others_inverse(key, parts):
    assert parts_from_key(key) == parts
    assert key_from_parts(*parts) == key


def test_current_quarter():
    assert current_quarter_key(date(2026, 11, 23)) == "2026-K4"
    assert current_quarter_key(date(2026, 1, 1)) == "2026-K1"


def test_the_picker_is_two_short_lists():
    years = year_choices(date(2026, 5, 10))
    assert [y for y, _label in years] == ["2026", "2025", "2024", "2023"]
    whole, (quarter_label, quarters), (month_label, months) = part_choices()
    assert whole == ("jaar", "Heel het jaar")
    assert (quarter_label, [str(label) for _k, label in quarters][0]) == ("Kwartaal", "1e kwartaal")
    assert (month_label, len(months)) == ("Maand", 12)
    # 4 years + 17 parts instead of one list of 64 periods.
    assert len(years) + 1 + len(quarters) + len(months) == 21


def test_a_running_period_knows_it_runs():
    assert period_from_key(current_quarter_key()).running
    assert not period_from_key("2025-K1").running


def test_form_without_a_choice_means_the_current_quarter():
    form = ReportForm(None, audience=AUDIENCE)
    assert not form.is_bound
    assert form.period().key == current_quarter_key()
    assert form.scope().key == "team"


def test_form_reads_year_and_part():
    form = ReportForm(QueryDict("jaar=2025&deel=K1"), audience=AUDIENCE)
    assert form.is_valid(), form.errors
    assert form.period().key == "2025-K1"


def test_form_reads_a_period_key_from_a_link():
    form = ReportForm(QueryDict("periode=2025-02"), audience=AUDIENCE)
    assert form.is_valid(), form.errors
    assert form.period().key == "2025-02"


def test_a_future_period_is_refused_in_dutch():
    next_month = timezone.localdate().replace(day=1) + timedelta(days=32)
    form = ReportForm(
        QueryDict(f"jaar={next_month.year}&deel={next_month.month:02d}"), audience=AUDIENCE
    )
    if str(next_month.year) not in dict(year_choices()):
        pytest.skip("next month falls in a year the form does not offer yet")
    assert not form.is_valid()
    assert form.errors["deel"] == ["Deze periode is nog niet begonnen; kies een eerdere."]
