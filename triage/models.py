"""Triage rulesets (versioned data) and the assessments made with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .engine import LEVEL_NAMES


class RulesetStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    RETIRED = "retired", _("Vervangen")


# Fields that may still change once a ruleset is published: its life-cycle, never its rules.
LIFECYCLE_FIELDS = frozenset({"status", "is_active", "published_at", "published_by", "retired_at"})


class ImmutableRulesetError(PermissionError):
    """A published or retired ruleset was about to be changed."""


class Ruleset(models.Model):
    """One version of the triage rules. Published versions never change (DESIGN.md)."""

    name = models.CharField(_("versie"), max_length=40, unique=True)
    definition = models.JSONField(_("regels"))
    description = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RulesetStatus.choices, default=RulesetStatus.DRAFT
    )
    is_active = models.BooleanField(_("actief"), default=False)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("gebaseerd op"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one active version; the publish service swaps it in one transaction.
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_ruleset"
            ),
            models.CheckConstraint(
                condition=models.Q(is_active=False) | models.Q(status=RulesetStatus.PUBLISHED),
                name="active_ruleset_is_published",
            ),
        ]
        verbose_name = _("triageversie")
        verbose_name_plural = _("triageversies")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            stored = (
                Ruleset.objects.filter(pk=self.pk).values("status", "name", "definition").first()
            )
            update_fields = kwargs.get("update_fields")
            lifecycle_only = update_fields is not None and set(update_fields) <= LIFECYCLE_FIELDS
            if (
                stored
                and stored["status"] != RulesetStatus.DRAFT
                and not lifecycle_only
                and (stored["name"] != self.name or stored["definition"] != self.definition)
            ):
                raise ImmutableRulesetError(f"ruleset {stored['name']} is published")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != RulesetStatus.DRAFT:
            raise ImmutableRulesetError(f"ruleset {self.name} is published")
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == RulesetStatus.DRAFT


class Judgement(models.TextChoices):
    AGREE = "agree", _("Ik ben het eens met de uitkomst")
    DISAGREE = "disagree", _("Ik ben het niet eens met de uitkomst")


class AssessmentSource(models.TextChoices):
    WORKER = "worker", _("Weging door een professional")
    RESCORE = "rescore", _("Herberekend met een nieuwe triageversie")


LEVEL_CHOICES = [(level, name) for level, name in LEVEL_NAMES.items()]


class TriageAssessment(models.Model):
    """One triage of a case: the answers, the outcome, its ruleset version and the
    professional's own judgement. Stored in full so that it stays explainable."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessments")
    answers = models.JSONField()
    score = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    level_name = models.CharField(max_length=16)
    reasons = models.JSONField(default=list)
    knock_outs = models.JSONField(default=list)
    zvh_criteria = models.JSONField(default=dict)
    complete = models.BooleanField(default=False)
    ruleset = models.ForeignKey(Ruleset, on_delete=models.PROTECT, related_name="assessments")
    ruleset_name = models.CharField(max_length=40)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # When the answers were given. A rescore keeps the date of the answers it re-evaluated,
    # so a recalculation never makes an old triage look recent.
    assessed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        max_length=16, choices=AssessmentSource.choices, default=AssessmentSource.WORKER
    )
    rescored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    judgement = models.CharField(
        _("professioneel oordeel"), max_length=16, choices=Judgement.choices, blank=True
    )
    judgement_motivation = models.TextField(_("motivatie"), blank=True)

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [models.Index(fields=["case", "assessed_at", "id"], name="triage_case_assessed")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(judgement=Judgement.DISAGREE)
                | ~models.Q(judgement_motivation=""),
                name="disagreement_is_motivated",
            ),
            models.CheckConstraint(condition=models.Q(level__lte=3), name="triage_level_in_range"),
        ]
        verbose_name = _("triageweging")
        verbose_name_plural = _("triagewegingen")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.level_name} ({self.ruleset_name})"

    @property
    def is_rescore(self) -> bool:
        return self.source == AssessmentSource.RESCORE
