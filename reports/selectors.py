"""Management figures, aggregated in SQL over a scope (reports.scope: a team, a
municipality or a region).

Only counts and durations leave the database: no query here touches Person, notes or
event texts, so the report is pseudonymised by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, When, Window
from django.db.models.functions import Lead
from django.utils import timezone

from cases.models import CaseEvent
from cases.phases import Phase
from notifications.models import Reminder
from triage.defaults import LEVEL_LABELS_NL
from triage.engine import LEVEL_NAMES
from triage.models import TriageAssessment

from .periods import Period
from .scope import ReportScope, report_audience_for

OPEN_PHASE_ORDER = [Phase.WIJKTEAM, Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG]
# Phases whose doorlooptijd is reported (gesloten never ends).
DURATION_PHASES = OPEN_PHASE_ORDER
PERCENTILES = (50, 90)

# Phase moves that the report counts, read from the timeline (CaseEvent from/to).
FLOWS: dict[str, tuple[str | None, str]] = {
    "aanmeldingen": (None, Phase.AANGEMELD),
    "accepted": (Phase.AANGEMELD, Phase.ZVH),
    "declined": (Phase.AANGEMELD, Phase.WIJKTEAM),
    "handbacks": (Phase.AFSCHALING, Phase.NAZORG),
    "reescalations": (Phase.NAZORG, Phase.AANGEMELD),
    "closed": (None, Phase.GESLOTEN),
}


# --- scope ---------------------------------------------------------------------------


def report_scope_for(user) -> ReportScope | None:
    """The reader's default scope (reports.scope); None for roles without reports."""
    audience = report_audience_for(user)
    return audience.scope() if audience is not None else None


# --- figures -------------------------------------------------------------------------


@dataclass
class ManagementFigures:
    period: Period
    phase_team: list[dict] = field(default_factory=list)  # team, counts per phase, total
    phase_totals: dict[str, int] = field(default_factory=dict)
    flows: dict[str, int] = field(default_factory=dict)
    durations: list[dict] = field(default_factory=list)  # phase, n, median, p90 (days)
    triage_levels: list[dict] | None = None  # level, label, n ; None: triage not installed
    overdue_reminders: list[dict] | None = None  # kind, label, n ; None: no reminders app


def phase_team_counts(scope: ReportScope, period: Period) -> tuple[list[dict], dict[str, int]]:
    """Open cases per phase and team as they stood at the end of the period.

    The phase at a moment is the `to_phase` of the case's last phase event before it,
    so an earlier period shows the situation of then, not of today. A case whose phase
    has not changed since (phase_changed_at before the end) still has that phase, so the
    timeline is only read for the others: for the running period, for none at all.
    """
    from_timeline = Subquery(
        CaseEvent.objects.filter(case_id=OuterRef("pk"), created_at__lt=period.end)
        .exclude(to_phase="")
        .order_by("-created_at", "-id")
        .values("to_phase")[:1]
    )
    phase_at_end = DbCase(
        When(phase_changed_at__lt=period.end, then=F("phase")),
        default=from_timeline,
        output_field=CharField(),
    )
    rows = (
        scope.cases()
        .filter(registered_at__lt=period.end)
        .annotate(phase_at_end=phase_at_end)
        .filter(phase_at_end__in=OPEN_PHASE_ORDER)
        .values("owning_team__name", "phase_at_end")
        .annotate(n=Count("id"))
        .order_by("owning_team__name")
    )
    teams: dict[str, dict] = {}
    totals = dict.fromkeys(OPEN_PHASE_ORDER, 0)
    for row in rows:
        team = teams.setdefault(
            row["owning_team__name"],
            {"team": row["owning_team__name"], "counts": dict.fromkeys(OPEN_PHASE_ORDER, 0)},
        )
        team["counts"][row["phase_at_end"]] = row["n"]
        totals[row["phase_at_end"]] += row["n"]
    result = []
    for team in teams.values():
        team["cells"] = [team["counts"][p] for p in OPEN_PHASE_ORDER]
        team["total"] = sum(team["cells"])
        result.append(team)
    return result, totals


def flow_counts(scope: ReportScope, period: Period) -> dict[str, int]:
    """Escalations accepted/declined, handbacks, re-escalations … in the period."""
    rows = (
        CaseEvent.objects.filter(
            scope.case_q("case__"), created_at__gte=period.start, created_at__lt=period.end
        )
        .exclude(to_phase="")
        .values("from_phase", "to_phase")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(FLOWS, 0)
    for row in rows:
        moved_from, moved_to = row["from_phase"], row["to_phase"]
        if moved_from == moved_to:
            continue
        for name, (from_phase, to_phase) in FLOWS.items():
            if moved_to == to_phase and from_phase in (None, moved_from):
                counts[name] += row["n"]
    return counts


def _days_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0"
    if connection.vendor == "sqlite":
        return f"(julianday({later}) - julianday({earlier}))"
    raise NotImplementedError(connection.vendor)


def phase_durations(scope: ReportScope, period: Period) -> list[dict]:
    """Median and p90 doorlooptijd in days per phase, for phase stints ended in the period.

    A stint runs from a phase event to the case's next phase event (LEAD over
    (case, created_at)); percentiles are nearest-rank, ranked with ROW_NUMBER. All in
    one SQL statement (SQLite ≥ 3.25 and PostgreSQL both have window functions).
    """
    stints = (
        CaseEvent.objects.filter(scope.case_q("case__"))
        .exclude(to_phase="")
        .annotate(
            ended_at=Window(
                Lead("created_at"),
                partition_by=[F("case_id")],
                order_by=[F("created_at").asc(), F("id").asc()],
            )
        )
        .values("to_phase", "created_at", "ended_at")
        .order_by()
    )
    inner_sql, inner_params = stints.query.sql_with_params()
    ranks = ", ".join(
        f"MAX(CASE WHEN rn = ({p} * n + 99) / 100 THEN days END) AS p{p}" for p in PERCENTILES
    )
    sql = f"""
        WITH stints AS ({inner_sql}),
        durations AS (
            SELECT to_phase, {_days_between("ended_at", "created_at")} AS days
            FROM stints WHERE ended_at >= %s AND ended_at < %s
        ),
        ranked AS (
            SELECT to_phase, days,
                   ROW_NUMBER() OVER (PARTITION BY to_phase ORDER BY days) AS rn,
                   COUNT(*) OVER (PARTITION BY to_phase) AS n
            FROM durations
        )
        SELECT to_phase, n, {ranks} FROM ranked GROUP BY to_phase, n
    """
    ops = connection.ops
    params = [
        *inner_params,
        ops.adapt_datetimefield_value(period.start),
        ops.adapt_datetimefield_value(period.end),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {row[0]: row[1:] for row in cursor.fetchall()}
    result = []
    for phase in DURATION_PHASES:
        n, *values = found.get(phase, (0, *(None for _ in PERCENTILES)))
        result.append(
            {
                "phase": phase,
                "label": Phase(phase).label,
                "n": n,
                **{
                    f"p{p}": float(v) if v is not None else None
                    for p, v in zip(PERCENTILES, values, strict=True)
                },
            }
        )
    return result


def triage_level_counts(scope: ReportScope, period: Period) -> list[dict]:
    """Cases per triage level of their latest assessment before the period's end."""
    assessment = TriageAssessment
    latest = Subquery(
        assessment.objects.filter(case_id=OuterRef("case_id"), assessed_at__lt=period.end)
        .order_by("-assessed_at", "-id")
        .values("pk")[:1]
    )
    rows = dict(
        assessment.objects.filter(scope.case_q("case__"), assessed_at__lt=period.end, pk=latest)
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("level", "n")
    )
    labels = _level_labels(LEVEL_NAMES)
    return [{"level": lvl, "label": labels[lvl], "n": rows.get(lvl, 0)} for lvl in sorted(labels)]


def _level_labels(level_names: dict[int, str]) -> dict[int, str]:
    return {lvl: str(LEVEL_LABELS_NL.get(lvl, name)) for lvl, name in level_names.items()}


def overdue_reminder_counts(scope: ReportScope, period: Period) -> list[dict]:
    """Per reminder kind: cases with a reminder that was due and still unread at the end
    of the period (or now, for the running period).

    A reminder has a row per recipient; a case counts once per kind, however many
    recipients it reminded.
    """
    reminder = Reminder
    cutoff = min(period.end, timezone.now())
    rows = dict(
        reminder.objects.filter(
            scope.case_q("case__"),
            created_at__lt=cutoff,
            due_date__lt=timezone.localdate(cutoff),
        )
        .filter(Q(read_at__isnull=True) | Q(read_at__gte=cutoff))
        .values("kind")
        .annotate(n=Count("case_id", distinct=True))
        .order_by()
        .values_list("kind", "n")
    )
    kinds = reminder._meta.get_field("kind").choices
    return [{"kind": kind, "label": str(label), "n": rows.get(kind, 0)} for kind, label in kinds]


def management_figures(scope: ReportScope, period: Period) -> ManagementFigures:
    phase_team, totals = phase_team_counts(scope, period)
    return ManagementFigures(
        period=period,
        phase_team=phase_team,
        phase_totals=totals,
        flows=flow_counts(scope, period),
        durations=phase_durations(scope, period),
        triage_levels=triage_level_counts(scope, period),
        overdue_reminders=overdue_reminder_counts(scope, period),
    )
