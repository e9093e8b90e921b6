"""Inzage (AVG art. 15): everything stored about one person, across all cases.

THIS IS THE ONE LEGITIMATE CROSS-CASE READ OUTSIDE `privacy.access`. Everywhere else a
case is read through `visible_cases` / `get_case_for_user`. A data subject's right of
access covers every case they appear in, including open ones that the privacy officer
cannot see through the access layer, so the functions here read around it, and only:

* they refuse anyone but the privacy officer (`PermissionDenied`);
* they work for one open `SubjectAccessRequest` (the inzageverzoek as received, with
  its AVG art. 12(3) deadline), so every read says for whom it was made;
* `person_search` needs a full name plus date of birth, or a case reference: never a
  fragment, so it cannot be used to browse everyone; it returns at most
  `SEARCH_LIMIT` persons (name, date of birth, address, case reference) and the caller
  logs it: one AccessLog row per search (`log_person_search`);
* `subject_export` returns the full record and the caller must log it: one AccessLog
  row with action `export` per case exported (`log_subject_export`).

Other apps' data is included generically: every row of every model outside `cases` and
`privacy` with a foreign key to the case, field by field (under "overige_gegevens",
keyed by the model's Dutch plural name). An app that wants to present its data
differently provides `<app>.inzage.export(case) -> dict`; it appears under the app's
name and the generic rows of that app are then left out. An app above privacy (which
privacy may not import) registers its section with `register_inzage_section` from its
AppConfig.ready instead (documents).
"""

from __future__ import annotations

import calendar
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import ALL_CATEGORIES, Category
from cases.models import Case, CaseEvent, CaseNote, Person
from organisations.roles import actor_of

from .access import CaseAccess
from .audit import log_case_access
from .inzage_access import Period, access_history, access_summary
from .inzage_rows import other_app_rows
from .models import (
    AccessAction,
    BreakGlassAccess,
    CaseParticipation,
    SubjectAccessRequest,
    SubjectAccessStatus,
)

EXTENSION_MODULES = ("triage.inzage", "escalation.inzage", "reports.inzage")
# Enough for one household across a few cases; more means the query was too wide.
SEARCH_LIMIT = 20
EXPORT_ACCESS = CaseAccess(categories=ALL_CATEGORIES)
# The search shows name, date of birth and address: the `basis` category.
SEARCH_ACCESS = CaseAccess(categories=frozenset({Category.BASIS}))
# Sections of apps above privacy, registered from their AppConfig.ready.
_SECTIONS: dict[str, Callable[[Case], object]] = {}


def register_inzage_section(app_label: str, export: Callable[[Case], object]) -> None:
    """Add `export(case)` to every exported case under `app_label` (replacing that app's
    generic rows). Registering again replaces the section."""
    _SECTIONS[app_label] = export


def _require_privacy_officer(user) -> None:
    if not actor_of(user).is_privacy_officer:
        raise PermissionDenied(_("Alleen de privacyfunctionaris kan een inzageverzoek afhandelen."))


# --- the request itself ---------------------------------------------------------------


def add_one_month(day: date) -> date:
    """The same day one month later, or that month's last day (31-01 → 28-02 or 29-02)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


@transaction.atomic
def subject_access_request_start(
    *, user, requester: str, received_on: date
) -> SubjectAccessRequest:
    """Register a received inzageverzoek; returns it, open, with its deadline."""
    _require_privacy_officer(user)
    requester = " ".join(requester.split())
    if len(requester) < 2:
        raise ValidationError(_("Beschrijf wie om inzage vraagt (naam van de betrokkene)."))
    if received_on > timezone.localdate():
        raise ValidationError(_("De ontvangstdatum kan niet in de toekomst liggen."))
    access_request = SubjectAccessRequest(
        requested_by=user,
        requester=requester,
        received_on=received_on,
        deadline=add_one_month(received_on),
    )
    access_request.full_clean()
    access_request.save()
    return access_request


def subject_access_request_open(*, user, pk) -> SubjectAccessRequest:
    """The open request with this id; ValidationError when there is none."""
    _require_privacy_officer(user)
    try:
        found = SubjectAccessRequest.objects.filter(
            pk=int(pk), status=SubjectAccessStatus.OPEN
        ).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise ValidationError(_("Kies een open inzageverzoek."))
    return found


def subject_access_request_complete(*, user, pk) -> SubjectAccessRequest:
    """Mark an open request afgerond; returns it. A second call changes nothing."""
    access_request = subject_access_request_open(user=user, pk=pk)
    # Conditional write: two clicks or two tabs record the first completion only.
    done = SubjectAccessRequest.objects.filter(
        pk=access_request.pk, status=SubjectAccessStatus.OPEN
    ).update(status=SubjectAccessStatus.AFGEROND, completed_at=timezone.now())
    if not done:
        raise ValidationError(_("Kies een open inzageverzoek."))
    access_request.refresh_from_db()
    return access_request


# --- search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    persons: list[Person]
    # True when more than SEARCH_LIMIT persons matched and only the first are shown.
    capped: bool

    @property
    def case_ids(self) -> list[int]:
        return sorted({p.case_id for p in self.persons})


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def person_search(
    *, user, name: str = "", date_of_birth: date | None = None, reference: str = ""
) -> SearchResult:
    """Persons in any case with this full name and date of birth, or in this case.

    A name must be the full name ("Voornaam Achternaam", case-insensitive, compared
    whole) and comes with the date of birth; a reference alone finds the case's
    household. Fragments are refused (ValidationError), so the search cannot list
    everyone.
    """
    _require_privacy_officer(user)
    reference = reference.strip()
    full_name = _normal(name)
    if not reference and (len(full_name.split()) < 2 or date_of_birth is None):
        raise ValidationError(
            _(
                "Zoek met de volledige naam (voornaam en achternaam) én de geboortedatum, "
                "of met het kenmerk van een casus. Een deel van een naam is niet genoeg."
            )
        )
    qs = Person.objects.select_related("case")
    if reference:
        qs = qs.filter(case__reference__iexact=reference)
    if date_of_birth is not None:
        qs = qs.filter(date_of_birth=date_of_birth)
    order = ("last_name", "first_name", "date_of_birth", "case_id", "id")
    if full_name:
        # Compared in Python, whole and Unicode-aware ("Özdemir", "de Wit"); the date of
        # birth or the reference has already narrowed the rows to a handful.
        found = [p for p in qs.order_by(*order) if _normal(p.full_name) == full_name]
    else:
        found = list(qs.order_by(*order)[: SEARCH_LIMIT + 1])
    return SearchResult(persons=found[:SEARCH_LIMIT], capped=len(found) > SEARCH_LIMIT)


def log_person_search(
    request, *, access_request: SubjectAccessRequest, query: str, result: SearchResult
) -> None:
    """The one AccessLog row of a search: no case (it may span several), the query,
    the request and the ids of the cases it found in the context."""
    ids = ",".join(str(i) for i in result.case_ids) or "-"
    capped = " (afgekapt)" if result.capped else ""
    log_case_access(
        request,
        case=None,
        access=SEARCH_ACCESS,
        action=AccessAction.VIEW,
        context=(
            f"inzage zoeken, verzoek {access_request.pk}: {query}; "
            f"{len(result.persons)} gevonden{capped}; casussen {ids}"
        ),
    )


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
    for app, export in _SECTIONS.items():
        handled.add(app)
        data[app] = export(case)
    data["overige_gegevens"] = other_app_rows(case, skip_apps=handled)
    return data


def subject_export(
    *,
    user,
    access_request: SubjectAccessRequest,
    person_ids: list[int],
    period: Period | None = None,
    detail: bool = True,
) -> dict:
    """Everything stored about the selected persons, as JSON-ready data.

    Each case is included once, with its household, notes and timeline (a note about a
    household concerns each of its members), followed by who accessed those cases in
    `period` (all of it when None): summarised per month and organisation
    ("toegang_samenvatting"), and with `detail` also row by row ("toegang"), and the
    noodtoegang (break-the-glass) accesses to them. The request it answers heads the
    export. The number of queries grows with the cases, not with the access log.
    """
    period = period or Period()
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
        "inzageverzoek": {
            "nummer": access_request.pk,
            "betrokkene": access_request.requester,
            "ontvangen_op": _d(access_request.received_on),
            "uiterste_antwoorddatum": _d(access_request.deadline),
        },
        "betrokkene": [{**_person(p), "kenmerk": p.case.reference} for p in persons],
        "casussen": [_case(case) for case in cases.order_by("registered_at", "id")],
        "periode_toegang": {"van": _d(period.start), "tot_en_met": _d(period.end)},
        "toegang_samenvatting": [row.as_dict() for row in access_summary(case_ids, period)],
        **({"toegang": access_history(case_ids, period)} if detail else {}),
        "noodtoegang": [
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


def log_subject_export(
    request, *, access_request: SubjectAccessRequest, case_ids: list[int], action_label: str
) -> None:
    """One AccessLog row (action export) per exported case, naming the request."""
    for case in Case.objects.filter(pk__in=case_ids):
        log_case_access(
            request,
            case=case,
            access=EXPORT_ACCESS,
            action=AccessAction.EXPORT,
            context=f"inzageverzoek AVG art. 15 (verzoek {access_request.pk}, {action_label})",
        )
