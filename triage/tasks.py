"""Celery tasks of the triage app: thin wrappers around the services and rescoring."""

from __future__ import annotations

from celery import shared_task

from . import rescoring, selectors


@shared_task(name="triage.rescore_open_cases")
def rescore_open_cases(
    ruleset_name: str | None = None,
    batch_size: int = rescoring.DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
) -> dict:
    """Re-evaluate the latest assessment of every open case (default: the active version).

    Safe to run twice: a case whose latest assessment already uses the version is skipped.
    """
    ruleset = (
        selectors.ruleset_by_name(ruleset_name) if ruleset_name else selectors.active_ruleset()
    )
    if ruleset is None:
        raise ValueError(f"unknown ruleset {ruleset_name!r}")
    return rescoring.rescore_open_cases(
        ruleset=ruleset, apply=not dry_run, batch_size=batch_size
    ).as_dict()
