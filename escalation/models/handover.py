"""Afschaling (warme overdracht) and nazorg checks."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class HandoverStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Geaccepteerd")
    REJECTED = "rejected", _("Teruggewezen")


# The afschaling checklist of DESIGN.md: a boolean field on Handover per item, and
# `<item>_note` for the motivation when it is not checked.
CHECKLIST = (
    "safety_risk_reduced",
    "goals_met_or_transferred",
    "regiehouder_named",
    "client_informed",
    "aftercare_agreed",
)


@dataclass(frozen=True)
class Checklist:
    """The afschaling checklist as proposed; `notes[item]` motivates an unchecked item."""

    safety_risk_reduced: bool = False
    goals_met_or_transferred: bool = False
    regiehouder_named: bool = False
    client_informed: bool = False
    aftercare_agreed: bool = False
    notes: dict | None = None


class HandoverQuerySet(models.QuerySet):
    def proposed(self) -> HandoverQuerySet:
        """Handovers waiting for the receiving team (at most one per case)."""
        return self.filter(status=HandoverStatus.PROPOSED)


class Handover(models.Model):
    """Afschaling / warme overdracht to a receiving wijkteam, with the DESIGN checklist."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="handovers")
    status = models.CharField(
        max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    receiving_team = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ontvangend wijkteam"),
    )
    # The checklist; an unchecked item needs its motivation (`*_note`).
    safety_risk_reduced = models.BooleanField(_("veiligheidsrisico verminderd"), default=False)
    safety_risk_reduced_note = models.TextField(blank=True)
    goals_met_or_transferred = models.BooleanField(
        _("doelen behaald of overgedragen"), default=False
    )
    goals_met_or_transferred_note = models.TextField(blank=True)
    regiehouder_named = models.BooleanField(_("regiehouder benoemd"), default=False)
    regiehouder_named_note = models.TextField(blank=True)
    named_regiehouder = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("nieuwe regiehouder"),
    )
    client_informed = models.BooleanField(_("cliënt geïnformeerd"), default=False)
    client_informed_note = models.TextField(blank=True)
    aftercare_agreed = models.BooleanField(_("nazorgafspraken gemaakt"), default=False)
    aftercare_agreed_note = models.TextField(blank=True)
    aftercare_agreements = models.TextField(_("nazorgafspraken"), blank=True)
    aftercare_check_date = models.DateField(_("datum nazorgcontrole"), null=True, blank=True)
    meeting_date = models.DateField(_("datum overdrachtsgesprek"), null=True, blank=True)
    meeting_attendees = models.TextField(_("aanwezig bij de overdracht"), blank=True)
    accepted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_reason = models.TextField(_("reden van terugwijzen"), blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="proposed"),
                name="one_proposed_handover_per_case",
            )
        ]
        indexes = [
            models.Index(
                fields=["proposed_at"],
                condition=Q(status="proposed"),
                name="handover_pending_idx",
            ),
            # A team's proposed handovers, oldest first (the start page), read in order.
            models.Index(
                fields=["receiving_team", "status", "proposed_at"], name="handover_team_status_idx"
            ),
        ]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")

    def __str__(self) -> str:
        return f"{self.case_id}: overdracht naar {self.receiving_team_id}"


class AftercareOutcome(models.TextChoices):
    STABLE = "stable", _("Stabiel")
    CONCERNS = "concerns", _("Zorgen")
    RE_ESCALATE = "re_escalate", _("Opnieuw opschalen")


class AftercareCheckQuerySet(models.QuerySet):
    def pending(self) -> AftercareCheckQuerySet:
        """Checks not done yet (at most one per case)."""
        return self.filter(done_at__isnull=True)


class AftercareCheck(models.Model):
    """Nazorgcontrole: due on a date; the regiehouder records the outcome."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="aftercare_checks"
    )
    due_date = models.DateField(_("controledatum"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=16, choices=AftercareOutcome.choices, blank=True
    )
    notes = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AftercareCheckQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(done_at__isnull=True),
                name="one_open_aftercare_check",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_date"],
                condition=Q(done_at__isnull=True),
                name="aftercare_open_due_idx",
            )
        ]
        verbose_name = _("nazorgcontrole")
        verbose_name_plural = _("nazorgcontroles")

    def __str__(self) -> str:
        return f"{self.case_id}: nazorg {self.due_date:%Y-%m-%d}"
