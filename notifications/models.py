"""Reminders (herinneringen): one row per (kind, object, due date, recipient); and
notifications of hand-offs: one row per (kind, object, event, recipient), with each
user's e-mail preferences.

The unique constraints are what make both idempotent: a second run, a redelivered task
or a double submit insert the same keys and the database keeps one row.
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
    STALLED_WITHOUT_TRIAGE = "stalled_no_triage", _("Nooit getrieerd en geen voortgang")
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
    ReminderKind.STALLED_WITHOUT_TRIAGE: _(
        "De casus is in het wijkteam nooit getrieerd en heeft al lang geen voortgang."
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


class NotificationKind(models.TextChoices):
    """A hand-off between people (DESIGN: "Hand-offs notify")."""

    ADVICE_ASKED = "advice_asked", _("Meekijkverzoek gesteld")
    ADVICE_ANSWERED = "advice_answered", _("Meekijkverzoek beantwoord")
    AANMELDING_RECEIVED = "aanmelding_received", _("Aanmelding ontvangen")
    AANMELDING_ACCEPTED = "aanmelding_accepted", _("Aanmelding geaccepteerd")
    AANMELDING_DECLINED = "aanmelding_declined", _("Aanmelding niet opgeschaald")
    AANMELDING_REFERRED = "aanmelding_referred", _("Aanmelding doorgeleid")
    REFERRAL_RECEIVED = "referral_received", _("Doorgeleid naar uw organisatie")
    CONFERENCE_INVITED = "conference_invited", _("Uitnodiging casusoverleg")
    PARTICIPANT_ADDED = "participant_added", _("Deelname aan een casus")
    PARTICIPANT_REMOVED = "participant_removed", _("Deelname beëindigd")
    ACTION_ASSIGNED = "action_assigned", _("Actie toegewezen")
    ACTION_CHANGED = "action_changed", _("Actie gewijzigd")
    HANDOVER_PROPOSED = "handover_proposed", _("Overdracht voorgesteld")
    HANDOVER_ACCEPTED = "handover_accepted", _("Overdracht geaccepteerd")
    HANDOVER_REJECTED = "handover_rejected", _("Overdracht teruggewezen")
    BREAK_GLASS = "break_glass", _("Noodtoegang tot uw casus")


# The whole text of a notification: its kind and the case reference, never content. A
# notification reaches inboxes outside Schakel and people who may not see every category.
NOTIFICATION_TEXTS = {
    NotificationKind.ADVICE_ASKED: _("Nieuw meekijkverzoek voor casus %(ref)s"),
    NotificationKind.ADVICE_ANSWERED: _("Advies op uw meekijkverzoek voor casus %(ref)s"),
    NotificationKind.AANMELDING_RECEIVED: _("Nieuwe aanmelding voor casus %(ref)s"),
    NotificationKind.AANMELDING_ACCEPTED: _("Aanmelding van casus %(ref)s geaccepteerd"),
    NotificationKind.AANMELDING_DECLINED: _(
        "Aanmelding van casus %(ref)s niet opgeschaald: advies aan het wijkteam"
    ),
    NotificationKind.AANMELDING_REFERRED: _(
        "Aanmelding van casus %(ref)s doorgeleid naar een partner"
    ),
    NotificationKind.REFERRAL_RECEIVED: _("Casus %(ref)s is doorgeleid naar uw organisatie"),
    NotificationKind.CONFERENCE_INVITED: _(
        "Uw organisatie is uitgenodigd voor het casusoverleg van casus %(ref)s"
    ),
    NotificationKind.PARTICIPANT_ADDED: _("Uw organisatie neemt deel aan casus %(ref)s"),
    NotificationKind.PARTICIPANT_REMOVED: _(
        "Uw organisatie neemt niet meer deel aan casus %(ref)s"
    ),
    NotificationKind.ACTION_ASSIGNED: _("Nieuwe actie voor uw organisatie in casus %(ref)s"),
    NotificationKind.ACTION_CHANGED: _("Status van een actie gewijzigd in casus %(ref)s"),
    NotificationKind.HANDOVER_PROPOSED: _(
        "Overdracht van casus %(ref)s voorgesteld aan uw wijkteam"
    ),
    NotificationKind.HANDOVER_ACCEPTED: _("Overdracht van casus %(ref)s geaccepteerd"),
    NotificationKind.HANDOVER_REJECTED: _("Overdracht van casus %(ref)s teruggewezen"),
    NotificationKind.BREAK_GLASS: _("Casus %(ref)s is geopend via noodtoegang"),
}


class Delivery(models.TextChoices):
    """How a notification of one kind reaches a user's mailbox."""

    IMMEDIATE = "immediate", _("Direct per e-mail")
    DIGEST = "digest", _("In het dagelijkse overzicht per e-mail")
    NONE = "none", _("Geen e-mail, alleen in Schakel")


DEFAULT_DIGEST_HOUR = 8


class Notification(models.Model):
    """One hand-off for one person: in the bell, and mailed per the recipient's choice.

    The unique key (kind, object, event key, recipient) makes a repeated call, a
    redelivered task or a double submit leave one row.
    """

    kind = models.CharField(_("soort"), max_length=32, choices=NotificationKind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notifications")
    # What the hand-off is about (model name and pk), and which event on it: an action
    # changes status more than once, each change is its own notification.
    object_type = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    event_key = models.CharField(max_length=64, blank=True, default="")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # The recipient's choice for this kind when the hand-off happened.
    delivery = models.CharField(max_length=16, choices=Delivery.choices)
    # Set by the run that claims the row for e-mail (conditional UPDATE, as reminders).
    emailed_at = models.DateTimeField(null=True, blank=True)
    mail_batch = models.UUIDField(null=True, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "event_key", "recipient"],
                name="unique_notification_per_recipient",
            )
        ]
        indexes = [
            # The bell: `WHERE recipient_id = %s AND read_at IS NULL`.
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox_idx"),
            models.Index(
                fields=["delivery", "created_at"],
                condition=Q(emailed_at__isnull=True),
                name="notification_unmailed_idx",
            ),
            models.Index(fields=["mail_batch"], name="notification_mail_batch_idx"),
        ]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}:{self.object_id} → {self.recipient_id}"

    @property
    def text(self) -> str:
        """The notification as one sentence: kind and case reference only."""
        return str(NOTIFICATION_TEXTS[NotificationKind(self.kind)]) % {"ref": self.case.reference}

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A user's e-mail choice for one kind; without a row, e-mail at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("soort"), max_length=32, choices=NotificationKind.choices)
    delivery = models.CharField(_("e-mail"), max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_preference_per_kind")
        ]
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"


class DigestSchedule(models.Model):
    """The hour (Europe/Amsterdam) a user's daily overview is sent; without a row, 8:00."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_schedule"
    )
    hour = models.PositiveSmallIntegerField(_("uur"), default=DEFAULT_DIGEST_HOUR)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(hour__gte=0, hour__lte=23), name="digest_hour_in_day"
            )
        ]
        verbose_name = _("tijdstip dagelijks overzicht")
        verbose_name_plural = _("tijdstippen dagelijks overzicht")

    def __str__(self) -> str:
        return f"{self.user_id} {self.hour:02d}:00"
