from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .tokens import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor gebruikt u deze token? Bijvoorbeeld ‘koppeling zaaksysteem’."),
    )
    days = forms.IntegerField(
        label=_("Geldig (dagen)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=30,
        help_text=_("Hoogstens %(max)d dagen; daarna maakt u een nieuwe.") % {"max": MAX_DAYS},
    )
