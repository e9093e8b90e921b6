"""State of the op- en afschaling workflow, kept beside the case (cases.Case is not changed).

Reminder scans (the `notifications` app) query the partial indexes below: open
requests by screening deadline, running ZVH tracks by evaluatiedatum, open actions by
deadline, proposed handovers by date, open aftercare checks by due date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


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


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Geaccepteerd")
    ADVIES = "advies", _("Afgewezen met advies")
    DOORGELEID = "doorgeleid", _("Doorgeleid naar partner")


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
            )
        ]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self) -> str:
        return f"{self.case_id}: aanmelding {self.requested_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.screened_at is None


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


class Action(models.Model):
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

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(
                fields=["deadline"],
                condition=Q(status__in=["open", "in_progress"]),
                name="action_open_deadline_idx",
            ),
            models.Index(fields=["owner_organisation", "status"]),
        ]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class HandoverStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Geaccepteerd")
    REJECTED = "rejected", _("Teruggewezen")


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
            models.Index(fields=["receiving_team", "status"]),
        ]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")

    def __str__(self) -> str:
        return f"{self.case_id}: overdracht naar {self.receiving_team_id}"


class AftercareOutcome(models.TextChoices):
    STABLE = "stable", _("Stabiel")
    CONCERNS = "concerns", _("Zorgen")
    RE_ESCALATE = "re_escalate", _("Opnieuw opschalen")


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


class InformedWhom(models.TextChoices):
    WETHOUDER = "wethouder", _("Wethouder")
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    BEIDEN = "beiden", _("Wethouder en burgemeester")


class AdministrativeNotice(models.Model):
    """Bestuurlijke informatie: a task for the procesregisseur to inform the bestuur.

    The gemeente sees these rows (reference, pseudonymised summary, status) and never
    the case itself, so nothing here may contain names.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="administrative_notices"
    )
    criteria = models.JSONField(_("criteria"), default=list)
    reason = models.TextField(_("aanleiding"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    assigned_to = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    informed_at = models.DateTimeField(_("geïnformeerd op"), null=True, blank=True)
    informed_whom = models.CharField(
        _("geïnformeerd"), max_length=16, choices=InformedWhom.choices, blank=True
    )
    pseudonymised_summary = models.TextField(_("gepseudonimiseerde samenvatting"), blank=True)
    done = models.BooleanField(default=False)
    done_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["done", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(done=False), name="one_open_notice_per_case"
            )
        ]
        indexes = [models.Index(fields=["done", "created_at"])]
        verbose_name = _("bestuurlijke informatie")
        verbose_name_plural = _("bestuurlijke informatie")

    def __str__(self) -> str:
        return f"{self.case_id}: bestuurlijke informatie"
