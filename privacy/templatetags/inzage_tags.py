"""Filters for the citizen's inzage PDF: every value of the export in plain Dutch.

The export itself (JSON) keeps ISO dates and raw values for machines; the PDF shows
dd-mm-jjjj, Ja/Nee, lists as text and internal slugs ("wapens_of_bedreiging") as words.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_SLUG = re.compile(r"^[a-z]+(_[a-z]+)+$")


def _text(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        if _ISO_DATETIME.match(value):
            try:
                return datetime.fromisoformat(value).strftime("%d-%m-%Y %H:%M")
            except ValueError:
                return value
        if _SLUG.match(value):
            return value.replace("_", " ")
        return value
    if isinstance(value, dict):
        return "; ".join(f"{label(k)}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


@register.filter
def nl_value(value) -> str:
    """Any export value as Dutch text: dates dd-mm-jjjj, Ja/Nee, lists joined."""
    return _text(value)


@register.filter
def label(key) -> str:
    """An export key as a label: 'niveau_omschrijving' → 'Niveau omschrijving'."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]
