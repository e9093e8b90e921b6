from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def reminders(request: HttpRequest) -> dict:
    """`unread_reminders` for the bell in the header: unread reminders plus unread
    notifications (two count queries), run only when a template shows it (PDFs and
    redirects never pay for it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_reminders": 0}
    return {"unread_reminders": SimpleLazyObject(lambda: unread_count(user))}
