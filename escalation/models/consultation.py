"""Meekijken: a question of the wijkteam to the ZVH and its advice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class ConsultationQuerySet(models.QuerySet):
    def unanswered(self) -> ConsultationQuerySet:
        """Questions still waiting for the ZVH's advice (at most one per case)."""
        return self.filter(answered_at__isnull=True)


class Consultation(models.Model):
    """Meekijkverzoek: the wijkteam asks the ZVH for advice; the case stays with the wijkteam."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="consultations")
    question = models.TextField(_("vraag"))
    asked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("advies"), blank=True)
    answered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            # One open question at a time; a double submit cannot open a second one.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(answered_at__isnull=True),
                name="one_open_consultation_per_case",
            )
        ]
        indexes = [
            models.Index(
                fields=["asked_at"], condition=Q(answered_at__isnull=True), name="consult_open_idx"
            )
        ]
        verbose_name = _("meekijkverzoek")
        verbose_name_plural = _("meekijkverzoeken")

    def __str__(self) -> str:
        return f"{self.case_id}: meekijken {self.asked_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
