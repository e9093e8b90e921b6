"""Everything `seed_demo` creates, as one function for the command and the tests."""

from __future__ import annotations

import importlib

from .people import seed_organisations, seed_users
from .stories import seed_stories

# Apps that add their part of the demo stories (triage assessments, plans, ...)
# provide `<app>.demo.seed(cases=..., users=..., orgs=...)`.
EXTENSION_MODULES = ("triage.demo", "escalation.demo", "reports.demo")


def ensure_reference_data() -> None:
    """Rows the data migrations ship (convenant matrix, triage v1), restored if missing."""
    from privacy.convenant import ensure_default_matrix
    from triage.services import ensure_default_ruleset

    ensure_default_matrix()
    ensure_default_ruleset()


def seed_demo_data() -> tuple[dict, dict, dict]:
    """Demo organisations, users and story cases; returns (orgs, users, cases). Idempotent."""
    ensure_reference_data()
    orgs = seed_organisations()
    users = seed_users(orgs)
    cases = seed_stories(users=users, orgs=orgs)
    seed_extensions(cases=cases, users=users, orgs=orgs)
    return orgs, users, cases


def seed_extensions(*, cases: dict, users: dict, orgs: dict) -> None:
    """Let every app that has a `demo` module complete the story cases."""
    for module_name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.seed(cases=cases, users=users, orgs=orgs)
