"""Celery task for the calendar invitations (queued after commit by the services)."""

from __future__ import annotations

from celery import shared_task

from .invitations import invitations_send


@shared_task(acks_late=True)
def send_meeting_invitations(*, meeting_id: int, organisation_ids: list[int]) -> int:
    """E-mail the current state of the meeting to these organisations' professionals."""
    return invitations_send(meeting_id=meeting_id, organisation_ids=organisation_ids)
