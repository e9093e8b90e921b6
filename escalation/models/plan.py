"""One household, one plan (seed 002, "1 gezin 1 plan"): goals per person and per life
domain, and the plan's versions. Category `plan` (a goal in a health or justice domain is
shown only to viewers of that category, see `escalation.goals`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from triage.defaults import DOMAIN_LABELS
from triage.engine import DOMAINS

from .zvh import ActionPlan

USER = settings.AUTH_USER_MODEL

DOMAIN_CHOICES = [(domain, DOMAIN_LABELS.get(domain, domain)) for domain in DOMAINS]


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    MET = "met", _("Behaald")
    TRANSFERRED = "transferred", _("Overgedragen")
    DROPPED = "dropped", _("Vervallen")


class Goal(models.Model):
    """One goal of the plan van aanpak, for one person or the whole household, in one of
    the triage's life domains."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goal_items")
    # Null: the goal is for the whole household.
    person = models.ForeignKey(
        "cases.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persoon"),
    )
    domain = models.CharField(_("leefgebied"), max_length=32, choices=DOMAIN_CHOICES)
    text = models.TextField(_("doel"))
    status = models.CharField(
        _("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["domain", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.domain}"


class PlanVersion(models.Model):
    """A snapshot of the plan after each change of its goals; append-only (no service
    updates or deletes one), so the plan as it stood on any day can be shown."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    goals = models.TextField(_("doelen voor het huishouden"))
    # [{"id", "person_id", "domain", "text", "status"}, …] as they stood.
    goal_items = models.JSONField(default=list)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            # Two editors saving at once cannot both write version n: the second retries
            # under the case lock the services hold anyway.
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")
        ]
        verbose_name = _("versie van het plan van aanpak")
        verbose_name_plural = _("versies van het plan van aanpak")

    def __str__(self) -> str:
        return f"{self.plan_id}: versie {self.number}"
