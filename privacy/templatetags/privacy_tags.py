from __future__ import annotations

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter
def iso_nl(value: str | None, with_time: bool = True) -> str:
    """An ISO date or datetime string (as in the inzage export) as dd-mm-jjjj [uu:mm]."""
    if not value:
        return "—"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) == 10:
        return date(parsed.year, parsed.month, parsed.day).strftime("%d-%m-%Y")
    return parsed.strftime("%d-%m-%Y %H:%M") if with_time else parsed.strftime("%d-%m-%Y")
