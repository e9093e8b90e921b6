"""Realistic generated cases in bulk (`seed_demo --cases N`).

Bulk inserts throughout, and grants computed in memory with the same
`desired_grants` the services use, so 100 000 cases take well under three minutes
on SQLite.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from faker import Faker

from cases.models import Case, CaseEvent, CaseNote, Person, Relation
from cases.phases import Phase
from organisations.models import Organisation
from privacy.grants import desired_grants, sharing_matrix
from privacy.models import CaseGroupObjectPermission, CaseParticipation

BATCH = 2000
PHASE_WEIGHTS = [
    (Phase.WIJKTEAM, 55),
    (Phase.AANGEMELD, 5),
    (Phase.ZVH, 15),
    (Phase.AFSCHALING, 3),
    (Phase.NAZORG, 7),
    (Phase.GESLOTEN, 15),
]
PATH = [Phase.WIJKTEAM, Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG]
TITLES = [
    "Schulden en dreigende huisuitzetting",
    "Overlast en verward gedrag",
    "Zorgen om kinderen in gezin met huiselijk geweld",
    "Verslaving en zorgmijding",
    "Vereenzaming en vervuilde woning",
    "Jongere in beeld bij politie, ouders overbelast",
    "Psychische problemen en conflicten met buren",
    "Terugkeer na detentie zonder woning",
]
NOTES = [
    ("signalen", "Buren melden geluidsoverlast en ruzies."),
    ("zorg", "Afspraak met maatschappelijk werk gepland."),
    ("basis", "Huishouden woont sinds twee jaar op dit adres."),
    ("signalen", "School meldt verzuim."),
]


def _batches(total: int) -> Iterator[int]:
    done = 0
    while done < total:
        size = min(BATCH, total - done)
        yield size
        done += size


PERSON_COLUMNS = (
    "case_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "address",
    "postcode",
    "city",
    "relation",
    "bsn",
)
EVENT_COLUMNS = (
    "case_id",
    "kind",
    "category",
    "actor_id",
    "actor_organisation_id",
    "from_phase",
    "to_phase",
    "description",
    "data",
    "created_at",
)
NOTE_COLUMNS = ("case_id", "category", "text", "author_id", "author_organisation_id", "created_at")
GRANT_COLUMNS = ("content_object_id", "group_id", "permission_id")


def _insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain executemany of already-adapted values: building a model instance per row
    (about 20 rows per case) took most of the seeding time."""
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def generate_cases(
    count: int, *, users: dict, orgs: dict[str, Organisation], seed: int | None = None
) -> int:
    """Add `count` generated cases; returns how many were created."""
    year = timezone.localdate().year
    number = (Case.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0) + 1
    # Seeded by the first new number: repeatable, yet a second run gives new people.
    seed = number if seed is None else seed
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    teams = [
        (orgs["Wijkteam Noord"], users["wijkteam"]),
        (orgs["Wijkteam Zuid"], users["wijkteam2"]),
    ]
    partners = [orgs["Politie"], orgs["GGZ"], orgs["Verslavingszorg"], orgs["Veilig Thuis"]]
    regisseur = users["regisseur"]
    matrix = sharing_matrix()
    zvh_groups = [orgs["Zorg- en Veiligheidshuis"].group_id]
    perm_ids = dict(
        Permission.objects.filter(content_type__app_label="cases").values_list("codename", "id")
    )
    phases = [p for p, _w in PHASE_WEIGHTS]
    weights = [w for _p, w in PHASE_WEIGHTS]
    now = timezone.now()
    adapt_date = connection.ops.adapt_datefield_value
    adapt_datetime = connection.ops.adapt_datetimefield_value
    empty_data = connection.ops.adapt_json_value({}, None)
    created = 0
    for size in _batches(count):
        with transaction.atomic():
            cases = []
            for _i in range(size):
                team, worker = rng.choice(teams)
                phase = rng.choices(phases, weights)[0]
                registered = now - timedelta(days=rng.randint(1, 900), minutes=rng.randint(0, 1440))
                activity = registered + (now - registered) * rng.random()
                cases.append(
                    Case(
                        reference=f"{year}-{number:04d}",
                        year=year,
                        number=number,
                        title=rng.choice(TITLES),
                        phase=phase,
                        owning_team=team,
                        # bulk_create skips Case.save(), which sets the region.
                        region_id=team.region_id,
                        receiving_team=team if phase == Phase.AFSCHALING else None,
                        regiehouder=worker,
                        procesregisseur=regisseur
                        if phase in (Phase.ZVH, Phase.AFSCHALING)
                        else None,
                        registered_at=registered,
                        last_activity_at=activity,
                        phase_changed_at=activity,
                        closed_at=activity if phase == Phase.GESLOTEN else None,
                        client_informed=True,
                        client_informed_on=registered.date(),
                    )
                )
                number += 1
            cases = Case.objects.bulk_create(cases)
            persons, events, notes, participations, grants = [], [], [], [], []
            for case in cases:
                case_id, worker_id, team_id = case.pk, case.regiehouder_id, case.owning_team_id
                last_name = fake.last_name()
                street = fake.street_address()
                postcode, city = fake.postcode(), fake.city()
                for j in range(rng.choice((1, 1, 2, 3, 4))):
                    born = fake.date_of_birth(minimum_age=1 if j else 18, maximum_age=85)
                    relation = (
                        Relation.CLIENT
                        if j == 0
                        else rng.choice((Relation.PARTNER, Relation.KIND, Relation.HUISGENOOT))
                    )
                    persons.append(
                        (
                            case_id,
                            fake.first_name(),
                            last_name,
                            adapt_date(born),
                            street,
                            postcode,
                            city,
                            str(relation),
                            "",
                        )
                    )
                steps = (
                    PATH[: PATH.index(case.phase) + 1]
                    if case.phase in PATH
                    else [Phase.WIJKTEAM, Phase.GESLOTEN]
                )
                span = case.last_activity_at - case.registered_at
                for k, step in enumerate(steps):
                    at = case.registered_at + span * (k / max(len(steps) - 1, 1))
                    events.append(
                        (
                            case_id,
                            "registered" if k == 0 else "phase_changed",
                            "basis",
                            worker_id,
                            team_id,
                            str(steps[k - 1]) if k else "",
                            str(step),
                            "",
                            empty_data,
                            adapt_datetime(at),
                        )
                    )
                category, text = rng.choice(NOTES)
                notes.append(
                    (
                        case_id,
                        category,
                        text,
                        worker_id,
                        team_id,
                        adapt_datetime(case.last_activity_at),
                    )
                )
                case_partners = []
                if case.phase in (Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG):
                    for partner in rng.sample(partners, rng.randint(1, 2)):
                        participations.append(
                            CaseParticipation(
                                case=case,
                                organisation=partner,
                                reason="Casusoverleg",
                                added_by=regisseur,
                                added_at=case.last_activity_at,
                            )
                        )
                        case_partners.append((partner.group_id, partner.kind))
                for group_id, codenames in desired_grants(
                    case,
                    matrix=matrix,
                    zvh_group_ids=zvh_groups,
                    participants=case_partners,
                    now=now,
                ).items():
                    grants.extend((case_id, group_id, perm_ids[c]) for c in codenames)
            _insert_rows(Person, PERSON_COLUMNS, persons)
            _insert_rows(CaseEvent, EVENT_COLUMNS, events)
            _insert_rows(CaseNote, NOTE_COLUMNS, notes)
            CaseParticipation.objects.bulk_create(participations, batch_size=BATCH)
            _insert_rows(CaseGroupObjectPermission, GRANT_COLUMNS, grants)
        created += size
    return created
