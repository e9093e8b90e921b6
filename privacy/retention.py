"""Retention: anonymise the personal data of cases closed longer than their region's
retention term ago (`Region.retention_years`; RETENTION_YEARS for a case without one).

What goes: names, dates of birth and addresses of the household, note texts, timeline
descriptions and data, reasons typed for participation and break-the-glass, the case
title and the "not informed" reason. What stays (statistics): phase, all dates and so
the durations, owning/receiving teams, participating organisations, event kinds and
phase transitions, and whatever other apps keep as numbers (triage levels).

The access log of those cases is kept, pseudonymised: the IP address is removed and the
free-text context replaced. On PostgreSQL a trigger refuses any UPDATE on the access log
unless `schakel.retention` is set for the transaction: this module is the one audited
path that sets it.

Other apps' data: every model outside `cases` and `privacy` with a foreign key to
`Case` has its free-text fields (`TextField`s without choices: questions, advice,
minutes, motivations) replaced when non-empty; its numbers, dates, choices and JSON
(e.g. triage scores) stay. An app that needs more (or different) handling provides
`<app>.retention.anonymise(case) -> dict[str, int]` (counts of what it replaced), or
registers a step with `register_retention_step` from its AppConfig.ready (documents:
deletes the files); the generic rule then skips that app.

Updates use `QuerySet.update`, by design: `CaseEvent.save` and `AccessLog.save` refuse
to change a row, because nothing but retention may rewrite history.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseNote, Person
from cases.phases import Phase
from organisations.models import Region

from .models import (
    AccessLog,
    BreakGlassAccess,
    CaseParticipation,
    RetentionRun,
    RetentionTombstone,
)

ANONYMISED = "[geanonimiseerd]"
PSEUDONYMISED = "[gepseudonimiseerd]"
EXTENSION_MODULES = ("triage.retention", "escalation.retention", "reports.retention")


@dataclass(frozen=True)
class RetentionStep:
    anonymise: Callable[[Case], dict[str, int]]
    # What the step would remove, for the dry run.
    count: Callable[[Case], dict[str, int]] | None = None


# Steps of apps above privacy, which it may not import: they register themselves.
_STEPS: dict[str, RetentionStep] = {}


def register_retention_step(
    app_label: str,
    *,
    anonymise: Callable[[Case], dict[str, int]],
    count: Callable[[Case], dict[str, int]] | None = None,
) -> None:
    """Run `anonymise(case)` for every anonymised case; its counts go into the tombstone
    as "<app_label>.<key>". Registering again replaces the step (tests, reloads)."""
    _STEPS[app_label] = RetentionStep(anonymise=anonymise, count=count)


@dataclass
class CasePlan:
    reference: str
    closed_at: datetime | None
    counts: dict[str, int]


@dataclass
class RetentionResult:
    dry_run: bool
    cutoff: datetime
    cases: list[CasePlan] = field(default_factory=list)
    run: RetentionRun | None = None

    @property
    def count(self) -> int:
        return len(self.cases)


def retention_cutoff(now: datetime, years: int | None = None) -> datetime:
    """`now` minus the retention period (29 February falls back to the 28th)."""
    years = settings.RETENTION_YEARS if years is None else years
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def candidates(*, now: datetime):
    """Closed, not yet anonymised cases whose closing date is before their region's
    cutoff (one query; the regions are few)."""
    past_term = Q(region__isnull=True, closed_at__lt=retention_cutoff(now))
    for region_id, years in Region.objects.values_list("pk", "retention_years"):
        past_term |= Q(region_id=region_id, closed_at__lt=retention_cutoff(now, years))
    return Case.objects.filter(
        past_term, phase=Phase.GESLOTEN, anonymised_at__isnull=True
    ).order_by("closed_at", "pk")


def _counts(case: Case) -> dict[str, int]:
    counts = {
        "persons": Person.objects.filter(case=case).count(),
        "notes": CaseNote.objects.filter(case=case).count(),
        "events": CaseEvent.objects.filter(case=case).count(),
        "access_log": AccessLog.objects.filter(case=case).count(),
        "participations": CaseParticipation.objects.filter(case=case).count(),
        "break_glass": BreakGlassAccess.objects.filter(case=case).count(),
    }
    for model, case_field, _texts in _free_text_models(set()):
        rows = model._default_manager.filter(**{case_field: case}).count()
        if rows:
            counts[f"{model._meta.app_label}.{model._meta.model_name}"] = rows
    for app, step in _STEPS.items():
        for key, value in (step.count(case) if step.count else {}).items():
            counts[f"{app}.{key}"] = value
    return counts


def _extensions():
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        yield name.split(".")[0], module


def _free_text_models(skip_apps: set[str]):
    """(model, case field name, free-text field names) of other apps' case data."""
    for model in apps.get_models():
        label = model._meta.app_label
        if label in ("cases", "privacy") or label in skip_apps:
            continue
        case_fields = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Case
        ]
        texts = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.TextField) and not f.choices
        ]
        if case_fields and texts:
            yield model, case_fields[0], texts


def _anonymise_free_text(case: Case, skip_apps: set[str]) -> None:
    for model, case_field, texts in _free_text_models(skip_apps):
        rows = model._default_manager.filter(**{case_field: case})
        for name in texts:
            # Empty stays empty, so "was there an answer?" remains answerable.
            rows.exclude(**{name: ""}).update(**{name: ANONYMISED})


def anonymise_case(case: Case, *, run: RetentionRun, now: datetime) -> RetentionTombstone:
    """Replace the personal data of one case; returns the tombstone that records it."""
    counts = _counts(case)
    Person.objects.filter(case=case).update(
        first_name=ANONYMISED, last_name="", date_of_birth=None, address="", postcode="", city=""
    )
    CaseNote.objects.filter(case=case).update(text=ANONYMISED)
    CaseEvent.objects.filter(case=case).update(description=ANONYMISED, data={})
    CaseParticipation.objects.filter(case=case).update(reason=ANONYMISED)
    BreakGlassAccess.objects.filter(case=case).update(reason=ANONYMISED, review_note="")
    AccessLog.objects.filter(case=case).pseudonymise(context=PSEUDONYMISED)
    handled = set()
    for app, module in _extensions():
        handled.add(app)
        for key, value in (module.anonymise(case) or {}).items():
            counts[f"{app}.{key}"] = value
    for app, step in _STEPS.items():
        handled.add(app)
        for key, value in (step.anonymise(case) or {}).items():
            counts[f"{app}.{key}"] = value
    # Counts of other apps' rows came from _counts (rows, as the dry run shows them).
    _anonymise_free_text(case, handled)
    Case.objects.filter(pk=case.pk).update(
        title=ANONYMISED, client_not_informed_reason="", anonymised_at=now
    )
    return RetentionTombstone.objects.create(
        run=run,
        case=case,
        reference=case.reference,
        closed_at=case.closed_at,
        anonymised_at=now,
        removed=counts,
    )


def retention_run(
    *, now: datetime | None = None, dry_run: bool = False, triggered_by: str = ""
) -> RetentionResult:
    """Anonymise every candidate case, or with `dry_run` only report what would change."""
    now = now or timezone.now()
    result = RetentionResult(dry_run=dry_run, cutoff=retention_cutoff(now))
    if dry_run:
        for case in candidates(now=now):
            result.cases.append(CasePlan(case.reference, case.closed_at, _counts(case)))
        return result
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The one path allowed to update access-log rows (see migration 0003).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL schakel.retention = 'on'")
        run = RetentionRun.objects.create(
            started_at=now,
            reference_moment=now,
            retention_years=settings.RETENTION_YEARS,
            triggered_by=triggered_by[:100],
        )
        for case in candidates(now=now).select_for_update():
            tombstone = anonymise_case(case, run=run, now=now)
            result.cases.append(CasePlan(case.reference, case.closed_at, tombstone.removed))
        run.cases_anonymised = len(result.cases)
        run.finished_at = timezone.now()
        run.save(update_fields=["cases_anonymised", "finished_at"])
        result.run = run
        if connection.vendor == "postgresql":
            # Should a caller have wrapped us in a longer transaction, close the door again.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL schakel.retention = 'off'")
    return result
