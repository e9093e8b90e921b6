"""Access log (NEN 7513): exactly one row per view of case data."""

from __future__ import annotations

from django.http import HttpRequest

from cases.models import Case
from lib.client_ip import client_ip
from organisations.roles import membership_of

from .access import CaseAccess
from .models import AccessAction, AccessLog


def log_case_access(
    request: HttpRequest,
    *,
    case: Case | None,
    access: CaseAccess,
    action: str = AccessAction.VIEW,
    context: str = "",
    on_behalf_of: str = "",
) -> AccessLog:
    """Write the one access-log row for this view; returns it."""
    membership = membership_of(request.user)
    return AccessLog.objects.create(
        user=request.user,
        organisation=membership.organisation if membership else None,
        role=membership.role if membership else "",
        case=case,
        categories=access.sorted_categories,
        action=action,
        ip_address=client_ip(request),
        context=context[:200] or request.path[:200],
        on_behalf_of=on_behalf_of[:200],
        break_the_glass=access.break_the_glass,
    )
