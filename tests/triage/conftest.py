from __future__ import annotations

import pytest

from triage import demo as triage_demo_module


@pytest.fixture
def triage_demo(demo):
    """The demo stories with their triage assessments (triage.demo.seed)."""
    triage_demo_module.seed(cases=demo.cases, users=demo.users, orgs=demo.orgs)
    return demo


@pytest.fixture
def admin_client(demo):
    return demo.client_for("admin")
