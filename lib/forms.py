"""Form widgets shared by every app."""

from __future__ import annotations

from django import forms


class DutchDateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        base = {"placeholder": "dd-mm-jjjj", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d-%m-%Y")
