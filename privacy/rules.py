"""The convenant's phase rules, shared by reads (access.py) and grant writing (grants.py)."""

from __future__ import annotations

from cases.categories import Category, view_codename
from cases.phases import Phase
from organisations.models import Role

CHANGE_CODENAME = "change_case"
BASIS_CODENAME = view_codename(Category.BASIS)

# ZVH reads along from the aanmelding until the case is closed; partners only
# while the ZVH coordinates (zvh) and in the hand-back phases after it.
ZVH_PHASES = frozenset({Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG})
PARTNER_PHASES = frozenset({Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG})
# Meekijken without escalation shows the ZVH only what it needs to advise.
ADVICE_CATEGORIES = frozenset({Category.BASIS, Category.SIGNALEN, Category.TRIAGE})
# Roles whose members only read; they never hold change rights on a case.
READ_ONLY_ROLES = frozenset({Role.MANAGER})
# Roles that see no open case through grants at all.
NO_CASE_ROLES = frozenset({Role.FUNCTIONEEL_BEHEER})
