"""The default convenant matrix of DESIGN.md, as data for the `SharingRule` table."""

from __future__ import annotations

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


def ensure_default_matrix() -> int:
    """Create any missing matrix cell with its default; returns how many were created.

    Existing cells are left alone: the privacy officer may have changed them.
    """
    existing = set(SharingRule.objects.values_list("party", "category"))
    missing = [
        SharingRule(party=party, category=category, allowed=category in allowed)
        for party, allowed in DEFAULT_MATRIX.items()
        for category in ALL
        if (party, category) not in existing
    ]
    SharingRule.objects.bulk_create(missing)
    return len(missing)
