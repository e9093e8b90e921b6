from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.append_only import AppendOnlyQuerySet


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


class AuditAction(models.TextChoices):
    LINK_ISSUED = "link_issued", _("Link verstuurd")
    LINK_USED = "link_used", _("Link gebruikt")
    PASSWORD_SET = "password_set", _("Wachtwoord ingesteld")
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Tweestapsverificatie ingesteld")
    RESET_REQUESTED = "reset_requested", _("2FA-reset aangevraagd")
    RESET_APPROVED = "reset_approved", _("2FA-reset goedgekeurd")
    RESET_REFUSED = "reset_refused", _("2FA-reset afgewezen")


class AccountAuditEvent(models.Model):
    """Who did what to whose account, when: password links, 2FA resets. Append-only.

    The privacy officer reads these at /accounts/audit/. Names are copied into the row so
    the line still reads the same if a username changes later.
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when nobody logged in asked (wachtwoord vergeten).",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="account_audit"
    )
    subject_name = models.CharField(max_length=150)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    detail = models.CharField(max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("accountauditregel")
        verbose_name_plural = _("accountaudit")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.subject_name}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("AccountAuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("AccountAuditEvent is append-only")


class AccountLink(models.Model):
    """A one-time link, sent by e-mail, to set a password and/or enrol 2FA.

    Only a SHA-256 hash of the token is stored: a database copy does not give working
    links. A link is single-use (`used_at`, claimed by a conditional update), expires
    after ACCOUNT_LINK_HOURS and is revoked when a newer link of the same user replaces
    it. A link that enrols 2FA grants enrolment to the browser session that used it,
    until `enrolled_at` is set or the link expires.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    sets_password = models.BooleanField(default=False)
    enrols_two_factor = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    enrolled_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]
        constraints = [
            # A link that does nothing would only be a token lying around.
            models.CheckConstraint(
                condition=models.Q(sets_password=True) | models.Q(enrols_two_factor=True),
                name="accounts_link_has_a_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.pk} for {self.user_id}"


class ResetStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REFUSED = "afgewezen", _("Afgewezen")


class TwoFactorReset(models.Model):
    """A request to remove a user's 2FA devices; four eyes: one beheerder asks, another
    decides. The constraints below make the database refuse the shortcuts too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="two_factor_resets"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=200)
    status = models.CharField(
        max_length=16, choices=ResetStatus.choices, default=ResetStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Nobody resets their own second factor: that would be the takeover itself.
            models.CheckConstraint(
                condition=~models.Q(requested_by=models.F("user")),
                name="accounts_reset_not_for_yourself",
            ),
            # Four eyes: the one who asks never approves (withdrawing, i.e. refusing
            # one's own request, is allowed: it removes nothing).
            models.CheckConstraint(
                condition=~models.Q(status="goedgekeurd")
                | ~models.Q(decided_by=models.F("requested_by")),
                name="accounts_reset_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("user")),
                name="accounts_reset_not_decided_by_subject",
            ),
            # One open request per user: a second would be a second chance at approval.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="aangevraagd"),
                name="accounts_reset_one_open_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"2FA reset {self.pk} for {self.user_id} ({self.status})"
