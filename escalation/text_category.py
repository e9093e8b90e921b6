"""The category under which free text written in a workflow step goes on the timeline.

An aanleiding, an advice on decline, a reason to close or to reject a handover is often
about signals, health or justice. Filed as `basis` every participant would read it, so
the author picks the category, by default `signalen`, from the categories the author may
see. The phase change itself stays `basis`: everyone sees that the step happened; only
who may see the chosen category reads the text.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.categories import NOTE_CATEGORIES, Category
from cases.models import Case, CaseEvent
from cases.services import event_record
from privacy.access import CaseAccess, case_access

# Never basis by default: signalen, or else the first of these the author may see.
PREFERRED_DEFAULTS = (Category.SIGNALEN, Category.ZORG, Category.OVERLEG, Category.BASIS)

TEXT_CATEGORY_LABEL = gettext_lazy("Categorie van deze tekst")
TEXT_CATEGORY_HELP = gettext_lazy(
    "Iedereen ziet dat deze stap is gezet; de tekst leest alleen wie de gekozen categorie "
    "mag zien. Basisgegevens: iedere betrokken partner. Signalen: onder meer politie en "
    "zorgpartners, niet reclassering of OM. Zorg en gezondheid: alleen zorgpartners, het "
    "wijkteam en het ZVH, niet politie. Justitie: onder meer politie, reclassering en OM."
)


def text_category_choices(access: CaseAccess) -> list[tuple[str, str]]:
    """(value, label) of the categories this author may file text under, basis last."""
    choices = [(v, label) for v, label in NOTE_CATEGORIES if access.can_see(v)]
    return [c for c in choices if c[0] != Category.BASIS] + [
        c for c in choices if c[0] == Category.BASIS
    ]


def default_text_category(access: CaseAccess) -> str:
    """The most restrictive sensible category this author may see (signalen if possible)."""
    for category in PREFERRED_DEFAULTS:
        if access.can_see(category):
            return category
    return Category.BASIS


def checked_text_category(category: str | None, *, user, case: Case) -> str:
    """`category`, or the author's default when None; ValidationError when the author
    may not see it (nobody files text they could not read back)."""
    access = case_access(user, case)
    if not category:
        return default_text_category(access)
    if category not in Category.values or not access.can_see(category):
        raise ValidationError(
            _("U kunt deze tekst alleen vastleggen in een categorie die u zelf mag inzien.")
        )
    return category


def text_record(*, case: Case, actor, kind: str, text: str, category: str) -> CaseEvent:
    """The step's free text as its own timeline entry under `category`."""
    return event_record(
        case=case, kind=kind, actor=actor, category=category, description=text, data={}
    )
