"""Meekijken: the ZVH reads basis, signalen and triage until 14 days after its answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.phases import Phase
from escalation.services.consultation import consultation_answer, consultation_ask
from escalation.transitions import TransitionRefused
from privacy.access import case_access

from .conftest import fresh


@pytest.fixture
def case(demo):
    return fresh(demo.cases["DEMO-STAGNATIE"])


def test_regisseur_reads_only_basis_signalen_and_triage_while_a_question_is_open(demo, case):
    assert case_access(demo.users["regisseur"], case).categories == frozenset()
    consultation_ask(user=demo.users["wijkteam"], case=case, question="Wat raadt u aan?")
    access = case_access(demo.users["regisseur"], fresh(case))
    assert access.categories == {"basis", "signalen", "triage"}
    assert not access.can_change
    assert fresh(case).phase == Phase.WIJKTEAM


def test_advice_access_ends_fourteen_days_after_the_answer(demo, case):
    consultation_ask(user=demo.users["wijkteam"], case=case, question="Wat raadt u aan?")
    consultation_answer(user=demo.users["regisseur"], case=fresh(case), answer="Schaal op.")
    case = fresh(case)
    assert case.advice_access_until - timezone.now() == pytest.approx(
        timedelta(days=14), abs=timedelta(minutes=1)
    )
    assert case_access(demo.users["regisseur"], case).can_see("signalen")
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        from privacy.grants import sync_case_access

        sync_case_access(case)
        assert not case_access(demo.users["regisseur"], case).categories


def test_wijkteam_cannot_ask_a_second_question_before_the_first_is_answered(demo, case):
    consultation_ask(user=demo.users["wijkteam"], case=case, question="Wat raadt u aan?")
    with pytest.raises(TransitionRefused, match="al een meekijkverzoek open"):
        consultation_ask(user=demo.users["wijkteam"], case=fresh(case), question="En nu?")
    assert case.consultations.count() == 1


def test_answering_twice_is_refused_and_keeps_the_first_advice(demo, case):
    consultation_ask(user=demo.users["wijkteam"], case=case, question="Wat raadt u aan?")
    consultation_answer(user=demo.users["regisseur"], case=fresh(case), answer="Eerste advies.")
    with pytest.raises(TransitionRefused, match="al beantwoord"):
        consultation_answer(user=demo.users["regisseur"], case=fresh(case), answer="Tweede advies")
    assert case.consultations.get().answer == "Eerste advies."
