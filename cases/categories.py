"""Information categories of everything stored about a case (DESIGN.md, Privacy)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BASIS = "basis", _("Basisgegevens")
    SIGNALEN = "signalen", _("Signalen")
    ZORG = "zorg", _("Zorg en ondersteuning")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    JUSTITIE = "justitie", _("Justitie")
    TRIAGE = "triage", _("Triage")
    PLAN = "plan", _("Plan van aanpak")
    OVERLEG = "overleg", _("Casusoverleg")


ALL_CATEGORIES: frozenset[str] = frozenset(Category.values)


def view_codename(category: str) -> str:
    return f"view_case_{category}"


CATEGORY_BY_CODENAME: dict[str, str] = {view_codename(c): c for c in Category.values}

# Notes can be written in these categories; triage, plan and overleg content is
# written through their own forms.
NOTE_CATEGORIES = [
    (c.value, c.label)
    for c in (
        Category.BASIS,
        Category.SIGNALEN,
        Category.ZORG,
        Category.GEZONDHEID,
        Category.JUSTITIE,
        Category.TRIAGE,
        Category.PLAN,
        Category.OVERLEG,
    )
]
