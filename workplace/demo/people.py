"""Demo organisations and users of the interface contract (password `demo`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from organisations.models import Organisation, OrganisationKind, Role
from organisations.services import (
    default_region,
    membership_set,
    municipality_create,
    organisation_create,
    region_create,
)

DEMO_PASSWORD = "demo"

# The interface contract's organisations work in the default region (REGION_NAME), its
# wijkteams in one municipality; a second region with its own ZVH and wijkteam shows
# that a ZVH sees only its own region's cases.
DEFAULT_MUNICIPALITY = "Middenstad"
SECOND_REGION = "Regio Oost"
# organisation: (municipality, region); region None is the default region.
PLACES: dict[str, tuple[str | None, str | None]] = {
    "Wijkteam Noord": (DEFAULT_MUNICIPALITY, None),
    "Wijkteam Zuid": (DEFAULT_MUNICIPALITY, None),
    # The gemeente's figures for its bestuur (reports) and its notices are its own
    # municipality's.
    "Gemeente": (DEFAULT_MUNICIPALITY, None),
    "Wijkteam Oosterveld": ("Oosterveld", SECOND_REGION),
    "Zorg- en Veiligheidshuis Oost": (None, SECOND_REGION),
}

ORGANISATIONS: list[tuple[str, str]] = [
    ("Wijkteam Noord", OrganisationKind.WIJKTEAM),
    ("Wijkteam Zuid", OrganisationKind.WIJKTEAM),
    ("Zorg- en Veiligheidshuis", OrganisationKind.ZVH),
    ("Politie", OrganisationKind.POLITIE),
    ("GGZ", OrganisationKind.GGZ),
    ("Verslavingszorg", OrganisationKind.VERSLAVINGSZORG),
    ("Veilig Thuis", OrganisationKind.VEILIG_THUIS),
    ("Reclassering", OrganisationKind.RECLASSERING),
    ("Gemeente", OrganisationKind.GEMEENTE),
    ("Zorg- en Veiligheidshuis Oost", OrganisationKind.ZVH),
    ("Wijkteam Oosterveld", OrganisationKind.WIJKTEAM),
]

# username: (first name, last name, organisation, role, e-mail)
USERS: dict[str, tuple[str, str, str, str]] = {
    "wijkteam": ("Fatima", "El Amrani", "Wijkteam Noord", Role.MEDEWERKER),
    "wijkteam2": ("Joost", "van Dijk", "Wijkteam Zuid", Role.MEDEWERKER),
    "regisseur": ("Ingrid", "Hoekstra", "Zorg- en Veiligheidshuis", Role.PROCESREGISSEUR),
    "politie": ("Mark", "de Boer", "Politie", Role.MEDEWERKER),
    "ggz": ("Anouk", "Visser", "GGZ", Role.MEDEWERKER),
    "manager": ("Peter", "Smit", "Wijkteam Noord", Role.MANAGER),
    "privacy": ("Lotte", "Mulder", "Zorg- en Veiligheidshuis", Role.PRIVACY_OFFICER),
    "admin": ("Beheer", "Schakel", "Zorg- en Veiligheidshuis", Role.FUNCTIONEEL_BEHEER),
    "regisseur-oost": (
        "Wouter",
        "Bakker",
        "Zorg- en Veiligheidshuis Oost",
        Role.PROCESREGISSEUR,
    ),
    "wijkteam-oost": ("Esra", "Yilmaz", "Wijkteam Oosterveld", Role.MEDEWERKER),
}


def seed_organisations() -> dict[str, Organisation]:
    """The demo organisations by name, each in its region (and municipality)."""
    regions = {None: default_region(), SECOND_REGION: region_create(name=SECOND_REGION)}
    organisations = {}
    for name, kind in ORGANISATIONS:
        municipality_name, region_name = PLACES.get(name, (None, None))
        region = regions[region_name]
        municipality = (
            municipality_create(name=municipality_name, region=region)
            if municipality_name
            else None
        )
        organisations[name] = organisation_create(
            name=name, kind=kind, municipality=municipality, region=region
        )
        if municipality is not None and organisations[name].municipality_id is None:
            # A demo database seeded before the organisation had its municipality.
            organisations[name].municipality = municipality
            organisations[name].save(update_fields=["municipality"])
    return organisations


def seed_users(organisations: dict[str, Organisation]) -> dict:
    user_model = get_user_model()
    users = {}
    for username, (first, last, org_name, role) in USERS.items():
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@schakel.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if username == "admin" and (user.is_staff or user.is_superuser):
            # Functioneel beheer is no superuser and has no business in the Django admin
            # (Trust II finding 1); demo databases seeded before that are corrected too.
            user.is_staff = user.is_superuser = False
            user.save(update_fields=["is_staff", "is_superuser"])
        membership_set(user=user, organisation=organisations[org_name], role=role)
        users[username] = user
    return users
