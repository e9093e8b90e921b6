from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from cases.categories import Category
from organisations.models import Organisation, Region


class SharingParty(models.TextChoices):
    """Rows of the convenant matrix: the owner, every organisation kind, the manager."""

    OWNER = "owner", _("Eigenaar (wijkteam)")
    ZVH = "zvh", _("Zorg- en Veiligheidshuis")
    POLITIE = "politie", _("Politie")
    GGZ = "ggz", _("GGZ")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    RECLASSERING = "reclassering", _("Reclassering")
    OM = "om", _("Openbaar Ministerie")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    GEMEENTE = "gemeente", _("Gemeente")
    OTHER = "other", _("Overig")
    MANAGER = "manager", _("Manager (eigen organisatie)")


class SharingRule(models.Model):
    """One cell of a region's convenant matrix: may this party see this category?"""

    # Each region signs its own convenant; a case is shared by its region's matrix.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sharing_rules")
    party = models.CharField(_("partij"), max_length=32, choices=SharingParty.choices)
    category = models.CharField(_("categorie"), max_length=16, choices=Category.choices)
    allowed = models.BooleanField(_("toegestaan"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "party", "category"], name="unique_sharing_cell_per_region"
            )
        ]
        verbose_name = _("deelregel")
        verbose_name_plural = _("deelregels")

    def __str__(self) -> str:
        return f"{self.party}/{self.category}: {self.allowed}"


class CaseParticipationQuerySet(models.QuerySet):
    def active(self) -> CaseParticipationQuerySet:
        """Participations that have not been ended (the organisation still takes part)."""
        return self.filter(removed_at__isnull=True)


class CaseParticipation(models.Model):
    """A partner organisation taking part in a case (invited or owning an action)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations"
    )
    reason = models.TextField(_("reden"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = CaseParticipationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=models.Q(removed_at__isnull=True),
                name="one_active_participation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.case_id}"


# Direct-foreign-key guardian tables (PITFALLS: far faster than the generic ones,
# real cascades). Grants go to organisation groups; the user table holds only the
# time-boxed break-the-glass grants.
class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="group_grants"
    )

    class Meta(GroupObjectPermissionBase.Meta):
        # No index of our own: the unique (group, permission, content_object) of
        # guardian's base answers every "may this group see this case" probe; a copy of
        # it only slowed every grant write (12.6 million rows at a million cases).
        pass


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="user_grants"
    )
    # Personal grants are break-the-glass grants and are time-boxed: the access layer
    # ignores a row once this moment has passed (checked at read time, so an expired
    # grant never works even if the clean-up task has not run yet).
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta(UserObjectPermissionBase.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.user_id}/{self.permission_id}/{self.content_object_id}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Inzien")
    PDF = "pdf", _("PDF")
    EXPORT = "export", _("Export")
    CHANGE = "change", _("Wijziging")


class AccessLogQuerySet(models.QuerySet):
    """Refuses bulk changes: the log is append-only on every database, not only where
    PostgreSQL's trigger guards it."""

    def update(self, **kwargs):
        raise PermissionError("AccessLog is append-only")

    def delete(self):
        raise PermissionError("AccessLog is append-only")

    def pseudonymise(self, *, context: str) -> int:
        """The one permitted change, for retention: drop IP address and context."""
        return models.QuerySet.update(self, ip_address=None, context=context, on_behalf_of="")


class AccessLog(models.Model):
    """One row per view of case data (NEN 7513). Append-only."""

    timestamp = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_logs"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=32, blank=True)
    # The identity as it was at the moment of access (NEN 7513): renaming a user or an
    # organisation later must not move or rewrite this history. Reports read these,
    # never the user or organisation row.
    username = models.CharField(max_length=150, blank=True)
    user_full_name = models.CharField(max_length=300, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, related_name="access_logs"
    )
    categories = models.JSONField(default=list)
    action = models.CharField(max_length=16, choices=AccessAction.choices)
    ip_address = models.GenericIPAddressField(null=True)
    context = models.CharField(max_length=200, blank=True)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    break_the_glass = models.BooleanField(default=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["case", "timestamp"]),
            models.Index(fields=["user", "timestamp"]),
            models.Index(fields=["username", "timestamp"]),
        ]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.action} {self.case_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("AccessLog is append-only")
        if not self.username:
            self.username = self.user.get_username()
            self.user_full_name = self.user.get_full_name()
        if self.organisation_id and not self.organisation_name:
            self.organisation_name = self.organisation.name
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("AccessLog is append-only")

    @property
    def user_label(self) -> str:
        """ "Full name (username)" as it was when the row was written."""
        if self.user_full_name:
            return f"{self.user_full_name} ({self.username})"
        return self.username


class SharingRuleChange(models.Model):
    """One change of one cell of the convenant matrix (who, when, old → new)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="sharing_rule_changes", null=True
    )
    party = models.CharField(_("partij"), max_length=32, choices=SharingParty.choices)
    category = models.CharField(_("categorie"), max_length=16, choices=Category.choices)
    old_allowed = models.BooleanField(_("oud"))
    new_allowed = models.BooleanField(_("nieuw"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.TextField(_("toelichting"), blank=True)
    # The decision the change rests on ("besluit stuurgroep 12-11-2026"). Required for
    # every change since it was introduced (privacy.matrix.sharing_rules_set); blank on
    # older rows only.
    decision_reference = models.CharField(_("besluit"), max_length=200, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging convenantmatrix")
        verbose_name_plural = _("wijzigingen convenantmatrix")

    def __str__(self) -> str:
        return f"{self.party}/{self.category}: {self.old_allowed} → {self.new_allowed}"


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Te beoordelen")
    REVIEWED = "reviewed", _("Beoordeeld, in orde")
    QUESTIONED = "questioned", _("Bevraagd")


class BreakGlassAccess(models.Model):
    """A time-boxed access to a case outside the user's grants, with a typed reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_accesses"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="break_glass_accesses"
    )
    reason = models.TextField(_("reden"))
    categories = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    review_status = models.CharField(
        _("beoordeling"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("toelichting beoordeling"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["review_status", "started_at"])]
        verbose_name = _("break-the-glass-toegang")
        verbose_name_plural = _("break-the-glass-toegang")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()


class RetentionRun(models.Model):
    """One run of the retention job (dry runs are not recorded: they change nothing)."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    reference_moment = models.DateTimeField(
        help_text="Cases closed before this moment minus RETENTION_YEARS were anonymised."
    )
    retention_years = models.PositiveSmallIntegerField()
    cases_anonymised = models.PositiveIntegerField(default=0)
    triggered_by = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("bewaartermijnrun")
        verbose_name_plural = _("bewaartermijnruns")

    def __str__(self) -> str:
        return f"retention {self.started_at:%Y-%m-%d %H:%M}: {self.cases_anonymised}"


class RetentionTombstone(models.Model):
    """What retention removed from one case, when and by which run."""

    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="tombstones")
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="retention_tombstone"
    )
    reference = models.CharField(max_length=20)
    closed_at = models.DateTimeField(null=True)
    anonymised_at = models.DateTimeField(default=timezone.now)
    # Counts per kind of data replaced, e.g. {"persons": 4, "notes": 8, ...}.
    removed = models.JSONField(default=dict)

    class Meta:
        ordering = ["-anonymised_at", "-id"]
        verbose_name = _("bewaartermijn-grafsteen")
        verbose_name_plural = _("bewaartermijn-grafstenen")

    def __str__(self) -> str:
        return f"{self.reference} anonymised {self.anonymised_at:%Y-%m-%d}"


class SubjectAccessStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")


class SubjectAccessRequest(models.Model):
    """One inzageverzoek (AVG art. 15) as received, from intake to completion.

    Every inzage search and export is made for an open request, so the access log can
    say for whom and why the privacy officer read across cases.
    """

    # The privacy officer who registered and handles the request (the data subject
    # asked; `requester` describes them).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requester = models.CharField(_("betrokkene"), max_length=200)
    received_on = models.DateField(_("ontvangen op"))
    # AVG art. 12(3): answer within one month of receipt (extension is a separate,
    # reasoned decision, not recorded here).
    deadline = models.DateField(_("uiterste antwoorddatum"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubjectAccessStatus.choices,
        default=SubjectAccessStatus.OPEN,
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        constraints = [
            # A completed request carries its moment of completion, an open one none.
            models.CheckConstraint(
                condition=(
                    models.Q(status=SubjectAccessStatus.OPEN, completed_at__isnull=True)
                    | models.Q(status=SubjectAccessStatus.AFGEROND, completed_at__isnull=False)
                ),
                name="subject_access_completed_at_matches_status",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("received_on")),
                name="subject_access_deadline_after_receipt",
            ),
        ]
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")

    def __str__(self) -> str:
        return f"inzageverzoek {self.pk} ({self.received_on:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status == SubjectAccessStatus.OPEN
