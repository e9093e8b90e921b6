"""Helpers for workflow tests: triage assessments and moving a case through phases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from organisations.models import Role
from tests.escalation.reminder_helpers import full_demo  # noqa: F401  (fixture)
from tests.factories import member


def assess(case: Case, level: int, *, days_ago: float = 0, risks: dict | None = None):
    """A triage assessment of `level` for `case`, made `days_ago` days ago."""
    from triage.engine import LEVEL_NAMES
    from triage.models import Ruleset, TriageAssessment

    ruleset = Ruleset.objects.get(is_active=True)
    moment = timezone.now() - timedelta(days=days_ago)
    return TriageAssessment.objects.create(
        case=case,
        answers={"risks": risks or {}},
        score=4 + 6 * level,
        level=level,
        level_name=LEVEL_NAMES[level],
        reasons=[{"rule": "geweld", "points": 4}, {"rule": "zorg_en_veiligheid", "points": 4}],
        zvh_criteria={
            "multiproblem": True,
            "meerdere_ketens": True,
            "systeemimpact": False,
            "lokaal_veiligheidsprobleem": False,
            "voldaan": False,
        },
        ruleset=ruleset,
        ruleset_name=ruleset.name,
        assessed_at=moment,
        created_at=moment,
    )


def fresh(case: Case) -> Case:
    return Case.objects.select_related("owning_team", "receiving_team").get(pk=case.pk)


class Flow:
    """Drive a case through the workflow with the demo users, as the services do."""

    def __init__(self, demo) -> None:
        self.demo = demo
        self.u = demo.users
        self.today = timezone.localdate()

    def escalate(self, case: Case, *, level: int = 2, **kwargs):
        from escalation.services.request import escalation_request

        assess(case, level)
        return escalation_request(
            user=kwargs.pop("user", self.u["wijkteam"]),
            case=case,
            aanleiding=kwargs.pop("aanleiding", "Geweld in het gezin en een vastgelopen hulp."),
            doel=kwargs.pop("doel", "Eén plan voor het hele gezin."),
            client_informed=kwargs.pop("client_informed", True),
            **kwargs,
        )

    def accept(self, case: Case, **kwargs):
        from escalation.services.screening import escalation_accept

        return escalation_accept(
            user=kwargs.pop("user", self.u["regisseur"]),
            case=case,
            procesregisseur=kwargs.pop("procesregisseur", self.u["regisseur"]),
            review_date=kwargs.pop("review_date", self.today + timedelta(days=14)),
            **kwargs,
        )

    def propose(self, case: Case, *, team=None, **kwargs):
        from escalation.services.handover import Checklist, handover_propose

        team = team or self.demo.orgs["Wijkteam Noord"]
        named = self.u["wijkteam"] if team.name == "Wijkteam Noord" else self.u["wijkteam2"]
        return handover_propose(
            user=kwargs.pop("user", self.u["regisseur"]),
            case=case,
            receiving_team=team,
            checklist=kwargs.pop(
                "checklist",
                Checklist(
                    safety_risk_reduced=True,
                    goals_met_or_transferred=True,
                    regiehouder_named=True,
                    client_informed=True,
                    aftercare_agreed=True,
                ),
            ),
            named_regiehouder=named,
            aftercare_agreements="Maandelijks contact.",
            aftercare_check_date=self.today + timedelta(days=30),
            **kwargs,
        )

    def accept_handover(self, case: Case, *, user=None, **kwargs):
        from escalation.services.handover import handover_accept

        return handover_accept(
            user=user or self.u["wijkteam"],
            case=case,
            meeting_date=self.today,
            meeting_attendees="Regisseur, wijkteam en cliënt",
            **kwargs,
        )


@pytest.fixture
def flow(demo) -> Flow:
    return Flow(demo)


@pytest.fixture
def wf_demo(demo):
    """The demo stories completed by escalation.demo (requests, plan, handovers)."""
    from escalation.demo import seed

    seed(cases=demo.cases, users=demo.users, orgs=demo.orgs)
    return demo


@pytest.fixture
def regisseur2(demo):
    return member(
        demo.orgs["Zorg- en Veiligheidshuis"], Role.PROCESREGISSEUR, username="regisseur2"
    )


@pytest.fixture
def gemeente_user(demo):
    return member(demo.orgs["Gemeente"], Role.MEDEWERKER, username="gemeente1")
