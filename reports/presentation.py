"""The report's tables as shown: the same on the dashboard and in the PDF.

Where the scope hides small numbers (reports.scope), a count of 1 to 4 reads "<5" and a
lead time over fewer than 5 completed phases is left out (a median of one stint is that
household's own lead time). Zero stays zero: "no case" points at nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from cases.phases import Phase

from .charts import FLOW_LABELS
from .scope import SMALL_NUMBER, ReportScope
from .selectors import OPEN_PHASE_ORDER, ManagementFigures

HIDDEN = f"<{SMALL_NUMBER}"


def is_small(n: int | None) -> bool:
    return n is not None and 0 < n < SMALL_NUMBER


def shown_count(n: int, *, hide_small: bool) -> int | str:
    return HIDDEN if hide_small and is_small(n) else n


@dataclass
class ReportTables:
    hide_small: bool
    by_team: bool
    # by_team: (team, cells, total) rows; else (phase label, count) rows.
    team_rows: list[dict]
    phase_rows: list[tuple[str, int | str]]
    flow_rows: list[tuple[str, int | str]]
    duration_rows: list[dict]
    triage_rows: list[dict] | None
    reminder_rows: list[dict] | None
    any_hidden: bool


def report_tables(figures: ManagementFigures, scope: ReportScope) -> ReportTables:
    hide = scope.hides_small_numbers
    hidden = []

    def count(n: int) -> int | str:
        value = shown_count(n, hide_small=hide)
        hidden.append(value == HIDDEN)
        return value

    durations = []
    for row in figures.durations:
        too_few = hide and row["n"] < SMALL_NUMBER
        durations.append(
            {
                "label": row["label"],
                "n": count(row["n"]),
                "p50": None if too_few else row["p50"],
                "p90": None if too_few else row["p90"],
            }
        )

    def counted(rows: list[dict] | None, label) -> list[dict] | None:
        if rows is None:
            return None
        return [{"label": label(row), "n": count(row["n"])} for row in rows]

    tables = ReportTables(
        hide_small=hide,
        by_team=scope.by_team,
        team_rows=figures.phase_team if scope.by_team else [],
        phase_rows=[
            (Phase(p).label, count(figures.phase_totals.get(p, 0))) for p in OPEN_PHASE_ORDER
        ],
        flow_rows=[(label, count(figures.flows[name])) for name, label in FLOW_LABELS.items()],
        duration_rows=durations,
        triage_rows=counted(figures.triage_levels, lambda r: f"{r['level']} — {r['label']}"),
        reminder_rows=counted(figures.overdue_reminders, lambda r: r["label"]),
        any_hidden=False,
    )
    tables.any_hidden = any(hidden)
    return tables
