"""Everything `seed_demo` creates, as one function for the command and the tests."""

from __future__ import annotations

from escalation import demo as escalation_demo
from privacy.convenant import ensure_default_matrix
from triage import demo as triage_demo
from triage.services import ensure_default_ruleset

from .people import seed_organisations, seed_users
from .stories import seed_stories


def ensure_reference_data() -> None:
    """Rows the data migrations ship (convenant matrix, triage v1), restored if missing."""
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
    """The feature apps complete the story cases: triage assessments, then the workflow."""
    triage_demo.seed(cases=cases, users=users, orgs=orgs)
    escalation_demo.seed(cases=cases, users=users, orgs=orgs)
