"""ZVH work on an accepted case: the track with its evaluatiedatum, casusoverleg,
plan van aanpak and actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .request import EscalationRequest

USER = settings.AUTH_USER_MODEL


class ZvhTrackQuerySet(models.QuerySet):
    def running(self) -> ZvhTrackQuerySet:
        """Tracks not ended by afschaling or closing (at most one per case)."""
        return self.filter(ended_at__isnull=True)


class ZvhTrack(models.Model):
    """One period in the ZVH (from acceptance to afschaling or closing) and its evaluatiedatum."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="zvh_tracks")
    request = models.OneToOneField(
        EscalationRequest, on_delete=models.PROTECT, related_name="track"
    )
    accepted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)
    review_date = models.DateField(_("evaluatiedatum"))
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ZvhTrackQuerySet.as_manager()

    class Meta:
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="one_running_zvh_track"
            )
        ]
        indexes = [
            models.Index(
                fields=["review_date"],
                condition=Q(ended_at__isnull=True),
                name="zvhtrack_review_idx",
            )
        ]
        verbose_name = _("ZVH-traject")
        verbose_name_plural = _("ZVH-trajecten")

    def __str__(self) -> str:
        return f"{self.case_id}: ZVH vanaf {self.accepted_at:%Y-%m-%d}"


class CaseConference(models.Model):
    """Casusoverleg. Category `overleg`."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(_("datum"))
    invited = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("uitgenodigd")
    )
    attendees = models.TextField(_("aanwezigen"), blank=True)
    decisions = models.TextField(_("besluiten"), blank=True)
    minutes = models.TextField(_("verslag"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["case", "held_on"])]
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")

    def __str__(self) -> str:
        return f"{self.case_id}: overleg {self.held_on:%Y-%m-%d}"


class ActionPlan(models.Model):
    """Plan van aanpak for the whole household. Category `plan`."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="action_plan")
    goals = models.TextField(_("doelen"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")

    def __str__(self) -> str:
        return f"{self.case_id}: plan van aanpak"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In uitvoering")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet):
    def open(self) -> ActionQuerySet:
        """Actions still to be done (open or in progress)."""
        return self.filter(status__in=OPEN_ACTION_STATUSES)


class Action(models.Model):
    """One action of the plan van aanpak, owned by an organisation (and maybe a person)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    # Denormalised from plan.case so scans and work lists need no join through the plan.
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("actie"))
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("uitvoerende organisatie"),
    )
    owner_person = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name=_("uitvoerende persoon"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(
                fields=["deadline"],
                condition=Q(status__in=["open", "in_progress"]),
                name="action_open_deadline_idx",
            ),
            models.Index(fields=["owner_organisation", "status"]),
            # A partner's open actions by deadline (its start page), read in the page's
            # order (deadline, id) so it stops after a page, with no sort of a busy day.
            models.Index(
                fields=["owner_organisation", "deadline", "id"],
                condition=Q(status__in=["open", "in_progress"]),
                name="action_owner_open_deadline_idx",
            ),
        ]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES
