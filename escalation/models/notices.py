"""Bestuurlijke informatie: tasks for the procesregisseur to inform the bestuur."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class InformedWhom(models.TextChoices):
    WETHOUDER = "wethouder", _("Wethouder")
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    BEIDEN = "beiden", _("Wethouder en burgemeester")


# The grounds a notice is made on, as stored in `AdministrativeNotice.criteria`, and their
# Dutch labels: the one place that names them (pages, the inzage export).
CRITERIA_LABELS = {
    "acuut": _("Triageniveau 3 (acuut)"),
    "wapens_of_bedreiging": _("Wapens of bedreiging"),
    "overlast_en_politie": _("Overlast met politiecontacten"),
    "regisseur": _("Aangemerkt door de procesregisseur"),
    "regiehouder": _("Aangemerkt door de regiehouder van het wijkteam"),
}


class AdministrativeNoticeQuerySet(models.QuerySet):
    def open(self) -> AdministrativeNoticeQuerySet:
        """Notices the procesregisseur has not recorded yet (at most one per case)."""
        return self.filter(done=False)


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

    objects = AdministrativeNoticeQuerySet.as_manager()

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

    def get_criteria_display(self) -> list[str]:
        """The criteria in Dutch, like Django's get_FOO_display for a field with choices
        (privacy.inzage_rows uses it for the inzage export)."""
        return [str(CRITERIA_LABELS.get(code, code)) for code in self.criteria or []]
