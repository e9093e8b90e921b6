"""The sections of the case page (`/cases/<pk>/?sectie=…`): their names and URLs.

One place for the section names, low enough that every app can send the user back to
the section they worked in after a POST (a saved plan goes to `?sectie=plan`, a document
to `?sectie=documenten`) without importing the workplace that renders the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    label: str | Promise


OVERVIEW = Section("overzicht", _("Overzicht"))
HOUSEHOLD = Section("huishouden", _("Huishouden"))
NOTES = Section("notities", _("Notities"))
TRIAGE = Section("triage", _("Triage"))
PLAN = Section("plan", _("Plan & overleg"))
DOCUMENTS = Section("documenten", _("Documenten"))
TIMELINE = Section("tijdlijn", _("Tijdlijn"))
PARTICIPANTS = Section("deelnemers", _("Deelnemers"))

# In the order of the tab bar.
SECTIONS: tuple[Section, ...] = (
    OVERVIEW,
    HOUSEHOLD,
    NOTES,
    TRIAGE,
    PLAN,
    DOCUMENTS,
    TIMELINE,
    PARTICIPANTS,
)


def section_url(case_pk: int, section: Section | str = OVERVIEW) -> str:
    """The case page opened at `section` (a Section or its slug); the overview is the
    plain `/cases/<pk>/`, so existing links stay valid."""
    slug = section.slug if isinstance(section, Section) else section
    url = reverse("cases:detail", kwargs={"pk": case_pk})
    return url if slug == OVERVIEW.slug else f"{url}?sectie={slug}"
