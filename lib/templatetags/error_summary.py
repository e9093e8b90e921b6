"""`{% error_summary form … %}`: the one error summary of every form page.

NL Design System / GOV.UK pattern: a box at the top that says what went wrong, with a
link to each field in error. Takes forms, formsets or lists of them (`forms_with_errors`),
an optional `title`, an optional plain `message` for a refusal that belongs to no field,
`level` for the heading (2 by default), `autofocus` to move focus to it, and
`formset_item` to name the forms of a formset ("Persoon 2 — Voornaam: …").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    text: str
    label: str = ""
    anchor: str = ""


def _forms(values: Iterable) -> Iterable:
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, forms.BaseForm | forms.BaseFormSet):
            yield value
        elif isinstance(value, list | tuple):
            yield from _forms(value)


def _anchor(field) -> str:
    """The element a link should land on. A group of radios or checkboxes has no element
    of its own (Django gives it no id), so the link goes to its first option."""
    if field.id_for_label:
        return field.id_for_label
    if field.auto_id and getattr(field.field.widget, "input_type", "") in ("radio", "checkbox"):
        return f"{field.auto_id}_0"
    return field.auto_id or ""


def _items(form, prefix: str = "", formset_item: str = "") -> list[ErrorItem]:
    if isinstance(form, forms.BaseFormSet):
        items = [ErrorItem(str(e)) for e in form.non_form_errors()]
        for number, sub in enumerate(form.forms, start=1):
            label = f"{formset_item} {number} — " if formset_item else ""
            items += _items(sub, prefix=label)
        return items
    items = [ErrorItem(str(e)) for e in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            label = f"{prefix}{field.label or ''}"
            items.append(ErrorItem(str(error), label=label, anchor=_anchor(field)))
    return items


@register.inclusion_tag("_error_summary.html")
def error_summary(
    *values,
    title: str = "",
    message: str = "",
    level: int = 2,
    autofocus: bool = False,
    formset_item: str = "",
):
    items = [item for form in _forms(values) for item in _items(form, formset_item=formset_item)]
    return {
        "items": items,
        "message": message,
        "title": title or _("Er is een probleem"),
        "level": level,
        "autofocus": autofocus,
        "show": bool(items or message),
    }
