"""Horizontal bar charts as inline SVG, drawn by templates/reports/_bar_chart.html.

The geometry is computed here once and rendered by the same template on the dashboard
and in the PDF, so both show identical charts. Colours are SVG presentation attributes
(no style attributes: the CSP forbids them, and WeasyPrint's SVG renderer reads them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.phases import Phase

from .scope import SMALL_NUMBER

WIDTH = 520
LABEL_WIDTH = 215
# Longer labels are shortened in the chart (the table beside it has them in full).
LABEL_CHARS = 36
VALUE_WIDTH = 46
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 8
LEGEND_HEIGHT = 18
COLOURS = ("#154273", "#8fa8c8", "#d97706")


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value_text: str
    text_x: float
    text_y: float


@dataclass
class Group:
    label: str
    label_y: float
    short_label: str = ""
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    width: int
    height: int
    groups: list[Group]
    legend: list[dict]
    axis_x: float
    empty: bool
    # Small numbers were left out (reports.scope): the caption says so.
    withheld: bool = False


def _fmt(value: float | None, decimals: int) -> str:
    if value is None:
        return "—"
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",")


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    *,
    series: Sequence[str] = (),
    decimals: int = 0,
    hide_small: bool = False,
    withheld: bool = False,
) -> Chart:
    """A chart with one group of bars per row; `series` names the bars within a group.

    `hide_small`: a count of 1 to 4 gets no bar and reads "<5" (reports.scope), so the
    chart tells no more than the table beside it. `withheld`: the caller left values out
    (None) for the same reason, so a chart without bars is not "without data".
    """
    if hide_small:
        rows = [
            (label, [None if 0 < (v or 0) < SMALL_NUMBER else v for v in values])
            for label, values in rows
        ]
        hidden = {(label, i) for label, values in rows for i, v in enumerate(values) if v is None}
    else:
        hidden = set()
    n_series = max((len(values) for _label, values in rows), default=1)
    top = LEGEND_HEIGHT if len(series) > 1 else 4
    maximum = max((v for _label, values in rows for v in values if v), default=0) or 1
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    group_height = n_series * BAR_HEIGHT + (n_series - 1) * BAR_GAP
    groups = []
    y = top
    for label, values in rows:
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        group = Group(label=label, short_label=short, label_y=round(y + group_height / 2 + 3, 1))
        for i, value in enumerate(values):
            width = plot_width * (value or 0) / maximum
            bar_y = y + i * (BAR_HEIGHT + BAR_GAP)
            group.bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=round(bar_y, 1),
                    width=round(width, 1),
                    height=BAR_HEIGHT,
                    colour=COLOURS[i % len(COLOURS)],
                    value_text=(
                        f"<{SMALL_NUMBER}" if (label, i) in hidden else _fmt(value, decimals)
                    ),
                    text_x=round(LABEL_WIDTH + width + 4, 1),
                    text_y=round(bar_y + BAR_HEIGHT - 3, 1),
                )
            )
        groups.append(group)
        y += group_height + GROUP_GAP
    legend = [
        {"name": name, "colour": COLOURS[i % len(COLOURS)], "x": LABEL_WIDTH + i * 110}
        for i, name in enumerate(series)
    ]
    return Chart(
        title=title,
        width=WIDTH,
        height=int(y),
        groups=groups,
        legend=legend if len(series) > 1 else [],
        axis_x=LABEL_WIDTH,
        empty=not (hidden or withheld) and not any(v for _label, values in rows for v in values),
        withheld=bool(hidden) or withheld,
    )


FLOW_LABELS = {
    "aanmeldingen": _("Aanmeldingen bij het ZVH"),
    "accepted": _("Aanmelding geaccepteerd"),
    "declined": _("Afgewezen met advies"),
    "handbacks": _("Teruggegeven (afschaling → nazorg)"),
    "reescalations": _("Opnieuw opgeschaald uit nazorg"),
    "closed": _("Gesloten"),
}


def management_charts(figures, *, hide_small: bool = False) -> dict[str, Chart]:
    """The dashboard's charts from ManagementFigures (same on the page and in the PDF).

    With `hide_small`, counts of 1 to 4 read "<5" and a lead time over fewer than 5
    completed phases is left out, as in the tables (reports.presentation).
    """
    counts = {"hide_small": hide_small}

    def too_few(row) -> bool:
        return hide_small and 0 < row["n"] < SMALL_NUMBER

    charts = {
        "phases": bar_chart(
            gettext("Open casussen per fase"),
            [(Phase(p).label, [n]) for p, n in figures.phase_totals.items()],
            **counts,
        ),
        "flows": bar_chart(
            gettext("Op- en afschaling in de periode"),
            [(str(label), [figures.flows[name]]) for name, label in FLOW_LABELS.items()],
            **counts,
        ),
        "durations": bar_chart(
            gettext("Doorlooptijd per fase in dagen"),
            [
                (row["label"], [None, None] if too_few(row) else [row["p50"], row["p90"]])
                for row in figures.durations
            ],
            series=[gettext("mediaan"), gettext("90e percentiel")],
            decimals=1,
            withheld=any(too_few(row) for row in figures.durations),
        ),
    }
    if figures.triage_levels is not None:
        charts["triage"] = bar_chart(
            gettext("Triageniveau (laatste weging per casus)"),
            [(row["label"], [row["n"]]) for row in figures.triage_levels],
            **counts,
        )
    if figures.overdue_reminders is not None:
        charts["reminders"] = bar_chart(
            gettext("Achterstallige herinneringen (casussen)"),
            [(row["label"], [row["n"]]) for row in figures.overdue_reminders],
            **counts,
        )
    return charts
