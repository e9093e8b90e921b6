"""The beheer trail: every change functioneel beheer makes, who, when, old → new."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from .models import BeheerChange, ChangeAction, ChangeSubject


def _display(instance: models.Model, field_name: str) -> str:
    field = instance._meta.get_field(field_name)
    if field.choices:
        return str(getattr(instance, f"get_{field_name}_display")())
    value = getattr(instance, field_name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str]:
    """The display values of `fields`, keyed by their (Dutch) verbose names."""
    return {
        str(instance._meta.get_field(name).verbose_name): _display(instance, name)
        for name in fields
    }


def diff(old: dict[str, str], new: dict[str, str]) -> dict[str, list[str]]:
    """{label: [old, new]} for each value that changed; a new key counts as from "—"."""
    return {
        label: [old.get(label, "—"), value]
        for label, value in new.items()
        if old.get(label, "—") != value
    }


def change_record(
    *,
    actor,
    subject_kind: ChangeSubject,
    subject_id: int,
    subject_label: str,
    action: ChangeAction,
    changes: dict[str, list[str]] | None = None,
) -> BeheerChange:
    """Append one row to the beheer trail. Call it inside the transaction of the change,
    so a change and its trail row are saved together or not at all."""
    return BeheerChange.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        subject_kind=subject_kind,
        subject_id=subject_id,
        subject_label=subject_label[:200],
        action=action,
        changes=changes or {},
    )
