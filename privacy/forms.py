from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DutchDateInput

from .models import AccessAction, Organisation


class AccessLogFilterForm(forms.Form):
    case = forms.CharField(label=_("Casus (kenmerk)"), required=False, max_length=20)
    user = forms.CharField(label=_("Gebruiker"), required=False, max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Alle organisaties"),
    )
    action = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle acties")), *AccessAction.choices]
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DutchDateInput())
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DutchDateInput())
    break_the_glass = forms.BooleanField(label=_("Alleen break-the-glass"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data
