"""Writes behind the case pages: registering a case and adding notes.

They sit above the access layer because each one checks or re-syncs access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case, CaseNote, LegalBasis, Person, Relation
from cases.phases import Phase
from cases.services import case_create_numbered, event_record
from organisations.roles import actor_of
from privacy.access import case_access
from privacy.grants import sync_case_access


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""
    city: str = ""
    relation: str = Relation.CLIENT


def can_register(user) -> bool:
    """Only a worker of a wijkteam registers cases (the team becomes the owner)."""
    return actor_of(user).is_worker


@transaction.atomic
def case_register(
    *,
    user,
    title: str,
    persons: list[PersonData],
    legal_basis: str = LegalBasis.WMO,
    client_informed: bool = False,
    client_informed_on: date | None = None,
    client_not_informed_reason: str = "",
) -> Case:
    """Register a new case in the worker's own wijkteam; the worker becomes regiehouder."""
    if not can_register(user):
        raise PermissionDenied(
            _("Alleen medewerkers van een wijkteam kunnen een casus registreren.")
        )
    membership = actor_of(user).membership
    if not persons:
        raise ValidationError(_("Voeg minstens één persoon aan het huishouden toe."))
    today = timezone.localdate()
    for person in persons:
        if person.date_of_birth and person.date_of_birth > today:
            raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
    if not client_informed and not client_not_informed_reason.strip():
        raise ValidationError(
            _("Geef aan waarom de cliënt (nog) niet is geïnformeerd over de registratie.")
        )

    case = case_create_numbered(
        title=title.strip(),
        owning_team=membership.organisation,
        regiehouder=user,
        phase=Phase.WIJKTEAM,
        legal_basis=legal_basis,
        client_informed=client_informed,
        client_informed_on=client_informed_on if client_informed else None,
        client_not_informed_reason="" if client_informed else client_not_informed_reason.strip(),
    )
    Person.objects.bulk_create(
        [
            Person(
                case=case,
                first_name=p.first_name.strip(),
                last_name=p.last_name.strip(),
                date_of_birth=p.date_of_birth,
                address=p.address.strip(),
                postcode=p.postcode.strip().upper(),
                city=p.city.strip(),
                relation=p.relation,
            )
            for p in persons
        ]
    )
    event_record(
        case=case,
        kind="registered",
        actor=user,
        to_phase=Phase.WIJKTEAM,
        description=_("Casus geregistreerd door %(team)s.") % {"team": membership.organisation},
    )
    sync_case_access(case)
    return case


@transaction.atomic
def note_add(*, user, case: Case, category: str, text: str) -> CaseNote:
    """Add a note in a category the author may both see and write."""
    if category not in Category.values:
        raise ValidationError(_("Onbekende categorie."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Een notitie mag niet leeg zijn."))
    access = case_access(user, case)
    if not access.can_change or not access.can_see(category):
        raise PermissionDenied(_("U kunt in deze categorie geen notities toevoegen."))
    membership = actor_of(user).membership
    note = CaseNote.objects.create(
        case=case,
        category=category,
        text=text,
        author=user,
        author_organisation=membership.organisation,
    )
    event_record(
        case=case,
        kind="note_added",
        actor=user,
        category=category,
        description=_("Notitie toegevoegd (%(category)s).")
        % {"category": Category(category).label},
    )
    return note
