"""One household, one plan: goals per person and life domain, each change kept as an
append-only plan version and written on the timeline with its author."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Person
from cases.services import event_record

from ..goals import goal_category
from ..models import ActionPlan, Goal, GoalStatus, PlanVersion
from ..models.plan import DOMAIN_CHOICES
from ..transitions import guard, lock_case

DOMAIN_LABEL = dict(DOMAIN_CHOICES)


def plan_version_record(*, plan: ActionPlan, user) -> PlanVersion:
    """Append the plan as it stands now as its next version (the caller holds the case
    lock, so two editors cannot both take number n)."""
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    items = [
        {
            "id": g.pk,
            "person_id": g.person_id,
            "domain": g.domain,
            "text": g.text,
            "status": g.status,
        }
        for g in plan.goal_items.order_by("id")
    ]
    return PlanVersion.objects.create(
        plan=plan, number=number, goals=plan.goals, goal_items=items, created_by=user
    )


@transaction.atomic
def goal_save(
    *,
    user,
    case: Case,
    domain: str,
    text: str,
    person: Person | None = None,
    status: str = GoalStatus.OPEN,
    goal: Goal | None = None,
    expected_phase: str | None = None,
) -> Goal:
    """Add a goal to the plan, or change one (`goal`); same rights as editing the goals.

    The timeline entry is filed under the goal's category: a goal about addiction is
    health data, hidden from partners that may not see `gezondheid`.
    """
    case = lock_case(case)
    guard(user, case, "plan", expected_phase=expected_phase)
    text = text.strip()
    if not text:
        raise ValidationError(_("Beschrijf het doel."))
    if domain not in DOMAIN_LABEL:
        raise ValidationError(_("Kies een leefgebied."))
    if status not in GoalStatus.values:
        raise ValidationError(_("Kies een geldige status."))
    if person is not None and person.case_id != case.pk:
        raise ValidationError(_("Kies een persoon uit dit huishouden."))
    plan = ActionPlan.objects.filter(case=case).first()
    if plan is None:
        raise ValidationError(_("Stel eerst de doelen van het plan van aanpak op."))
    now = timezone.now()
    if goal is None:
        goal = Goal.objects.create(
            plan=plan,
            person=person,
            domain=domain,
            text=text,
            status=status,
            created_by=user,
            updated_by=user,
        )
        description = _("Doel toegevoegd (%(domain)s): %(text)s")
    else:
        goal = Goal.objects.select_for_update().get(pk=goal.pk, plan=plan)
        goal.person, goal.domain, goal.text, goal.status = person, domain, text, status
        goal.updated_by, goal.updated_at = user, now
        goal.save()
        description = _("Doel bijgewerkt (%(domain)s, %(status)s): %(text)s")
    plan.updated_at = now
    plan.save(update_fields=["updated_at"])
    version = plan_version_record(plan=plan, user=user)
    event_record(
        case=case,
        kind="goal_saved",
        actor=user,
        category=goal_category(domain),
        description=description
        % {"domain": DOMAIN_LABEL[domain], "status": goal.get_status_display(), "text": text},
        data={"goal": goal.pk, "plan_version": version.number},
    )
    return goal
