from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .periods import (
    Period,
    current_quarter_key,
    key_from_parts,
    part_choices,
    parts_from_key,
    period_from_key,
    year_choices,
)
from .scope import ReportAudience, ReportScope

FIELDS = ("periode", "jaar", "deel", "bereik")


class ReportForm(forms.Form):
    """Choose the period (a year and a part of it) and, where offered, the scope.

    Links and bookmarks may name the period by its key (`?periode=2026-K4`, as the PDF
    link does); that is read as the same year and part. Unbound: the current quarter and
    the reader's default scope.
    """

    jaar = forms.ChoiceField(
        label=_("Jaar"),
        error_messages={
            "required": _("Kies een jaar."),
            "invalid_choice": _("Kies een jaar uit de lijst."),
        },
    )
    deel = forms.ChoiceField(
        label=_("Periode"),
        help_text=_("Het hele jaar, een kwartaal of een maand."),
        error_messages={
            "required": _("Kies een periode."),
            "invalid_choice": _("Kies een kwartaal of maand uit de lijst."),
        },
    )
    bereik = forms.ChoiceField(
        label=_("Bereik"),
        help_text=_("Eén team, de hele regio of één gemeente."),
        error_messages={
            "required": _("Kies een bereik."),
            "invalid_choice": _("Kies een bereik uit de lijst."),
        },
    )

    def __init__(self, data=None, *, audience: ReportAudience, **kwargs) -> None:
        if data is not None and not any(name in data for name in FIELDS):
            data = None
        default_year, default_part = parts_from_key(current_quarter_key())
        if data is not None and "jaar" not in data:
            data = data.copy()
            year, part = default_year, default_part
            if "periode" in data:
                key = data["periode"]
                # An unknown key lands in `deel`, where it gets the list's Dutch message.
                year, part = parts_from_key(key) or (default_year, key)
            # Only a scope chosen (or a period key from a link): the rest is the default.
            data["jaar"], data["deel"] = year, data.get("deel", part)
        if data is not None and "bereik" not in data and audience.options:
            data = data.copy()
            data["bereik"] = audience.options[0].key
        self.audience = audience
        initial = {"jaar": default_year, "deel": default_part}
        if audience.options:
            initial["bereik"] = audience.options[0].key
        super().__init__(data, initial=initial, **kwargs)
        self.fields["jaar"].choices = year_choices()
        self.fields["deel"].choices = part_choices()
        choices = [(s.key, s.label) for s in audience.options]
        self.fields["bereik"].choices = choices
        if len(choices) < 2:
            # Nothing to choose: a gemeente sees its own municipality only.
            self.fields["bereik"].widget = forms.HiddenInput()
        if not choices:
            # A gemeente not linked to a municipality yet: the page says so.
            self.fields["bereik"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        period = period_from_key(key_from_parts(cleaned["jaar"], cleaned["deel"]))
        if not period.has_started():
            self.add_error("deel", _("Deze periode is nog niet begonnen; kies een eerdere."))
        cleaned["period"] = period
        return cleaned

    def period(self) -> Period:
        """The chosen period; call after is_valid() (unbound: the current quarter)."""
        if self.is_bound:
            return self.cleaned_data["period"]
        return period_from_key(current_quarter_key())

    def scope(self) -> ReportScope | None:
        """The chosen scope; call after is_valid() (unbound: the default)."""
        key = self.cleaned_data.get("bereik") if self.is_bound else None
        return self.audience.scope(key)

    @property
    def shows_scope_choice(self) -> bool:
        return len(self.audience.options) > 1
