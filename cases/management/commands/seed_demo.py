from __future__ import annotations

import importlib
import time

from django.core.management.base import BaseCommand, CommandParser

from cases.demo.generate import generate_cases
from cases.demo.people import seed_organisations, seed_users
from cases.demo.stories import seed_stories
from privacy.convenant import ensure_default_matrix

# Apps that add their part of the demo stories (triage assessments, plans, ...)
# provide `<app>.demo.seed(cases=..., users=..., orgs=...)`.
EXTENSION_MODULES = ("triage.demo", "escalation.demo", "reports.demo")


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
        ensure_default_matrix()
        orgs = seed_organisations()
        users = seed_users(orgs)
        stories = seed_stories(users=users, orgs=orgs)
        for module_name in EXTENSION_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.seed(cases=stories, users=users, orgs=orgs)
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
