"""lib.capped_count.CappedCount: a count up to a cap inside another query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import OuterRef
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from cases.phases import Phase
from lib.capped_count import CappedCount
from organisations.models import Organisation
from tests.factories import CaseFactory, member, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    big, small, empty = (organisation(name) for name in ("Team Groot", "Team Klein", "Team Leeg"))
    worker = member(big)

    def case(team, phase=Phase.WIJKTEAM):
        CaseFactory(owning_team=team, region=team.region, regiehouder=worker, phase=phase)

    for _ in range(5):
        case(big)
    case(big, Phase.NAZORG)
    for _ in range(2):
        case(small)
    return big, small, empty


def counted(cap: int, **filters) -> dict[str, int]:
    cases = Case.objects.filter(owning_team=OuterRef("pk"), **filters)
    rows = Organisation.objects.filter(name__startswith="Team ").annotate(n=CappedCount(cases, cap))
    return dict(rows.values_list("name", "n"))


def test_counts_each_outer_row_exactly_up_to_the_cap(teams):
    assert counted(10) == {"Team Groot": 6, "Team Klein": 2, "Team Leeg": 0}
    assert counted(3) == {"Team Groot": 3, "Team Klein": 2, "Team Leeg": 0}
    assert counted(3, phase=Phase.NAZORG) == {"Team Groot": 1, "Team Klein": 0, "Team Leeg": 0}


def test_several_counts_in_one_query(teams):
    big = teams[0]
    counts = {
        phase: CappedCount(Case.objects.filter(owning_team=big, phase=phase), 4)
        for phase in (Phase.WIJKTEAM, Phase.NAZORG, Phase.ZVH)
    }
    with CaptureQueriesContext(connection) as ctx:
        row = Organisation.objects.filter(pk=big.pk).values(**counts).get()
    assert row == {Phase.WIJKTEAM: 4, Phase.NAZORG: 1, Phase.ZVH: 0}
    assert len(ctx.captured_queries) == 1


def test_the_default_ordering_is_dropped_and_rows_are_not_looked_up_again(teams):
    sql = str(
        Organisation.objects.annotate(n=CappedCount(Case.objects.filter(phase=Phase.NAZORG), 2))
        .order_by()
        .values("n")
        .query
    )
    assert "ORDER BY" not in sql
    assert sql.count('FROM "cases_case"') == 1
