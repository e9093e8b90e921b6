from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.categories import Category

from .phases import Phase


class LegalBasis(models.TextChoices):
    """Grondslag for processing (AVG art. 6 and the sector laws behind it)."""

    WMO = "wmo", _("Wmo 2015 (maatschappelijke ondersteuning)")
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    CONVENANT_ZVH = (
        "convenant_zvh",
        _("Convenant Zorg- en Veiligheidshuis (taak van algemeen belang)"),
    )
    TOESTEMMING = "toestemming", _("Toestemming van betrokkene")
    VITAAL_BELANG = "vitaal_belang", _("Vitaal belang")


def validate_bsn(value: str) -> None:
    """Raise ValidationError unless `value` is nine digits passing the elfproef.

    The elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not 0).
    """
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(_("Een BSN bestaat uit negen cijfers."), code="bsn_format")
    digits = [int(d) for d in value]
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    if total == 0 or total % 11:
        raise ValidationError(_("Dit is geen geldig BSN (elfproef)."), code="bsn_elfproef")


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        """Cases not yet closed: every phase but `gesloten`."""
        return self.exclude(phase=Phase.GESLOTEN)


class Case(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    title = models.CharField(_("korte omschrijving"), max_length=200)
    phase = models.CharField(
        _("fase"), max_length=16, choices=Phase.choices, default=Phase.WIJKTEAM
    )
    owning_team = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("wijkteam"),
    )
    # The region of the owning team's municipality (organisations.Region): which ZVH,
    # convenant matrix and retention term apply. Set from the owning team on first save.
    region = models.ForeignKey(
        "organisations.Region",
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        verbose_name=_("regio"),
    )
    # The wijkteam that is to take the case back during afschaling.
    receiving_team = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="receiving_cases",
        null=True,
        blank=True,
    )
    regiehouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases_as_regiehouder",
        verbose_name=_("regiehouder"),
    )
    procesregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases_as_procesregisseur",
        null=True,
        blank=True,
        verbose_name=_("procesregisseur"),
    )
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("laatste activiteit"), default=timezone.now)
    phase_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Until this moment the ZVH may read basis, signalen and triage for advice
    # (meekijken) without an escalation: set by the consultation service.
    advice_access_until = models.DateTimeField(null=True, blank=True)
    legal_basis = models.CharField(
        _("grondslag"), max_length=32, choices=LegalBasis.choices, default=LegalBasis.WMO
    )
    client_informed = models.BooleanField(_("cliënt geïnformeerd"), default=False)
    client_informed_on = models.DateField(_("geïnformeerd op"), null=True, blank=True)
    client_not_informed_reason = models.TextField(_("reden niet geïnformeerd"), blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_case_number_per_year")
        ]
        indexes = [
            models.Index(fields=["-last_activity_at", "id"]),
            models.Index(fields=["phase"]),
            # A team's cases of one phase, longest in it first (the manager's start page
            # lists never-triaged wijkteam cases in this order and stops after a page).
            # With the id, the manager's capped counts per phase read only the index:
            # 2 000 cases' access checks at a million cases took 23 ms, now 12.
            models.Index(
                fields=["owning_team", "phase", "phase_changed_at", "id"],
                name="case_team_phase_since_id_idx",
            ),
            # The case list filtered by phase or team, newest activity first: read in
            # index order, so the first page needs no sort of the whole phase or team.
            models.Index(fields=["phase", "-last_activity_at"], name="case_phase_activity_idx"),
            models.Index(
                fields=["owning_team", "-last_activity_at"], name="case_team_activity_idx"
            ),
            models.Index(fields=["region", "phase"], name="case_region_phase_idx"),
            # "Mijn casussen" on the start page: a worker's cases, newest activity first,
            # read in order whatever the worker holds.
            models.Index(
                fields=["regiehouder", "-last_activity_at"], name="case_regiehouder_activity_idx"
            ),
            # A worker's cases in one phase (their nazorg cases on the start page): without
            # it PostgreSQL intersects the worker's cases with the whole phase (70 000
            # cases at a million) and then hashes every pending aftercare check.
            models.Index(fields=["regiehouder", "phase"], name="case_regiehouder_phase_idx"),
        ]
        ordering = ["-last_activity_at", "-id"]
        permissions = [
            (f"view_case_{value}", f"Casus: {label}") for value, label in Category.choices
        ]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        # Every way a case is made (registration, intake, demo, benchmarks, factories)
        # gets its region here, so none of them can forget it.
        if self.region_id is None and self.owning_team_id is not None:
            self.region_id = self.owning_team.region_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.GESLOTEN


class Relation(models.TextChoices):
    CLIENT = "client", _("Cliënt (hoofdpersoon)")
    PARTNER = "partner", _("Partner")
    OUDER = "ouder", _("Ouder")
    KIND = "kind", _("Kind")
    HUISGENOOT = "huisgenoot", _("Huisgenoot")
    OVERIG = "overig", _("Overig")


class Person(models.Model):
    """A member of the household a case covers. Category `basis`."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    relation = models.CharField(
        _("relatie"), max_length=16, choices=Relation.choices, default=Relation.CLIENT
    )
    # Optional, and used for one thing only: finding the household in another open case
    # at screening ("bekend bij"). Never shown in lists or on the case page.
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, default="", validators=[validate_bsn]
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["bsn"], condition=~models.Q(bsn=""), name="person_bsn_idx"),
        ]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    category = models.CharField(_("categorie"), max_length=16, choices=Category.choices)
    text = models.TextField(_("tekst"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "category"])]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.category}"


class CaseEvent(models.Model):
    """Timeline entry. Append-only: the history of a case is never rewritten."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    # Which information category the entry reveals; hidden from viewers without it.
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.BASIS)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    actor_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", null=True
    )
    from_phase = models.CharField(max_length=16, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=16, choices=Phase.choices, blank=True)
    description = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "created_at"])]
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijn")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("CaseEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("CaseEvent is append-only")
