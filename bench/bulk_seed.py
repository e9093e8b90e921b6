"""Seed a PostgreSQL database with N generated cases through COPY (1 000 000 in minutes).

`seed_demo --cases` builds rows through Django and inserts them per batch: fine for
100 000 cases, hours for a million. This seeder streams every table with COPY, computes
the case grants in one INSERT … SELECT (bench/bulk_grants.py, the same rules as
`privacy.grants.desired_grants`, checked on a sample against `sync_case_access`), and
rebuilds the secondary indexes once at the end instead of row by row.

The data follows `workplace.demo.generate` (its phase weights, titles and notes) and adds
what the start pages, the screening list, the reminder scan and rescoring read: staff per
team (a worker holds a bounded number of cases, as in life: the demo users keep the same
DEMO_SHARE cases at every size, so their own pages compare like with like), aanmeldingen,
ZVH tracks with plans and actions, handovers, aftercare checks, triage assessments and
one notification per case.

Call `seed(count)` on a migrated database that holds the demo (`seed_demo`).
"""

from __future__ import annotations

import json
import random
import string
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from common import copy_rows

BLOCK = 50_000
DEMO_SHARE = 150  # cases each demo worker/regisseur holds, at every size
CASES_PER_WORKER = 200
# A wijkteam is a team of people, not a department: past this size a bigger archive means
# more cases per generated worker (the demo users keep DEMO_SHARE), not a team of 2 000
# whose every member each team-wide reminder (a handover waiting) would reach.
MAX_WORKERS_PER_TEAM = 40
CASES_PER_REGISSEUR = 400
TEAMS = [("Wijkteam Noord", 40, "wijkteam"), ("Wijkteam Zuid", 40, "wijkteam2")]
TEAMS += [("Wijkteam Oosterveld", 20, "wijkteam-oost")]
ZVHS = {1: ("Zorg- en Veiligheidshuis", "regisseur")}
PARTNERS = ["Politie", "GGZ", "Verslavingszorg", "Veilig Thuis"]
DEMO_NOTIFICATIONS = 200  # per demo user, of which one in ten unread
BIG_TABLES = [
    "cases_case",
    "cases_person",
    "cases_caseevent",
    "cases_casenote",
    "privacy_casegroupobjectpermission",
    "privacy_caseparticipation",
    "notifications_notification",
    "triage_triageassessment",
    "escalation_escalationrequest",
    "escalation_zvhtrack",
    "escalation_actionplan",
    "escalation_action",
]


def _secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the indexes that back no constraint: dropped for the load."""
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           WHERE t.relname = ANY(%s)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [tables],
    )
    return cursor.fetchall()


def _pool(make, size: int) -> list:
    return [make() for _ in range(size)]


class Generator:
    """Row streams for one seeding run; ids are handed out here so rows can refer to
    each other without reading back."""

    def __init__(self, count: int, seed: int) -> None:
        from common import random_answers
        from django.contrib.auth import get_user_model
        from faker import Faker

        from organisations.models import Organisation
        from triage import selectors
        from triage.engine import evaluate
        from workplace.demo.generate import NOTES, PHASE_WEIGHTS, TITLES

        self.count, self.rng = count, random.Random(seed)
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        self.first_names = _pool(fake.first_name, 3000)
        self.last_names = _pool(fake.last_name, 5000)
        self.streets = _pool(fake.street_name, 3000)
        self.cities = _pool(fake.city, 400)
        self.titles, self.notes = TITLES, NOTES
        self.phases = [p.value for p, _w in PHASE_WEIGHTS]
        self.weights = [w for _p, w in PHASE_WEIGHTS]
        self.orgs = {o.name: o for o in Organisation.objects.all()}
        users = {u.username: u.pk for u in get_user_model().objects.all()}
        self.demo_users = users
        ruleset = selectors.active_ruleset()
        rules = selectors.compiled(ruleset)
        self.ruleset = (ruleset.pk, ruleset.name)
        self.assessments = []
        for _ in range(200):
            answers = random_answers(self.rng)
            result = evaluate(answers, rules, validated=True)
            self.assessments.append(
                (
                    json.dumps(answers),
                    result.score,
                    result.level,
                    result.level_name,
                    json.dumps(result.reasons),
                    json.dumps(result.knock_outs),
                    json.dumps(result.zvh_criteria),
                    result.complete,
                )
            )
        self.now = datetime.now(UTC)
        self.today = self.now.date()
        self.year = self.now.year

    # --- staff -------------------------------------------------------------------

    def staff(self) -> tuple[dict[str, list[int]], dict[int, list[int]]]:
        """Generated workers per team and regisseurs per region (demo users first)."""
        from django.contrib.auth.hashers import make_password
        from django.db import connection

        from organisations.models import Role

        password = make_password("demo")
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM auth_user")
            next_id = cursor.fetchone()[0] + 1
        users, memberships = [], []
        workers: dict[str, list[int]] = {}
        regisseurs: dict[int, list[int]] = {}

        def add(username: str, org, role: str) -> int:
            nonlocal next_id
            users.append(
                (next_id, password, False, username, "Gegenereerd", username, "", False, True,
                 self.now)
            )  # fmt: skip
            memberships.append((role, next_id, org.pk, True))
            next_id += 1
            return next_id - 1

        for name, share, demo in TEAMS:
            team = self.orgs[name]
            n = min(MAX_WORKERS_PER_TEAM, max(2, self.count * share // 100 // CASES_PER_WORKER))
            workers[name] = [self.demo_users[demo]] + [
                add(f"gen-w{team.pk}-{i}", team, Role.MEDEWERKER) for i in range(n)
            ]
        for region_id, (name, demo) in {**ZVHS, 2: ("Zorg- en Veiligheidshuis Oost",
                                                    "regisseur-oost")}.items():  # fmt: skip
            zvh = self.orgs[name]
            n = max(1, self.count // 2 // CASES_PER_REGISSEUR)
            regisseurs[region_id] = [self.demo_users[demo]] + [
                add(f"gen-r{zvh.pk}-{i}", zvh, Role.PROCESREGISSEUR) for i in range(n)
            ]
        copy_rows(
            "auth_user",
            ("id", "password", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined"),
            users,
        )  # fmt: skip
        copy_rows(
            "privacy_membership", ("role", "user_id", "organisation_id", "active"), memberships
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), max(id)) FROM auth_user"
            )
        self.user_ids = [uid for ids in workers.values() for uid in ids]
        self.user_ids += [uid for ids in regisseurs.values() for uid in ids]
        return workers, regisseurs


def _next_ids(cursor, tables: list[str]) -> dict[str, int]:
    ids = {}
    for table in tables:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
        ids[table] = cursor.fetchone()[0]
    return ids


def _set_sequences(cursor, tables: list[str]) -> None:
    for table in tables:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )


def seed(
    count: int, *, notifications: int | None = None, seed: int = 17, verbose: bool = True
) -> float:
    """Add `count` cases (and their rows) and `notifications` notifications (default one
    per case) to the current database; returns seconds."""
    import bulk_grants
    import bulk_rows
    from django.db import connection, transaction

    started = time.perf_counter()
    gen = Generator(count, seed)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
        dropped = _secondary_indexes(cursor, BIG_TABLES)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Foreign keys and triggers off for this session's bulk load: every row is
                # built to be consistent, and checking 15 million keys one by one would
                # take longer than the load itself.
                cursor.execute("SET LOCAL session_replication_role = replica")
                for name, _definition in dropped:
                    cursor.execute(f"DROP INDEX {name}")
                ids = _next_ids(cursor, BIG_TABLES)
            gen.first_case_id = ids["cases_case"]
            workers, regisseurs = gen.staff()
            counts: dict[str, int] = defaultdict(int)
            done = 0
            while done < count:
                size = min(BLOCK, count - done)
                for table, n in bulk_rows.write_block(gen, size, ids, workers, regisseurs):
                    counts[table] += n
                done += size
                if verbose:
                    print(
                        f"  seeded {done:,}/{count:,} cases "
                        f"({time.perf_counter() - started:.0f} s)",
                        flush=True,
                    )
            counts["notifications"] += bulk_rows.write_notifications(
                gen, count if notifications is None else notifications
            )
            counts["grants"] = bulk_grants.insert_grants(gen.first_case_id)
            counts["aanmeldingen screened"] = bound_aanmeldingen(gen.first_case_id)
            with connection.cursor() as cursor:
                _set_sequences(cursor, BIG_TABLES)
        if verbose:
            summary = ", ".join(f"{table.split('_')[-1]} {n:,}" for table, n in counts.items())
            print(f"  rows: {summary} ({time.perf_counter() - started:.0f} s)", flush=True)
    finally:
        with connection.cursor() as cursor:
            for name, definition in dropped:
                if verbose:
                    print(f"  index {name}…", end=" ", flush=True)
                    t = time.perf_counter()
                cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
                if verbose:
                    print(f"{time.perf_counter() - t:.0f} s", flush=True)
    from common import vacuum_analyze

    vacuum_analyze()
    return time.perf_counter() - started


def postcode(rng: random.Random) -> str:
    return f"{rng.randint(1000, 9999)} {''.join(rng.choices(string.ascii_uppercase, k=2))}"


def moment(rng: random.Random, now: datetime, days: int) -> datetime:
    return now - timedelta(days=rng.randint(1, days), minutes=rng.randint(0, 1440))


OPEN_AANMELDINGEN = 60  # per region: a few days' intake, whatever the archive's size
BOUND_SQL = """
WITH surplus AS (
    SELECT id, region_id FROM (
        SELECT id, region_id, row_number() OVER (PARTITION BY region_id ORDER BY id) AS n
          FROM cases_case WHERE phase = 'aangemeld' AND id >= %(first)s) ranked
     WHERE n > %(keep)s),
 moved AS (
    UPDATE cases_case c
       SET phase = 'zvh',
           procesregisseur_id = r.screeners[1 + c.id %% cardinality(r.screeners)]
      FROM surplus s, (SELECT o.region_id, array_agg(m.user_id ORDER BY m.user_id) AS screeners
                         FROM privacy_membership m
                         JOIN privacy_organisation o ON o.id = m.organisation_id
                         JOIN auth_user u ON u.id = m.user_id
                        WHERE o.kind = 'zvh' AND m.role = 'procesregisseur'
                          AND u.username LIKE 'gen-r%%'
                        GROUP BY o.region_id) r
     WHERE c.id = s.id AND r.region_id = s.region_id
    RETURNING c.id, c.procesregisseur_id, c.last_activity_at)
UPDATE escalation_escalationrequest e
   SET outcome = 'accepted', screened_at = m.last_activity_at,
       screened_by_id = m.procesregisseur_id, acute = false
  FROM moved m WHERE e.case_id = m.id
"""


def bound_aanmeldingen(first_case_id: int) -> int:
    """Keep OPEN_AANMELDINGEN unscreened aanmeldingen per region; the rest were accepted.

    The demo generator's 5 % in phase aangemeld means 50 000 unscreened aanmeldingen at a
    million cases, while a real intake is screened within days: such a backlog never
    builds up. Aangemeld and zvh grant the same (privacy.rules.ZVH_PHASES, and these cases
    have no partners yet), so the grants stay exactly right. The accepted ones go to the
    generated regisseurs in turn: the demo regisseur keeps its DEMO_SHARE cases at every
    size (giving it all of them made it procesregisseur of 40 000 cases at a million)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(BOUND_SQL, {"first": first_case_id, "keep": OPEN_AANMELDINGEN})
        return cursor.rowcount


def generated_notifications() -> int:
    from notifications.models import Notification

    return Notification.objects.filter(event_key__startswith="bench-").count()


def generated_cases() -> int:
    from cases.models import Case

    return Case.objects.exclude(reference__startswith="DEMO").count()


def prepare(
    name: str, cases: int, *, notifications: int | None = None, reseed: bool = False
) -> float | None:
    """Point Django at PostgreSQL database `name` holding the demo plus `cases` generated
    cases (and `notifications`, default one per case): reused when it has them (kept
    between runs: a million takes minutes), else recreated and seeded. Returns the
    seeding seconds, or None when reused."""
    import os

    from common import database_exists, recreate_database, use_database
    from django.core.management import call_command

    use_database(name)
    if not reseed and database_exists(name):
        have = generated_cases()
        if have == cases and generated_notifications() >= (notifications or cases):
            print(f"database {name}: demo + {have:,} cases, reused", flush=True)
            return None
    print(f"database {name}: creating with demo + {cases:,} cases", flush=True)
    recreate_database(name)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return seed(cases, notifications=notifications)
