"""The default convenant matrix of DESIGN.md, as data for the `SharingRule` table."""

from __future__ import annotations

from organisations.models import Region
from organisations.services import default_region

from .models import SharingRule

ALL = ("basis", "signalen", "zorg", "gezondheid", "justitie", "triage", "plan", "overleg")

DEFAULT_MATRIX: dict[str, tuple[str, ...]] = {
    "owner": ALL,
    "zvh": ALL,
    "politie": ("basis", "signalen", "justitie", "triage", "plan", "overleg"),
    "ggz": ("basis", "signalen", "zorg", "gezondheid", "triage", "plan", "overleg"),
    "verslavingszorg": ("basis", "signalen", "zorg", "gezondheid", "triage", "plan", "overleg"),
    "veilig_thuis": ("basis", "signalen", "zorg", "triage", "plan", "overleg"),
    "reclassering": ("basis", "justitie", "plan", "overleg"),
    "om": ("basis", "justitie", "plan", "overleg"),
    "woningcorporatie": ("basis", "signalen", "plan"),
    # The gemeente sees administrative notices only, never a case.
    "gemeente": (),
    "other": ("basis", "plan"),
    "manager": ("basis", "signalen", "triage", "plan"),
}


def ensure_default_matrix(*, region: Region | None = None) -> int:
    """Create any missing matrix cell with its default, in `region` or in every region
    (the default region made first if there is none); returns how many were created.

    Existing cells are left alone: the privacy officer may have changed them.
    """
    regions = [region] if region is not None else list(Region.objects.all())
    regions = regions or [default_region()]
    created = 0
    for each in regions:
        existing = set(SharingRule.objects.filter(region=each).values_list("party", "category"))
        missing = [
            SharingRule(region=each, party=party, category=category, allowed=category in allowed)
            for party, allowed in DEFAULT_MATRIX.items()
            for category in ALL
            if (party, category) not in existing
        ]
        SharingRule.objects.bulk_create(missing)
        created += len(missing)
    return created


def ensure_region_matrix(sender, instance: Region, created: bool, raw: bool = False, **kwargs):
    """post_save receiver: a new region starts with the default convenant matrix, so
    its wijkteams see their own cases from the first one on."""
    if created and not raw:
        ensure_default_matrix(region=instance)
