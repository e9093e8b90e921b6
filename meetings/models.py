"""The casusoverleg as a meeting: a time and place, a chair, an agenda of cases with the
partners invited per case, and per case a verslag with decisions (category `overleg`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class MeetingKind(models.TextChoices):
    TRIAGE = "triage", _("Wekelijks triage-overleg ZVH")
    CASUS = "casus", _("Casusoverleg")


class Meeting(models.Model):
    """One overleg organised by a ZVH. `uid` and `sequence` are the iCalendar identity:
    every invitation, update and cancellation carries the same UID and a higher SEQUENCE,
    so calendars replace the event instead of adding a second one (RFC 5545)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("soort overleg"), max_length=16, choices=MeetingKind.choices)
    # The organising ZVH: its regisseurs see the whole agenda (one ZVH per region).
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    online_link = models.URLField(_("online deelnemen (link)"), blank=True)
    chair = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorzitter")
    )
    planned_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            # A calendar event that ends before it starts is refused by mail clients.
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["organisation", "starts_at"])]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class AgendaItem(models.Model):
    """One case on the agenda, the partners invited for it, and its verslag.

    The verslag is written by the chair and becomes read-only once `adopted_at` is set
    ("vastgesteld"); it is category `overleg` of the case.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    invited = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigde partners"),
    )
    attendance = models.TextField(_("aanwezigen"), blank=True)
    minutes = models.TextField(_("verslag"), blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="one_item_per_case")
        ]
        indexes = [models.Index(fields=["case", "meeting"])]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.case_id}"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class Decision(models.Model):
    """A besluit on one agenda item; `action` is the plan action it created, if any."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"))
    action = models.ForeignKey(
        "escalation.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return self.text[:40]
