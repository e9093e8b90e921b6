"""The second demo region's case: Regio Oost has its own ZVH, and only that ZVH reads it."""

from __future__ import annotations

from cases.models import LegalBasis, Relation
from cases.phases import Phase

from .story_data import Story, _born

OOST_STORIES: list[Story] = [
    Story(
        reference="DEMO-OOST",
        title="Alleenstaande man met schulden en dreigende huisuitzetting",
        team="Wijkteam Oosterveld",
        regiehouder="wijkteam-oost",
        procesregisseur="regisseur-oost",
        history=[(Phase.WIJKTEAM, 60), (Phase.AANGEMELD, 12), (Phase.ZVH, 10)],
        legal_basis=LegalBasis.CONVENANT_ZVH,
        persons=[
            dict(
                first_name="Henk",
                last_name="Wolters",
                date_of_birth=_born(52, 11, 3),
                address="Esdoornstraat 4",
                postcode="7511 CD",
                city="Oosterveld",
                relation=Relation.CLIENT,
            ),
        ],
        notes=[
            ("basis", "wijkteam-oost", "Huurachterstand van vijf maanden; verhuurder dreigt."),
            ("signalen", "regisseur-oost", "Aangemeld bij het ZVH Oost voor afstemming."),
        ],
    ),
]
