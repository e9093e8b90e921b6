"""Check your answers before saving (GOV.UK / NL Design System pattern), for every
beheer form of regions, municipalities and organisations.

One URL, three steps, no state on the server:
1. GET: the form; a "Wijzigen" link comes back here with the answers in the query
   string, so the form shows them again with the focus on the field to change;
2. POST: invalid answers show the form with its error summary; valid ones show the
   summary list (old → new for a change) with the answers in hidden fields;
3. POST with `opslaan`: the answers are validated again (the data may have changed
   meanwhile) and only then saved, with one trail row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from organisations.audit import snapshot

from .forms_organisations import BeheerForm

CONFIRM = "opslaan"


@dataclass(frozen=True)
class AnswerRow:
    label: str
    old: str
    new: str
    anchor: str
    changed: bool


@dataclass(frozen=True)
class Saved:
    """What a save callback returns: where to go next and what to tell the user."""

    url: str
    message: str


def answer_rows(form: BeheerForm, *, fields: tuple[str, ...]) -> list[AnswerRow]:
    """One row per field, in the trail's own words (organisations.audit.snapshot), so
    the page shows exactly the values the trail row will hold."""
    new = snapshot(form.preview(), fields)
    old = snapshot(form.instance, fields) if form.instance is not None else {}
    labels = [str(form.preview()._meta.get_field(name).verbose_name) for name in fields]
    rows = []
    for name, label in zip(fields, labels, strict=True):
        rows.append(
            AnswerRow(
                label=label,
                old=old.get(label, ""),
                new=new[label],
                anchor=form[name].id_for_label if name in form.fields else "",
                changed=form.instance is None or old.get(label) != new[label],
            )
        )
    return rows


def _back_link(request: HttpRequest, form: BeheerForm) -> str:
    values = {name: form.data.get(name, "") for name in form.fields}
    return f"{request.path}?{urlencode(values)}"


def confirm_flow(
    request: HttpRequest,
    *,
    form_class: type[BeheerForm],
    instance=None,
    fields: tuple[str, ...],
    save: Callable[[dict], Saved],
    page: dict,
) -> HttpResponse:
    """Runs the three steps. `save(cleaned_data)` calls the service; a ValidationError
    it raises is shown on the form. `page` holds the texts: title, intro, cancel_url."""
    if request.method != "POST":
        prefill = {
            name: request.GET[name] for name in form_class.base_fields if name in request.GET
        }
        form = form_class(instance=instance, initial=prefill)
        return render(request, "beheer/organisations/form.html", {"form": form, **page})
    form = form_class(request.POST, instance=instance)
    if form.is_valid():
        if CONFIRM not in request.POST:
            rows = answer_rows(form, fields=fields)
            context = {
                "form": form,
                "rows": rows,
                "back": _back_link(request, form),
                "nothing_changed": not any(row.changed for row in rows),
                **page,
            }
            return render(request, "beheer/organisations/confirm.html", context)
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved.message)
            return redirect(saved.url)
    return render(request, "beheer/organisations/form.html", {"form": form, **page})
