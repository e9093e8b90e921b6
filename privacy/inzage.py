"""Inzage (AVG art. 15): everything stored about one person, across all cases.

THIS IS THE ONE LEGITIMATE CROSS-CASE READ OUTSIDE `privacy.access`. Everywhere else a
case is read through `visible_cases` / `get_case_for_user`. A data subject's right of
access covers every case they appear in, including open ones that the privacy officer
cannot see through the access layer, so the functions here read around it, and only:

* they refuse anyone but the privacy officer (`PermissionDenied`);
* `person_search` returns persons (name, date of birth, case reference) only;
* `subject_export` returns the full record and the caller must log it: one AccessLog
  row with action `export` per case exported (`log_subject_export`).

Other apps' data is included generically: every row of every model outside `cases` and
`privacy` with a foreign key to the case, field by field (under "overige_gegevens",
keyed by the model's Dutch plural name). An app that wants to present its data
differently provides `<app>.inzage.export(case) -> dict`; it appears under the app's
name and the generic rows of that app are then left out.
"""

from __future__ import annotations

import importlib
from datetime import date

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import ALL_CATEGORIES, Category
from cases.models import Case, CaseEvent, CaseNote, Person
from organisations.models import Role
from organisations.roles import membership_of

from .access import CaseAccess
from .audit import log_case_access
from .models import AccessAction, AccessLog, BreakGlassAccess, CaseParticipation

EXTENSION_MODULES = ("triage.inzage", "escalation.inzage", "reports.inzage")
SEARCH_LIMIT = 50
EXPORT_ACCESS = CaseAccess(categories=ALL_CATEGORIES)


def _require_privacy_officer(user) -> None:
    membership = membership_of(user)
    if membership is None or membership.role != Role.PRIVACY_OFFICER:
        raise PermissionDenied(_("Alleen de privacyfunctionaris kan een inzageverzoek afhandelen."))


def person_search(*, user, name: str = "", date_of_birth: date | None = None) -> list[Person]:
    """Persons in any case matching the name (part) and/or date of birth."""
    _require_privacy_officer(user)
    name = name.strip()
    if not name and date_of_birth is None:
        raise ValidationError(_("Vul een naam of een geboortedatum in."))
    qs = Person.objects.select_related("case")
    for part in name.split():
        qs = qs.filter(Q(first_name__icontains=part) | Q(last_name__icontains=part))
    if date_of_birth is not None:
        qs = qs.filter(date_of_birth=date_of_birth)
    return list(qs.order_by("last_name", "first_name", "date_of_birth", "case_id")[:SEARCH_LIMIT])


def _dt(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _d(value) -> str | None:
    return value.isoformat() if value else None


def _person(person: Person) -> dict:
    return {
        "id": person.pk,
        "voornaam": person.first_name,
        "achternaam": person.last_name,
        "geboortedatum": _d(person.date_of_birth),
        "adres": person.address,
        "postcode": person.postcode,
        "woonplaats": person.city,
        "relatie": person.get_relation_display(),
    }


def _user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _case(case: Case) -> dict:
    notes = CaseNote.objects.filter(case=case).select_related("author", "author_organisation")
    events = CaseEvent.objects.filter(case=case).select_related("actor", "actor_organisation")
    participations = CaseParticipation.objects.filter(case=case).select_related("organisation")
    data = {
        "kenmerk": case.reference,
        "omschrijving": case.title,
        "fase": case.get_phase_display(),
        "wijkteam": case.owning_team.name,
        "regiehouder": _user_label(case.regiehouder),
        "procesregisseur": _user_label(case.procesregisseur),
        "geregistreerd_op": _dt(case.registered_at),
        "gesloten_op": _dt(case.closed_at),
        "geanonimiseerd_op": _dt(case.anonymised_at),
        "grondslag": case.get_legal_basis_display(),
        "client_geinformeerd": case.client_informed,
        "geinformeerd_op": _d(case.client_informed_on),
        "reden_niet_geinformeerd": case.client_not_informed_reason,
        "huishouden": [_person(p) for p in case.persons.all()],
        "deelnemende_organisaties": [
            {
                "organisatie": p.organisation.name,
                "reden": p.reason,
                "vanaf": _dt(p.added_at),
                "tot": _dt(p.removed_at),
            }
            for p in participations.order_by("added_at")
        ],
        "notities": [
            {
                "categorie": Category(n.category).label,
                "tekst": n.text,
                "auteur": _user_label(n.author),
                "organisatie": n.author_organisation.name,
                "datum": _dt(n.created_at),
            }
            for n in notes.order_by("created_at", "id")
        ],
        "tijdlijn": [
            {
                "datum": _dt(e.created_at),
                "soort": e.kind,
                "categorie": Category(e.category).label,
                "door": _user_label(e.actor),
                "organisatie": e.actor_organisation.name if e.actor_organisation else "",
                "van_fase": e.get_from_phase_display() if e.from_phase else "",
                "naar_fase": e.get_to_phase_display() if e.to_phase else "",
                "omschrijving": e.description,
            }
            for e in events.order_by("created_at", "id")
        ],
    }
    handled = set()
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        handled.add(name.split(".")[0])
        data[name.split(".")[0]] = module.export(case)
    data["overige_gegevens"] = _other_app_rows(case, skip_apps=handled)
    return data


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if hasattr(value, "isoformat"):
        return _dt(value) if hasattr(value, "hour") else value.isoformat()
    if hasattr(value, "get_full_name"):
        return _user_label(value)
    return str(value)


def _other_app_rows(case: Case, *, skip_apps: set[str]) -> dict[str, list[dict]]:
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


def access_history(case_ids: list[int]) -> list[dict]:
    """Who accessed these cases, oldest first (NEN 7513: organisation, role, what, when)."""
    role_labels = dict(Role.choices)
    rows = (
        AccessLog.objects.filter(case_id__in=case_ids)
        .select_related("case")
        .order_by("timestamp", "id")
    )
    return [
        {
            "tijdstip": _dt(row.timestamp),
            "kenmerk": row.case.reference,
            "gebruiker": row.user_label,
            "organisatie": row.organisation_name,
            "rol": str(role_labels.get(row.role, row.role)),
            "actie": row.get_action_display(),
            "categorieen": [Category(c).label for c in row.categories if c in Category.values],
            "break_the_glass": row.break_the_glass,
        }
        for row in rows
    ]


def subject_export(*, user, person_ids: list[int]) -> dict:
    """Everything stored about the selected persons, as JSON-ready data.

    Each case is included once, with its household, notes and timeline (a note about a
    household concerns each of its members), followed by the chronological access
    history of those cases and the break-the-glass accesses to them.
    """
    _require_privacy_officer(user)
    persons = list(
        Person.objects.filter(pk__in=person_ids).select_related("case").order_by("case_id", "id")
    )
    if not persons:
        raise ValidationError(_("Selecteer minstens één persoon."))
    case_ids = sorted({p.case_id for p in persons})
    cases = Case.objects.filter(pk__in=case_ids).select_related(
        "owning_team", "regiehouder", "procesregisseur"
    )
    glass = BreakGlassAccess.objects.filter(case_id__in=case_ids).select_related(
        "user", "organisation", "case"
    )
    return {
        "soort": "Inzageverzoek AVG artikel 15",
        "opgesteld_op": _dt(timezone.now()),
        "opgesteld_door": _user_label(user),
        "betrokkene": [{**_person(p), "kenmerk": p.case.reference} for p in persons],
        "casussen": [_case(case) for case in cases.order_by("registered_at", "id")],
        "toegang": access_history(case_ids),
        "break_the_glass": [
            {
                "kenmerk": g.case.reference,
                "gebruiker": _user_label(g.user),
                "organisatie": g.organisation.name if g.organisation else "",
                "reden": g.reason,
                "vanaf": _dt(g.started_at),
                "tot": _dt(g.expires_at),
            }
            for g in glass.order_by("started_at", "id")
        ],
        "case_ids": case_ids,
    }


def log_subject_export(request, *, case_ids: list[int], action_label: str) -> None:
    """One AccessLog row (action export) per exported case."""
    for case in Case.objects.filter(pk__in=case_ids):
        log_case_access(
            request,
            case=case,
            access=EXPORT_ACCESS,
            action=AccessAction.EXPORT,
            context=f"inzageverzoek AVG art. 15 ({action_label})",
        )
