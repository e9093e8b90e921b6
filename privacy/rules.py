"""The convenant's phase rules, shared by reads (access.py) and grant writing (grants.py)."""

from __future__ import annotations

from cases.categories import Category, view_codename
from cases.phases import Phase
from organisations.models import Role

CHANGE_CODENAME = "change_case"
BASIS_CODENAME = view_codename(Category.BASIS)

# ZVH reads along from the aanmelding until the case is closed; partners while the ZVH
# coordinates (zvh) and in the hand-back phases after it, and in the wijkteam phase when
# the regiehouder invited them to a wijkteam-level casusoverleg (seed 004: the municipal
# professional organises the overleg; DESIGN.md: "inviting a partner grants it access per
# the convenant"). Only participations added since the case (re)entered the wijkteam
# phase count there (`counted_participations`), so partners of an earlier ZVH track do
# not read a case declined back to the wijkteam. Not during screening (aangemeld): the
# ZVH decides then, and nothing is asked of partners until the case is accepted.
ZVH_PHASES = frozenset({Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG})
PARTNER_PHASES = frozenset({Phase.WIJKTEAM, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG})
# Meekijken without escalation shows the ZVH only what it needs to advise.
ADVICE_CATEGORIES = frozenset({Category.BASIS, Category.SIGNALEN, Category.TRIAGE})
# Roles whose members only read; they never hold change rights on a case.
READ_ONLY_ROLES = frozenset({Role.MANAGER})
# Roles that see no open case through grants at all.
NO_CASE_ROLES = frozenset({Role.FUNCTIONEEL_BEHEER})
