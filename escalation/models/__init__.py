"""State of the op- en afschaling workflow, kept beside the case (cases.Case is not changed).

One module per sub-domain; everything is imported here so Django finds the models and
`from escalation.models import X` keeps working.

Reminder scans (`escalation.reminders`) query the partial indexes of these models: open
requests by screening deadline, running ZVH tracks by evaluatiedatum, open actions by
deadline, proposed handovers by date, open aftercare checks by due date. Each model's
QuerySet names its open rows (`Action.objects.open()`, `Handover.objects.proposed()` …)
with exactly the condition of its partial index and unique constraint.
"""

from .consultation import Consultation
from .handover import (
    CHECKLIST,
    AftercareCheck,
    AftercareOutcome,
    Checklist,
    Handover,
    HandoverStatus,
)
from .notices import CRITERIA_LABELS, AdministrativeNotice, InformedWhom
from .plan import DOMAIN_CHOICES, Goal, GoalStatus, PlanVersion
from .referral import Referral, ReferralStatus
from .request import EscalationRequest, Outcome
from .zvh import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionPlan,
    ActionStatus,
    CaseConference,
    ZvhTrack,
)

__all__ = [
    "CHECKLIST",
    "Checklist",
    "OPEN_ACTION_STATUSES",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "AdministrativeNotice",
    "CRITERIA_LABELS",
    "AftercareCheck",
    "AftercareOutcome",
    "CaseConference",
    "DOMAIN_CHOICES",
    "Goal",
    "GoalStatus",
    "PlanVersion",
    "Consultation",
    "EscalationRequest",
    "Handover",
    "HandoverStatus",
    "InformedWhom",
    "Outcome",
    "Referral",
    "ReferralStatus",
    "ZvhTrack",
]
