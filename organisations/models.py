"""Organisations of the chain and the people who work for them (DESIGN.md, roles).

The lowest layer with models: cases, the access layer and every feature app refer to
these; nothing here knows about cases.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        # The tables keep their first name: the models moved from `privacy` without
        # touching the data (organisations/migrations/0001_initial.py).
        db_table = "privacy_organisation"
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
        db_table = "privacy_membership"
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"
