"""Doorverwijzing: an aanmelding declined as `doorgeleid` becomes a task for the partner."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Open")
    OPGEPAKT = "opgepakt", _("Opgepakt")
    AFGEROND = "afgerond", _("Afgerond")


class ReferralQuerySet(models.QuerySet):
    def unfinished(self) -> ReferralQuerySet:
        """Referrals the partner has not finished (open or opgepakt)."""
        return self.exclude(status=ReferralStatus.AFGEROND)


class Referral(models.Model):
    """A case handed to a partner organisation by the screening ("doorgeleid naar").

    Not a name in a text field: the partner sees it on its start page and moves its
    status, which the regisseur follows.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    request = models.OneToOneField(
        "escalation.EscalationRequest", on_delete=models.CASCADE, related_name="referral"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("doorgeleid naar"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Whether the regisseur made the organisation a participant (convenant categories).
    participates = models.BooleanField(_("neemt deel aan de casus"), default=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "-created_at"])]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")

    def __str__(self) -> str:
        return f"{self.case_id}: doorgeleid naar {self.organisation_id}"
