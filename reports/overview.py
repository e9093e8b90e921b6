"""What the case overview PDF shows: the same category filter as the case page.

Every part is read through `cases.selectors` (notes, timeline) or guarded by
`access.can_see(...)`: a category the viewer may not see is not queried at all.
Triage reasons are filtered for the viewer by `triage.presentation` (health reasons
only for those who may see `gezondheid`).
"""

from __future__ import annotations

from typing import Any

from cases.categories import Category
from cases.models import Case
from cases.selectors import notes_for, timeline_for
from escalation.models import Action, ActionPlan, CaseConference
from meetings.selectors import items_for_case
from privacy.access import CaseAccess
from privacy.models import CaseParticipation
from triage.presentation import assessment_view
from triage.selectors import latest_assessment


def _latest_triage(case: Case, access: CaseAccess) -> dict:
    assessment = latest_assessment(case)
    if assessment is None:
        return {"assessment": None}
    return {"assessment": assessment, "view": assessment_view(assessment, access=access)}


def _plan(case: Case) -> dict:
    plan = ActionPlan.objects.filter(case=case).first()
    actions = (
        Action.objects.filter(case=case)
        .select_related("owner_organisation", "owner_person")
        .order_by("deadline", "id")
    )
    return {"plan": plan, "actions": list(actions)}


def _conferences(case: Case) -> list:
    return list(
        CaseConference.objects.filter(case=case)
        .prefetch_related("invited")
        .order_by("held_on", "id")
    )


def case_overview_context(case: Case, access: CaseAccess) -> dict[str, Any]:
    """Template context for reports/case_overview.html, filtered for this viewer."""
    notes = list(notes_for(case, access.categories))
    notes_by_category = [
        {"category": cat, "label": Category(cat).label, "notes": grouped}
        for cat in access.sorted_categories
        if (grouped := [n for n in notes if n.category == cat])
    ]
    timeline = list(timeline_for(case, access.categories).reverse())
    show_plan = access.can_see(Category.PLAN)
    show_overleg = access.can_see(Category.OVERLEG)
    context: dict[str, Any] = {
        "case": case,
        "access": access,
        "persons": list(case.persons.all()),
        "notes_by_category": notes_by_category,
        "timeline": timeline,
        "show_triage": access.can_see(Category.TRIAGE),
        "show_plan": show_plan,
        "show_overleg": show_overleg,
        "triage": None,
        "plan": None,
        "conferences": None,
        # Verslagen of planned meetings (category overleg), oldest first.
        "meeting_items": items_for_case(case, access.categories),
        "partners": [],
    }
    if context["show_triage"]:
        context["triage"] = _latest_triage(case, access)
    if show_plan:
        context["plan"] = _plan(case)
    if show_overleg:
        context["conferences"] = _conferences(case)
    if show_plan or show_overleg:
        context["partners"] = list(
            CaseParticipation.objects.active()
            .filter(case=case)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    return context
