"""One household, one plan (seed 002): which life domains a goal should start from, and
how a domain's triage score moved since the first triage. Reads only; the writes are in
`escalation.services.plan`."""

from __future__ import annotations

from dataclasses import dataclass

from cases.categories import Category
from cases.models import Case
from triage.engine import DOMAINS, ZORG_DOMAINS
from triage.models import TriageAssessment

# Scores 1 (acuut probleem) and 2 (ernstig probleem) are the domains a plan must address.
LOW_SCORE = 2


def goal_category(domain: str) -> str:
    """The category a goal in `domain` reveals: a goal about addiction or mental health is
    health data (AVG art. 9), one about justice criminal data (art. 10); the rest is plan."""
    if domain in ZORG_DOMAINS:
        return Category.GEZONDHEID
    if domain == "justitie":
        return Category.JUSTITIE
    return Category.PLAN


def _scores(assessment: TriageAssessment | None) -> dict[str, int]:
    if assessment is None:
        return {}
    domains = (assessment.answers or {}).get("domains") or {}
    return {d: int(v) for d, v in domains.items() if d in DOMAINS and v is not None}


def first_and_latest_scores(case: Case) -> tuple[dict[str, int], dict[str, int]]:
    """Domain → score in the case's first and in its latest triage (two queries)."""
    assessments = TriageAssessment.objects.filter(case=case)
    first = assessments.order_by("assessed_at", "id").first()
    latest = assessments.order_by("-assessed_at", "-id").first()
    return _scores(first), _scores(latest)


def domains_offered(case: Case) -> list[str]:
    """The 11 triage domains, those that scored low in the latest triage first (worst
    first), then the rest in the triage's order."""
    _first, latest = first_and_latest_scores(case)
    low = sorted((d for d in DOMAINS if latest.get(d, 99) <= LOW_SCORE), key=lambda d: latest[d])
    return low + [d for d in DOMAINS if d not in low]


@dataclass(frozen=True)
class GoalProgress:
    """A goal with its domain's score in the first and the latest triage (None: unscored)."""

    goal: object
    first: int | None
    latest: int | None

    @property
    def improved(self) -> bool:
        return self.first is not None and self.latest is not None and self.latest > self.first


def goals_with_progress(case: Case, access) -> list[GoalProgress]:
    """The plan's goals the viewer may read (by `goal_category`), each with its progress."""
    from_first, from_latest = first_and_latest_scores(case)
    goals = (
        case.action_plan.goal_items.select_related("person") if hasattr(case, "action_plan") else []
    )
    return [
        GoalProgress(goal=g, first=from_first.get(g.domain), latest=from_latest.get(g.domain))
        for g in goals
        if access.can_see(goal_category(g.domain))
    ]
