"""Aanmelding bij het ZVH and its screening."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Geaccepteerd")
    ADVIES = "advies", _("Afgewezen met advies")
    DOORGELEID = "doorgeleid", _("Doorgeleid naar partner")


class EscalationRequestQuerySet(models.QuerySet):
    def unscreened(self) -> EscalationRequestQuerySet:
        """Aanmeldingen the ZVH has not screened yet (at most one per case)."""
        return self.filter(screened_at__isnull=True)


class EscalationRequest(models.Model):
    """Aanmelding bij het ZVH, with a snapshot of the triage it was based on.

    The triage result is copied (not only referenced) so the regisseur screens exactly
    what the wijkteam saw when it asked, even if a newer assessment follows.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="escalation_requests"
    )
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    aanleiding = models.TextField(_("aanleiding"))
    doel = models.TextField(_("doel"))
    partners = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("partners")
    )
    client_informed = models.BooleanField(_("cliënt geïnformeerd over de aanmelding"))
    reason_not_informed = models.TextField(_("reden niet geïnformeerd"), blank=True)
    # Triage snapshot; triage_assessment_id is the id of triage.TriageAssessment
    # (a plain id so this app does not depend on triage's migrations).
    triage_assessment_id = models.PositiveBigIntegerField(null=True, blank=True)
    triage_level = models.PositiveSmallIntegerField(null=True, blank=True)
    triage_score = models.IntegerField(null=True, blank=True)
    triage_reasons = models.JSONField(default=list, blank=True)
    zvh_criteria = models.JSONField(default=dict, blank=True)
    triage_assessed_at = models.DateTimeField(null=True, blank=True)
    override_motivation = models.TextField(_("motivering zonder passende weging"), blank=True)
    override_flagged = models.BooleanField(default=False)
    acute = models.BooleanField(default=False)
    # Acute on the aanmelder's word (seed 004: "bij een acuut veiligheidsprobleem moet snel
    # gehandeld worden"), with or without a triage; flagged for review at screening.
    acute_declared = models.BooleanField(_("acuut veiligheidsprobleem"), default=False)
    acute_reason = models.TextField(_("reden acuut"), blank=True)
    fast_lane = models.BooleanField(default=False)
    screening_deadline = models.DateField(_("screenen uiterlijk"))
    acute_notified_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(_("toelichting / advies"), blank=True)
    referred_to = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("doorgeleid naar"),
    )
    screened_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    screened_at = models.DateTimeField(null=True, blank=True)

    objects = EscalationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(screened_at__isnull=True),
                name="one_open_escalation_request",
            )
        ]
        indexes = [
            models.Index(
                fields=["screening_deadline"],
                condition=Q(screened_at__isnull=True),
                name="escreq_open_deadline_idx",
            ),
            # A partner's own aanmeldingen, newest first (its start page), read in order.
            models.Index(
                fields=["requested_by", "-requested_at"], name="escreq_requester_recent_idx"
            ),
        ]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self) -> str:
        return f"{self.case_id}: aanmelding {self.requested_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.screened_at is None

    @property
    def acute_without_triage(self) -> bool:
        """Acute on the aanmelder's word alone: no level-3 triage behind it, so the
        regisseur reviews the reason at screening."""
        return self.acute_declared and self.triage_level != 3
