"""Access-log contexts in plain Dutch: the one place that turns a stored context
(`workflow:handover_accept`, `casusoverzicht-pdf`, `toegangslog bekeken: user=x`) into
a sentence the privacy officer reads on the access-log pages.

The stored context stays as written (the log is append-only and the CSV export keeps it
machine-readable); only its display is translated.

The workflow steps are declared in `escalation.steps`, a layer above privacy, so privacy
cannot read them. Escalation registers its step titles here from its AppConfig.ready
(`register_steps`): the names live in one table and this module holds no copy of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qsl

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Filled by escalation.apps at start-up: step or URL name → page title.
_STEP_TITLES: dict[str, str | Promise] = {}

# Contexts written as codes (hyphens, colons) by the views; the rest is Dutch already
# and only gets a capital.
_FIXED: dict[str, Promise] = {
    "workflow": gettext_lazy("Werkstap"),
    "casusoverzicht-pdf": gettext_lazy("Casusoverzicht (PDF)"),
    "verslag-casusoverleg-pdf": gettext_lazy("Verslag van het casusoverleg (PDF)"),
    "actie-status": gettext_lazy("Status van een actie bijgewerkt"),
    "bestuurlijke-informatie": gettext_lazy("Bestuurlijke informatie"),
    "screening: bekend-bij-controle": gettext_lazy(
        "Screening: nagaan waar het huishouden al bekend is"
    ),
    "toegangslog per casus (audit)": gettext_lazy("Toegangslog van deze casus bekeken (audit)"),
}

# The access-log filter fields (privacy.forms) as they appear in a logged query string.
_FILTER_LABELS: dict[str, Promise] = {
    "case": gettext_lazy("casus"),
    "user": gettext_lazy("gebruiker"),
    "organisation": gettext_lazy("organisatie (nummer)"),
    "action": gettext_lazy("actie"),
    "date_from": gettext_lazy("vanaf"),
    "date_to": gettext_lazy("tot en met"),
    "break_the_glass": gettext_lazy("alleen noodtoegang"),
    "group": gettext_lazy("indeling"),
    "page": gettext_lazy("pagina"),
}
_GROUP_VALUES: dict[str, Promise] = {
    "user": gettext_lazy("per medewerker"),
    "day": gettext_lazy("per dag"),
}

_API = "api: "
_WORKFLOW = "workflow:"
# A log page's own row ends in the filter it was opened with: "toegangslog bekeken:
# user=x&page=2", "toegangslog CSV (3 regels) case=2026-0042".
_WITH_QUERY = re.compile(r"^(?P<head>.+?):? (?P<query>[^\s=&]+=[^\s]*)$")


def register_steps(titles: Mapping[str, str | Promise]) -> None:
    """Record the Dutch title of each workflow step (by step name and URL name)."""
    _STEP_TITLES.update(titles)


def describe(context: str) -> str:
    """The context of one access-log row as a Dutch phrase for the screen."""
    context = (context or "").strip()
    if not context:
        return "—"
    if context.startswith(_API):
        return _("%(what)s (via de koppeling)") % {"what": describe(context[len(_API) :])}
    if context.startswith(_WORKFLOW):
        title = _STEP_TITLES.get(context[len(_WORKFLOW) :].strip())
        return _("Werkstap: %(step)s") % {"step": _capital(str(title))} if title else _("Werkstap")
    if context in _FIXED:
        return str(_FIXED[context])
    for code, phrase in _FIXED.items():
        # "screening: bekend-bij-controle voor 2026-0042": the code, then a detail.
        if context.startswith(code + " "):
            return f"{phrase} ({context[len(code) + 1 :]})"
    match = _WITH_QUERY.match(context)
    if match:
        return _("%(what)s (filter: %(filter)s)") % {
            "what": _capital(match["head"]),
            "filter": _filter(match["query"]),
        }
    return _capital(context)


def _filter(query: str) -> str:
    """A logged query string (`user=x&date_from=01-01-2026`) as 'gebruiker x, vanaf …'."""
    parts = []
    for key, value in parse_qsl(query, keep_blank_values=False):
        if key == "group":
            value = str(_GROUP_VALUES.get(value, value))
        elif key == "break_the_glass":
            parts.append(str(_FILTER_LABELS[key]))
            continue
        label = _FILTER_LABELS.get(key)
        parts.append(f"{label} {value}" if label else f"{key} {value}")
    return ", ".join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
