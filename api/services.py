"""Writes of the API that have no service below the API's layer yet."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case, CaseNote
from cases.services import event_record
from organisations.roles import actor_of
from privacy.access import case_access


@transaction.atomic
def note_add(*, user, case: Case, category: str, text: str) -> CaseNote:
    """Add a note in a category the author may both see and write.

    The same rule and messages as `workplace.services.note_add`, which the API cannot
    import (workplace and api are independent apps of the top layer). Follow-up: move
    that service one layer down so both call the one function.
    """
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
