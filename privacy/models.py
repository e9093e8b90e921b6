from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .categories import Category


class OrganisationKind(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Sociaal wijkteam")
    ZVH = "zvh", _("Zorg- en Veiligheidshuis")
    POLITIE = "politie", _("Politie")
    GGZ = "ggz", _("GGZ")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    RECLASSERING = "reclassering", _("Reclassering")
    OM = "om", _("Openbaar Ministerie")
    GEMEENTE = "gemeente", _("Gemeente")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    OTHER = "other", _("Overig")


class Role(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker")
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    MANAGER = "manager", _("Manager")
    PRIVACY_OFFICER = "privacy_officer", _("Privacyfunctionaris")
    FUNCTIONEEL_BEHEER = "functioneel_beheer", _("Functioneel beheer")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    # One auth group per organisation: guardian grants go to groups, never to
    # individual users, so grant rows grow with cases, not with users × cases.
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisation")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in the chain: one organisation, one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


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
    """One cell of the convenant matrix: may this party see this category?"""

    party = models.CharField(_("partij"), max_length=32, choices=SharingParty.choices)
    category = models.CharField(_("categorie"), max_length=16, choices=Category.choices)
    allowed = models.BooleanField(_("toegestaan"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "category"], name="unique_sharing_cell")
        ]
        verbose_name = _("deelregel")
        verbose_name_plural = _("deelregels")

    def __str__(self) -> str:
        return f"{self.party}/{self.category}: {self.allowed}"


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
        indexes = [models.Index(fields=["group", "permission", "content_object"])]


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="user_grants"
    )

    class Meta(UserObjectPermissionBase.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.user_id}/{self.permission_id}/{self.content_object_id}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Inzien")
    PDF = "pdf", _("PDF")
    EXPORT = "export", _("Export")
    CHANGE = "change", _("Wijziging")


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
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, related_name="access_logs"
    )
    categories = models.JSONField(default=list)
    action = models.CharField(max_length=16, choices=AccessAction.choices)
    ip_address = models.GenericIPAddressField(null=True)
    context = models.CharField(max_length=200, blank=True)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    break_the_glass = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["case", "timestamp"]),
            models.Index(fields=["user", "timestamp"]),
        ]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.case_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("AccessLog is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("AccessLog is append-only")
