"""Checks that a restored database copy is usable: the pieces `manage.py restore_check`
(workplace) reports on. Plain SQL on a named connection, so the check can read a
scratch database that is not the one the application runs on."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connections


@dataclass
class RestoreReport:
    """What a restored copy holds; `problems` is empty when the copy passes."""

    counts: dict[str, int] = field(default_factory=dict)
    triggers: dict[str, bool] = field(default_factory=dict)
    latest_ids: dict[str, int | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _trigger_present(cursor, vendor: str, table: str, trigger: str) -> bool:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass "
            "AND tgenabled <> 'D'",
            [trigger, table],
        )
    else:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s AND tbl_name = %s",
            [trigger, table],
        )
    return cursor.fetchone() is not None


def restore_check(
    *,
    using: str,
    tables: list[str],
    triggers: dict[str, str],
    latest: dict[str, int | None],
) -> RestoreReport:
    """Count `tables`, look for each `triggers` (trigger → table) and for the row id
    `latest[table]` (the newest id the source held; None: skip) in the copy at `using`."""
    report = RestoreReport()
    conn = connections[using]
    qn = conn.ops.quote_name
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {qn(table)}")  # noqa: S608 - our names
            report.counts[table] = cursor.fetchone()[0]
        for trigger, table in triggers.items():
            present = _trigger_present(cursor, conn.vendor, table, trigger)
            report.triggers[trigger] = present
            if not present:
                report.problems.append(f"trigger {trigger} on {table} is missing")
        for table, wanted in latest.items():
            cursor.execute(f"SELECT max(id) FROM {qn(table)}")  # noqa: S608 - our names
            found = cursor.fetchone()[0]
            report.latest_ids[table] = found
            if wanted is not None and (found is None or found < wanted):
                report.problems.append(f"{table}: newest row {wanted} missing (copy has {found})")
    return report
