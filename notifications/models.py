"""Reminders (herinneringen): one row per (kind, object, due date, recipient).

The unique constraint is what makes the reminder scan idempotent: a second run, or two
workers at the same moment, insert the same keys and the database keeps one row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    SCREENING_DUE = "screening_due", _("Aanmelding nog niet gescreend")
    REVIEW_DUE = "review_due", _("Evaluatie binnenkort of verlopen")
    ACTION_OVERDUE = "action_overdue", _("Actie over de deadline")
    HANDOVER_PENDING = "handover_pending", _("Overdracht nog niet geaccepteerd")
    AFTERCARE_CHECK_DUE = "aftercare_check_due", _("Nazorgcontrole aan de beurt")
    HELD_TOO_LONG = "held_too_long", _("Lang in het wijkteam zonder advies of opschaling")
    # Not found by the scan: created at once by the aanmelding itself (DESIGN: an acute
    # aanmelding notifies the regisseurs at once, not at the next reminder run).
    ACUTE_AANMELDING = "acute_aanmelding", _("Acute aanmelding")


# What a reminder is about: the workflow row whose date made it due.
class ObjectType(models.TextChoices):
    ESCALATION_REQUEST = "escalationrequest", _("aanmelding")
    ZVH_TRACK = "zvhtrack", _("ZVH-traject")
    ACTION = "action", _("actie")
    HANDOVER = "handover", _("overdracht")
    AFTERCARE_CHECK = "aftercarecheck", _("nazorgcontrole")
    CASE = "case", _("casus")


# One sentence per kind for the list and the e-mail: the case reference and the kind
# only, never names or case content (a reminder reaches inboxes outside Schakel).
KIND_EXPLANATIONS = {
    ReminderKind.SCREENING_DUE: _("De screeningstermijn van de aanmelding is verstreken."),
    ReminderKind.REVIEW_DUE: _("De evaluatiedatum van het ZVH-traject nadert of is verstreken."),
    ReminderKind.ACTION_OVERDUE: _("Een actie uit het plan van aanpak is over de deadline."),
    ReminderKind.HANDOVER_PENDING: _(
        "De afschaling is na tien dagen nog niet door het wijkteam geaccepteerd."
    ),
    ReminderKind.AFTERCARE_CHECK_DUE: _("De nazorgcontrole is aan de beurt."),
    ReminderKind.ACUTE_AANMELDING: _("Er is een acute aanmelding: screen deze vandaag."),
    ReminderKind.HELD_TOO_LONG: _(
        "De casus is langer dan zes maanden in het wijkteam, met triage, zonder advies "
        "of opschaling."
    ),
}


class Reminder(models.Model):
    kind = models.CharField(_("soort"), max_length=32, choices=ReminderKind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reminders")
    object_type = models.CharField(max_length=32, choices=ObjectType.choices)
    object_id = models.PositiveBigIntegerField()
    due_date = models.DateField(_("datum"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # Set when a run claims the row for e-mail (also when the recipient has no address):
    # the conditional UPDATE `WHERE emailed_at IS NULL` lets only one run mail it.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Which run claimed it; that run reads back exactly its own rows.
    mail_batch = models.UUIDField(null=True, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "due_date", "recipient"],
                name="unique_reminder_per_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="reminder_inbox_idx"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="reminder_unread_idx"
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(emailed_at__isnull=True),
                name="reminder_unmailed_idx",
            ),
            models.Index(fields=["mail_batch"], name="reminder_mail_batch_idx"),
        ]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}:{self.object_id} {self.due_date:%Y-%m-%d}"

    @property
    def explanation(self) -> str:
        return str(KIND_EXPLANATIONS[ReminderKind(self.kind)])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
