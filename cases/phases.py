"""Case phases of the op- en afschaling lifecycle (DESIGN.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Wijkteam")
    AANGEMELD = "aangemeld", _("Aangemeld bij ZVH")
    ZVH = "zvh", _("In het ZVH")
    AFSCHALING = "afschaling", _("Afschaling")
    NAZORG = "nazorg", _("Nazorg")
    GESLOTEN = "gesloten", _("Gesloten")


OPEN_PHASES = frozenset(p for p in Phase.values if p != Phase.GESLOTEN)
