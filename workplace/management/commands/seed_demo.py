from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from workplace.demo.generate import generate_cases
from workplace.demo.seed import seed_demo_data


class Command(BaseCommand):
    help = "Vult de database met demo-organisaties, -gebruikers en -casussen (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--cases", type=int, default=0, help="Voeg N gegenereerde casussen toe."
        )

    def handle(self, *args, cases: int = 0, **options) -> None:
        if cases < 0:
            self.stderr.write("--cases moet 0 of groter zijn.")
            raise SystemExit(2)
        orgs, users, stories = seed_demo_data()
        self.stdout.write(
            f"Demo: {len(orgs)} organisaties, {len(users)} gebruikers, "
            f"{len(stories)} verhaalcasussen."
        )
        if cases:
            started = time.perf_counter()
            created = generate_cases(cases, users=users, orgs=orgs)
            self.stdout.write(
                f"{created} gegenereerde casussen toegevoegd in "
                f"{time.perf_counter() - started:.1f} s."
            )
            if connection.vendor == "postgresql":
                # Planner statistics for the bulk-inserted rows now, not when autovacuum
                # gets to them: without them the first pages plan sequential scans.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
