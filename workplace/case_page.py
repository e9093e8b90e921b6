"""The case page as a werkplek: which of its sections (tabs, named in `cases.sections`)
this viewer has, which one is open, and the one step that is due for this viewer
("Wat moet er nu gebeuren").

Each section is rendered on its own (`?sectie=notities`), so a page stays short and a
POST can return to the section it came from. `/cases/<pk>/` is the overview.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import Resolver404, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.categories import Category
from cases.phases import Phase
from cases.sections import OVERVIEW, PLAN, SECTIONS, TRIAGE, Section
from escalation.goals import goals_with_progress


def sections_for(*, triage: dict | None, wf: dict) -> list[Section]:
    """The sections this viewer has: triage only with triage access, plan and overleg
    only with one of those categories."""
    hidden = set()
    if not triage:
        hidden.add(TRIAGE.slug)
    if not (wf.get("can_see_plan") or wf.get("can_see_overleg")):
        hidden.add(PLAN.slug)
    return [s for s in SECTIONS if s.slug not in hidden]


def section_from(value: str | None, available: list[Section]) -> Section:
    """The section asked for in `?sectie=`; the overview for anything else (an unknown
    or unavailable section is not an error: the page still shows the case)."""
    for section in available:
        if section.slug == value:
            return section
    return OVERVIEW


# Steps that are due whenever they are offered: someone is waiting for this viewer.
WAITING_ON_VIEWER = ("consult_answer", "accept", "handover_accept", "aftercare")
# Steps that are never the primary button: they end or reverse the normal course.
NEVER_PRIMARY = frozenset({"close", "decline", "handover_reject", "re_escalate"})
WARNING = frozenset({"close"})

HINTS = {
    "consult_answer": _("Het wijkteam wacht op uw advies."),
    "accept": _("De aanmelding wacht op screening door het ZVH."),
    "handover_accept": _("Het ZVH draagt de casus over aan uw wijkteam."),
    "aftercare": _("De nazorgcontrole is aan de beurt."),
    "conference": _("Leg het eerste casusoverleg met de partners vast."),
    "plan": _("Leg de doelen van het plan van aanpak vast."),
    "review": _("Evalueer het plan van aanpak op de afgesproken datum."),
    "request": _("De triage wijst op opschalen: meld de casus aan bij het ZVH."),
    "consult": _("De triage wijst op consultatie: vraag het ZVH om mee te kijken."),
    "triage": _("Er is nog geen triage: weeg de casus om te zien wat nodig is."),
}


def _step_name(url: str) -> str:
    try:
        return resolve(url).url_name or ""
    except Resolver404:
        return ""


def _due_name(case, names: list[str], *, wf: dict, triage: dict | None) -> str:
    for name in WAITING_ON_VIEWER:
        if name in names:
            return name
    if case.phase == Phase.ZVH:
        if "conference" in names and not wf.get("conferences"):
            return "conference"
        if "plan" in names and not wf.get("plan"):
            return "plan"
        return "review" if "review" in names else ""
    suggested = (triage or {}).get("next_step") or {}
    wanted = {"escalate": "request", "consult": "consult"}.get(suggested.get("kind", ""))
    return wanted if wanted in names else ""


def plan_buttons(case, *, wf: dict, triage: dict | None) -> tuple[list[dict], dict | None]:
    """The workflow buttons with a `kind` (secondary or warning) and the one step that is
    due for this viewer, or None.

    The due step leaves the button list: it is the primary button of the "Wat moet er
    nu gebeuren" box, so the page has one primary action.
    """
    actions = [{**a, "name": _step_name(a["url"])} for a in wf.get("actions", [])]
    due_name = _due_name(case, [a["name"] for a in actions], wf=wf, triage=triage)
    due = None
    buttons = []
    for action in actions:
        if action["name"] == due_name and due_name not in NEVER_PRIMARY and due is None:
            due = {**action, "hint": HINTS.get(due_name, "")}
            continue
        kind = "warning" if action["name"] in WARNING else "secondary"
        buttons.append({**action, "kind": kind})
    untriaged = triage and triage.get("can_assess") and not triage.get("latest")
    if due is None and untriaged and case.is_open:
        due = {
            "name": "triage",
            "url": reverse("triage:assessment_new", kwargs={"pk": case.pk}),
            "label": _("Triage invullen"),
            "hint": HINTS["triage"],
        }
    return buttons, due


def notes_filtered(notes, category: str | None, allowed: list[str]) -> tuple[Any, str]:
    """Notes of one category when `category` is one the viewer may see; all otherwise.
    Returns the notes and the category applied ("" for all)."""
    if category and category in allowed:
        return notes.filter(category=category), category
    return notes, ""


@dataclass(frozen=True)
class GoalRow:
    """One goal as the "Plan & overleg" section shows it: for whom, in which life domain,
    and how the domain's triage score moved ("3 → 4", verbeterd)."""

    who: str | Promise
    domain: str
    text: str
    status: str
    scores: str
    trend: str | Promise


def _trend(first: int | None, latest: int | None) -> str | Promise:
    if first is None or latest is None:
        return ""
    if latest > first:
        return _("verbeterd")
    if latest < first:
        return _("verslechterd")
    return _("gelijk")


def plan_goals(case, access) -> list[GoalRow]:
    """The plan's goals this viewer may read: only with `plan`, and a goal in a health or
    justice domain only with that category too (`escalation.goals.goal_category`).
    Four queries at most, whatever the number of goals."""
    if not access.can_see(Category.PLAN):
        return []
    rows = []
    for progress in goals_with_progress(case, access):
        goal = progress.goal
        first, latest = progress.first, progress.latest
        rows.append(
            GoalRow(
                who=goal.person.full_name if goal.person else _("Hele huishouden"),
                domain=goal.get_domain_display(),
                text=goal.text,
                status=goal.get_status_display(),
                scores=f"{first if first is not None else '—'} → "
                f"{latest if latest is not None else '—'}",
                trend=_trend(first, latest),
            )
        )
    return rows
