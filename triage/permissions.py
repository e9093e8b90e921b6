"""Who may do what with triage (case access comes from privacy.access)."""

from __future__ import annotations

from cases.categories import Category
from organisations.models import OrganisationKind, Role
from organisations.roles import membership_of
from privacy.access import CaseAccess

# Triage is the shared language of the wijkteams and the ZVH (DESIGN.md): they weigh a
# case. Partners read the outcome when the convenant allows, but do not weigh it
# themselves, even in a case they work on.
ASSESSING_KINDS = frozenset({OrganisationKind.WIJKTEAM, OrganisationKind.ZVH})


def can_assess(user, access: CaseAccess) -> bool:
    """May this user record a new triage assessment on a case with this access?"""
    if not (access.can_change and access.can_see(Category.TRIAGE)):
        return False
    membership = membership_of(user)
    return membership is not None and membership.organisation.kind in ASSESSING_KINDS


def can_manage_rulesets(user) -> bool:
    """Functional admins edit, preview and publish triage rulesets."""
    membership = membership_of(user)
    return membership is not None and membership.role == Role.FUNCTIONEEL_BEHEER
