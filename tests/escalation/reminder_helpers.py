"""Helpers for reminder tests: the demo stories with their triage and workflow state
(`full_demo`, used through the conftest files), moments, and due cases in bulk."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from cases.phases import Phase
from escalation.models import (
    Action,
    ActionPlan,
    ActionStatus,
    AftercareCheck,
    EscalationRequest,
    Handover,
    Outcome,
    ZvhTrack,
)
from notifications.models import Reminder
from privacy.grants import sync_case_access
from privacy.services import participation_add
from tests.factories import CaseFactory


@pytest.fixture
def full_demo(demo):
    """The demo stories completed as `seed_demo` does (triage assessments, aanmeldingen,
    plan van aanpak, handovers, nazorg check)."""
    from escalation.demo import seed as escalation_seed
    from triage.demo import seed as triage_seed

    triage_seed(cases=demo.cases, users=demo.users, orgs=demo.orgs)
    escalation_seed(cases=demo.cases, users=demo.users, orgs=demo.orgs)
    return demo


def at(days: int, hour: int = 9) -> datetime:
    """`days` from today at `hour` o'clock, Amsterdam time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def received(user) -> set[tuple[str, str]]:
    """(kind, case reference) of every reminder the user has."""
    return set(Reminder.objects.filter(recipient=user).values_list("kind", "case__reference"))


def add_due_cases(demo, n: int) -> None:
    """`n` more cases for every reminder kind, due today (built as the services leave
    them, with grants recomputed by the access layer)."""
    from tests.escalation.conftest import assess

    u, o = demo.users, demo.orgs
    noord, zuid = o["Wijkteam Noord"], o["Wijkteam Zuid"]
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=200)
    for _i in range(n):
        common = {"owning_team": noord, "regiehouder": u["wijkteam"]}
        aangemeld = CaseFactory(phase=Phase.AANGEMELD, **common)
        EscalationRequest.objects.create(
            case=aangemeld,
            requested_by=u["wijkteam"],
            aanleiding="a",
            doel="d",
            client_informed=True,
            screening_deadline=today - timedelta(days=2),
        )
        zvh = CaseFactory(phase=Phase.ZVH, procesregisseur=u["regisseur"], **common)
        request = EscalationRequest.objects.create(
            case=zvh,
            requested_by=u["wijkteam"],
            aanleiding="a",
            doel="d",
            client_informed=True,
            screening_deadline=today - timedelta(days=30),
            outcome=Outcome.ACCEPTED,
            screened_at=timezone.now() - timedelta(days=29),
        )
        ZvhTrack.objects.create(
            case=zvh, request=request, accepted_by=u["regisseur"], review_date=today
        )
        plan = ActionPlan.objects.create(case=zvh, goals="g", created_by=u["regisseur"])
        Action.objects.create(
            plan=plan,
            case=zvh,
            description="x",
            owner_organisation=o["Politie"],
            owner_person=u["politie"],
            deadline=today - timedelta(days=1),
            status=ActionStatus.OPEN,
            created_by=u["regisseur"],
        )
        participation_add(case=zvh, organisation=o["Politie"], user=u["regisseur"], reason="r")
        afschaling = CaseFactory(
            phase=Phase.AFSCHALING,
            procesregisseur=u["regisseur"],
            receiving_team=zuid,
            **common,
        )
        Handover.objects.create(
            case=afschaling,
            proposed_by=u["regisseur"],
            proposed_at=timezone.now() - timedelta(days=11),
            receiving_team=zuid,
        )
        nazorg = CaseFactory(phase=Phase.NAZORG, **common)
        AftercareCheck.objects.create(case=nazorg, due_date=today - timedelta(days=8))
        stuck = CaseFactory(phase=Phase.WIJKTEAM, phase_changed_at=long_ago, **common)
        assess(stuck, 1, days_ago=100)
        for case in (aangemeld, zvh, afschaling, nazorg, stuck):
            sync_case_access(Case.objects.get(pk=case.pk))


def mailed_lines(outbox) -> Counter:
    """(address, "- Casus REF: kind (dd-mm-jjjj") for every reminder line in the e-mails."""
    return Counter(
        (message.to[0], line.split(")")[0])
        for message in outbox
        for line in message.body.splitlines()
        if line.startswith("- Casus ")
    )


def expected_lines(reminders) -> Counter:
    """The same for reminders, as each should be mailed once to its recipient."""
    return Counter(
        (
            r.recipient.email,
            f"- Casus {r.case.reference}: {r.get_kind_display()} ({r.due_date:%d-%m-%Y}",
        )
        for r in reminders
    )
