"""Inzage: the rows of other apps' models about a case, field by field (generic).

Labels are the fields' verbose names. Some apps name their bookkeeping fields in English
("created at", "asked by"); the person reading an inzage gets Dutch, so those names are
translated here (`DUTCH_LABELS`, and "… by" / "… at" as "… door" / "… op"). Fields that
only link rows together or steer e-mail delivery (`TECHNICAL_FIELDS`) say nothing about
the person and are left out.
"""

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


# Field names that hold internal references or delivery bookkeeping, no personal data.
TECHNICAL_FIELDS = frozenset(
    {
        "object_type",
        "object_id",
        "event_key",
        "mail_batch",
        "delivery",
        "emailed_at",
        "position",
        "triage_assessment_id",
        "override_flagged",
        "fast_lane",
        "plan",
        "request",
        "meeting",
    }
)
DUTCH_LABELS = {
    "assigned to": "toegewezen aan",
    "done": "afgehandeld",
    "acute": "acuut",
    "recipient": "ontvanger",
    "status": "status",
    "deadline": "uiterste datum",
    "criteria": "criteria",
    "triage level": "triageniveau",
    "triage score": "triagescore",
    "triage reasons": "redenen van de triage",
    "zvh criteria": "criteria complexe casuïstiek",
    "safety risk reduced note": "toelichting veiligheidsrisico",
    "goals met or transferred note": "toelichting doelen",
    "regiehouder named note": "toelichting regiehouder",
    "client informed note": "toelichting cliënt geïnformeerd",
    "aftercare agreed note": "toelichting nazorgafspraken",
}
VERBS = {
    "asked": "gevraagd",
    "answered": "beantwoord",
    "proposed": "voorgesteld",
    "accepted": "geaccepteerd",
    "rejected": "teruggewezen",
    "created": "aangemaakt",
    "updated": "bijgewerkt",
    "completed": "afgerond",
    "done": "afgehandeld",
    "requested": "aangevraagd",
    "screened": "gescreend",
    "adopted": "vastgesteld",
    "ended": "beëindigd",
    "last reviewed": "laatst beoordeeld",
    "status changed": "status gewijzigd",
    "triage assessed": "triage gewogen",
    "acute notified": "acuut gemeld",
}


def dutch_label(verbose_name: str) -> str:
    """The field's label in Dutch: 'asked by' → 'gevraagd door', 'created at' →
    'aangemaakt op'; a Dutch verbose name is returned as it is."""
    label = DUTCH_LABELS.get(verbose_name)
    if label:
        return label
    for suffix, word in ((" by", "door"), (" at", "op")):
        verb = verbose_name.removesuffix(suffix)
        if verb != verbose_name and verb in VERBS:
            return f"{VERBS[verb]} {word}"
    return verbose_name


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
                if f.name in case_fields or f.primary_key or f.name in TECHNICAL_FIELDS:
                    continue
                value = getattr(obj, f.name)
                display = getattr(obj, f"get_{f.name}_display", None)
                if value not in (None, "") and callable(display):
                    # Django's for a field with choices; a model storing a list of codes
                    # offers its own (AdministrativeNotice.criteria): words, not codes.
                    value = display()
                row[dutch_label(str(f.verbose_name))] = _plain(value)
            rows.append(row)
        if rows:
            result[str(model._meta.verbose_name_plural)] = rows
    return result
