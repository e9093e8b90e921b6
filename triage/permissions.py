"""Who may do what with triage (case access comes from privacy.access)."""

from __future__ import annotations

from cases.categories import Category
from organisations.roles import actor_of
from privacy.access import CaseAccess


def can_assess(user, access: CaseAccess) -> bool:
    """May this user record a new triage assessment on a case with this access?

    Triage is the shared language of the wijkteams and the ZVH (DESIGN.md): the wijkteam
    worker and the procesregisseur weigh a case. Partners read the outcome when the
    convenant allows, but do not weigh it themselves, even in a case they work on.
    """
    if not (access.can_change and access.can_see(Category.TRIAGE)):
        return False
    actor = actor_of(user)
    return actor.is_worker or actor.is_regisseur


def can_manage_rulesets(user) -> bool:
    """Functional admins edit, preview and publish triage rulesets."""
    return actor_of(user).is_beheer
