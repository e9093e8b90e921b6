"""A document (file) attached to a case, in one information category."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.categories import Category
from cases.models import Case


class Document(models.Model):
    """The file itself lives in the documents storage under `storage_name`, a random name
    chosen by Schakel; the uploader's file name is kept (sanitised) only for the
    download's Content-Disposition."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    # Who may see it follows the convenant, exactly as for notes in this category.
    category = models.CharField(_("categorie"), max_length=16, choices=Category.choices)
    title = models.CharField(_("titel"), max_length=200)
    document_date = models.DateField(_("datum"))
    storage_name = models.CharField(max_length=200, unique=True, editable=False)
    original_filename = models.CharField(_("bestandsnaam"), max_length=200)
    # Detected from the content, never taken from the browser.
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    # Set by retention once the file is gone from the storage; the row stays as a count.
    file_deleted_at = models.DateTimeField(_("bestand verwijderd op"), null=True, blank=True)

    class Meta:
        ordering = ["-document_date", "-id"]
        indexes = [models.Index(fields=["case", "category"])]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"
