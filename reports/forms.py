from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .periods import Period, current_quarter_key, period_choices, period_from_key


class PeriodForm(forms.Form):
    """Choose the reporting period: a month or a quarter (default: the current quarter)."""

    periode = forms.ChoiceField(
        label=_("Periode"),
        help_text=_("Kies een kwartaal of een maand."),
        error_messages={
            "required": _("Kies een periode."),
            "invalid_choice": _("Kies een kwartaal of maand uit de lijst."),
        },
    )

    def __init__(self, data=None, **kwargs) -> None:
        if data is not None and "periode" not in data:
            data = None
        super().__init__(data, initial={"periode": current_quarter_key()}, **kwargs)
        self.fields["periode"].choices = period_choices()

    def period(self) -> Period:
        """The chosen period; call after is_valid() (unbound: the current quarter)."""
        key = self.cleaned_data["periode"] if self.is_bound else current_quarter_key()
        return period_from_key(key)
