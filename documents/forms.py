from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.categories import NOTE_CATEGORIES
from lib.forms import DutchDateInput


class DocumentForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Categorie"),
        choices=NOTE_CATEGORIES,
        help_text=_("Het convenant bepaalt wie documenten in deze categorie mag zien."),
        error_messages={
            "invalid_choice": _("In deze categorie kunt u geen documenten toevoegen."),
        },
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    document_date = forms.DateField(
        label=_("Datum"), widget=DutchDateInput(), help_text=_("dd-mm-jjjj")
    )
    # Not required at field level: clean_file says why a file is missing (none chosen,
    # or skipped by the size limit while it streamed in).
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, PNG, JPEG of kantoordocument (docx, xlsx, pptx, odt, ods)."),
        error_messages={"empty": _("Het bestand is leeg."), "required": _("Kies een bestand.")},
    )

    def __init__(
        self, *args, allowed_categories=None, too_large: ValidationError | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large is not None:
            # The upload handler dropped the oversized file: say that, not "choose a file".
            self.fields["file"].required = False
        if allowed_categories is not None:
            self.fields["category"].choices = [
                (value, label) for value, label in NOTE_CATEGORIES if value in allowed_categories
            ]

    def clean_file(self):
        if self.too_large is not None:
            raise self.too_large
        return self.cleaned_data.get("file")
