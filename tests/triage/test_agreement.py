"""The CLI, the engine and the case page agree on every input (issue: "Done when")."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy.access import case_access
from triage.defaults import RULESET_V1
from triage.engine import DOMAINS, RISKS, evaluate, validate_answers
from triage.presentation import result_view

pytestmark = pytest.mark.django_db

answers_strategy = st.fixed_dictionaries(
    {
        "domains": st.dictionaries(st.sampled_from(DOMAINS), st.integers(1, 5)),
        "risks": st.dictionaries(st.sampled_from(RISKS), st.booleans()),
        "organisations": st.integers(0, 12),
        "months_in_wijkteam": st.integers(0, 30),
    }
)


def cli(answers: dict) -> dict:
    out = io.StringIO()
    call_command("triage_evaluate", stdin=io.StringIO(json.dumps(answers)), stdout=out)
    return json.loads(out.getvalue())


def page(client, case, answers: dict):
    data = {f"domain_{d}": str(answers["domains"].get(d, "")) for d in DOMAINS}
    data.update({f"risk_{r}": "on" for r, v in answers["risks"].items() if v})
    data.update(
        organisations=str(answers["organisations"]),
        months_in_wijkteam=str(answers["months_in_wijkteam"]),
        action="calculate",
    )
    response = client.post(reverse("triage:assessment_new", args=[case.pk]), data)
    assert response.status_code == 200
    return response.context["result"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answers=answers_strategy)
def test_cli_engine_and_case_page_agree(demo, answers) -> None:
    engine = evaluate(answers, RULESET_V1).to_dict()
    assert cli(answers) == engine
    worker, case = demo.users["wijkteam"], demo.cases["DEMO-ADVIES"]
    shown = page(demo.client_for("wijkteam"), case, answers)
    # The owning wijkteam may see gezondheid, so the page withholds nothing.
    expected = result_view(engine, validate_answers(answers), access=case_access(worker, case))
    assert shown == expected
    assert not shown.health_withheld
