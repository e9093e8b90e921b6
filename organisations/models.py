"""Organisations of the chain and the people who work for them (DESIGN.md, roles).

The lowest layer with models: cases, the access layer and every feature app refer to
these; nothing here knows about cases.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.append_only import AppendOnlyModel


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


class Region(models.Model):
    """A ZVH region: several municipalities, one convenant matrix, one retention term."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    # Starts at settings.RETENTION_YEARS (organisations.regions.region_create).
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("regio")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    # A wijkteam works in one municipality; a ZVH (or a regional partner) serves a region
    # directly. `region` is always filled (from the municipality when there is one), so
    # "the ZVHs of this region" and "this case's region" are one indexed column each.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("gemeente"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("regio"),
    )
    # One auth group per organisation: guardian grants go to groups, never to
    # individual users, so grant rows grow with cases, not with users × cases.
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisation")
    # A deactivated organisation takes no new members or case participations; its
    # history (memberships, participations, trail) stays (beheer.organisation_changes).
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        # The tables keep their first name: the models moved from `privacy` without
        # touching the data (organisations/migrations/0001_initial.py).
        db_table = "privacy_organisation"
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        """Memberships not ended: the only ones that give a role in the chain."""
        return self.filter(active=True)


class Membership(models.Model):
    """A user's place in the chain: one organisation, one role.

    A person may hold several (a regisseur who is also privacy officer, a worker of two
    teams); they act in one at a time, the active membership chosen at login or in the
    header (organisations.roles.actor_of). An ended membership stays for the history.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        # `membership__…` lookups keep reading as they did when there was one.
        related_query_name="membership",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    active = models.BooleanField(_("actief"), default=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        db_table = "privacy_membership"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership"
            ),
            # An ended membership says when it ended; an active one has no end.
            models.CheckConstraint(
                condition=models.Q(active=True, ended_at__isnull=True)
                | models.Q(active=False, ended_at__isnull=False),
                name="membership_ended_when_inactive",
            ),
        ]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class ChangeSubject(models.TextChoices):
    REGION = "region", _("Regio")
    MUNICIPALITY = "municipality", _("Gemeente")
    ORGANISATION = "organisation", _("Organisatie")
    USER = "user", _("Gebruiker")
    MEMBERSHIP = "membership", _("Lidmaatschap")


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Aangemaakt")
    CHANGED = "changed", _("Gewijzigd")
    DEACTIVATED = "deactivated", _("Gedeactiveerd")
    REACTIVATED = "reactivated", _("Opnieuw geactiveerd")
    INVITED = "invited", _("Uitgenodigd")
    IMPORTED = "imported", _("Geïmporteerd")
    ENDED = "ended", _("Beëindigd")


class BeheerChange(AppendOnlyModel):
    """One change made in functioneel beheer: who, when, what, old → new. Append-only.

    The privacy officer reads the trail. Names are copied into the row, so a line still
    reads the same after the subject is renamed; `changes` maps a field's Dutch label
    to its [old, new] display values (organisations.audit.change_record).
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    subject_kind = models.CharField(max_length=20, choices=ChangeSubject.choices)
    subject_id = models.PositiveBigIntegerField()
    subject_label = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=ChangeAction.choices)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_kind", "subject_id"])]
        verbose_name = _("beheerwijziging")
        verbose_name_plural = _("beheerwijzigingen")

    def __str__(self) -> str:
        return f"{self.created_at:%d-%m-%Y %H:%M} {self.action} {self.subject_label}"
