"""Inzage: the rows of other apps' models about a case, field by field (generic)."""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from cases.models import Case


def _dt(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if hasattr(value, "isoformat"):
        return _dt(value) if hasattr(value, "hour") else value.isoformat()
    if hasattr(value, "get_full_name"):
        return _user_label(value)
    return str(value)


def other_app_rows(case: Case, *, skip_apps: set[str]) -> dict[str, list[dict]]:
    """Every row of other apps' models that point at this case, field by field."""
    result: dict[str, list[dict]] = {}
    for model in apps.get_models():
        label = model._meta.app_label
        if label in ("cases", "privacy") or label in skip_apps:
            continue
        case_fields = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Case
        ]
        if not case_fields:
            continue
        rows = []
        for obj in model._default_manager.filter(**{case_fields[0]: case}).order_by("pk"):
            row = {}
            for f in model._meta.concrete_fields:
                if f.name in case_fields or f.primary_key:
                    continue
                value = getattr(obj, f.name)
                if f.choices and value not in (None, ""):
                    value = getattr(obj, f"get_{f.name}_display")()
                row[str(f.verbose_name)] = _plain(value)
            rows.append(row)
        if rows:
            result[str(model._meta.verbose_name_plural)] = rows
    return result
