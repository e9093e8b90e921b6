from __future__ import annotations

from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """One row per logged-in session, so "log out everywhere" can end them all.

    Django's session table cannot be searched by user without decoding every row;
    remembering the keys at login makes ending a user's sessions one small query.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"
