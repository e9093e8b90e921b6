"""What a retention run replaces, as a Dutch sentence ("1 persoon, 2 notities en 5
gebeurtenissen op de tijdlijn") instead of the stored counts ("persons: 1, notes: 2").

The counts are keyed as privacy.retention writes them: its own keys, "<app>.<model>"
for other apps' free text (the model's own Dutch verbose name) and "<app>.<key>" for a
registered step.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

# Singular and plural of each key privacy.retention or a registered step writes.
_NOUNS = {
    "persons": ngettext_lazy("%(n)d persoon", "%(n)d personen", "n"),
    "notes": ngettext_lazy("%(n)d notitie", "%(n)d notities", "n"),
    "events": ngettext_lazy(
        "%(n)d gebeurtenis op de tijdlijn", "%(n)d gebeurtenissen op de tijdlijn", "n"
    ),
    "access_log": ngettext_lazy(
        "%(n)d toegangslogregel (gepseudonimiseerd)",
        "%(n)d toegangslogregels (gepseudonimiseerd)",
        "n",
    ),
    "participations": ngettext_lazy("%(n)d deelname", "%(n)d deelnames", "n"),
    "break_glass": ngettext_lazy("%(n)d noodtoegang", "%(n)d noodtoegangen", "n"),
    "documents.files": ngettext_lazy("%(n)d bestand", "%(n)d bestanden", "n"),
    "documents.files_deleted": ngettext_lazy(
        "%(n)d verwijderd bestand", "%(n)d verwijderde bestanden", "n"
    ),
}


def _part(key: str, n: int) -> str:
    noun = _NOUNS.get(key)
    if noun is not None:
        return noun % {"n": n}
    app_label, _dot, name = key.partition(".")
    try:
        meta = apps.get_model(app_label, name)._meta
    except (LookupError, ValueError):
        return f"{n} × {key.replace('_', ' ').replace('.', ': ')}"
    return f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"


def describe_counts(counts: dict[str, int]) -> str:
    """The non-zero counts as one Dutch enumeration; "niets" when all are zero."""
    parts = [_part(key, n) for key, n in counts.items() if n]
    if not parts:
        return _("niets")
    return str(get_text_list(parts, _("en")))
