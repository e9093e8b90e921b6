"""The account audit: one append-only row per password link and 2FA reset step."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AccountAuditEvent, AuditAction


def audit_record(*, actor, subject, action: AuditAction, detail: str = "") -> AccountAuditEvent:
    """Append one audit row; `actor` is None when nobody logged in asked
    (wachtwoord vergeten: anyone can type a username)."""
    return AccountAuditEvent.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        subject=subject,
        subject_name=subject.get_username(),
        action=action,
        detail=detail[:200],
    )


def audit_events() -> QuerySet[AccountAuditEvent]:
    """All audit rows, newest first (the privacy officer's page pages through them)."""
    return AccountAuditEvent.objects.order_by("-created_at", "-pk")
