"""`manage.py restore_check [--database URL] [--expect-latest-log ID]`: verify a restored
copy (row counts of the main tables, the access log's append-only trigger, the newest
access-log row). Exit status 1 when a check fails."""

from __future__ import annotations

import environ
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lib.restore_check import restore_check
from privacy.models import AccessLog

MAIN_TABLES = [
    "cases_case",
    "cases_person",
    "cases_casenote",
    "privacy_accesslog",
    "notifications_reminder",
    "auth_user",
]
# PostgreSQL only: on SQLite the append-only rule is enforced without a trigger.
APPEND_ONLY_TRIGGERS = {"privacy_accesslog_append_only": AccessLog._meta.db_table}
ALIAS = "restore_check"


class Command(BaseCommand):
    help = "Controleer een teruggezette databasekopie (aantallen, trigger, laatste logregel)."

    def add_arguments(self, parser):
        parser.add_argument("--database", help="URL of the restored copy (default: this one)")
        parser.add_argument(
            "--expect-latest-log",
            type=int,
            help="id of the newest access-log row in the source, taken at backup time",
        )

    def handle(self, *args, database=None, expect_latest_log=None, **options):
        using = "default"
        if database:
            connections.settings[ALIAS] = {
                **connections.settings["default"],
                **environ.Env.db_url_config(database),
            }
            using = ALIAS
        vendor = connections[using].vendor
        report = restore_check(
            using=using,
            tables=MAIN_TABLES,
            triggers=APPEND_ONLY_TRIGGERS if vendor == "postgresql" else {},
            latest={AccessLog._meta.db_table: expect_latest_log},
        )
        for table, count in report.counts.items():
            self.stdout.write(f"{table}: {count}")
        for trigger, present in report.triggers.items():
            self.stdout.write(f"trigger {trigger}: {'aanwezig' if present else 'ONTBREEKT'}")
        self.stdout.write(f"laatste toegangslogregel: {report.latest_ids.get('privacy_accesslog')}")
        if using == ALIAS:
            connections[ALIAS].close()
        if not report.ok:
            raise CommandError("Terugzetcontrole mislukt: " + "; ".join(report.problems))
        self.stdout.write(self.style.SUCCESS("Terugzetcontrole geslaagd."))
