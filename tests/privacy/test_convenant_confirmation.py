"""A convenant change is confirmed before it is saved: the page says in plain Dutch what
it does to the open cases of the region and asks for the decision it rests on (issue 16,
point 9). Nothing changes before the confirmation; a stale confirmation saves nothing.

Demo data, Regio Midden (the privacy officer's region): 9 open cases; 5 in a ZVH phase;
politie takes part in 2 (DEMO-ZVH, DEMO-NAZORG), GGZ in 2 (DEMO-ZVH, DEMO-ZUID-2),
reclassering in 1 (DEMO-AFSCHALING). DEMO-OOST belongs to Regio Oost and does not count.
"""

from __future__ import annotations

import re

import pytest

from privacy.convenant import DEFAULT_MATRIX
from privacy.convenant_impact import change_plan
from privacy.matrix import sharing_rules_set
from privacy.models import CaseGroupObjectPermission, SharingRule, SharingRuleChange


def _default_cells(**changes) -> list[str]:
    """The default matrix as POST values, with `party=(category, allowed)` changes."""
    cells = {f"{party}:{cat}" for party, cats in DEFAULT_MATRIX.items() for cat in cats}
    for party, (category, allowed) in changes.items():
        (cells.add if allowed else cells.discard)(f"{party}:{category}")
    return sorted(cells)


def _prepare(client, cells):
    return client.post("/privacy/convenant/", {"cell": cells})


def _version(response) -> str:
    return re.search(r'name="version" value="([0-9a-f]+)"', response.content.decode())[1]


def _cells_state():
    return sorted(
        SharingRule.objects.filter(allowed=True).values_list("region", "party", "category")
    )


def test_the_confirmation_shows_the_impact_per_cell_and_saves_nothing(demo):
    before_cells = _cells_state()
    before_grants = CaseGroupObjectPermission.objects.count()
    cells = _default_cells(politie=("gezondheid", True), ggz=("gezondheid", False))
    cells += ["reclassering:zorg", "veilig_thuis:justitie"]

    response = _prepare(demo.client_for("privacy"), cells)

    assert response.status_code == 200
    body = " ".join(response.content.decode().split())
    assert "Politie krijgt inzage in Gezondheid in 2 open casussen." in body
    assert "GGZ verliest inzage in Gezondheid in 2 open casussen." in body
    assert "Reclassering krijgt inzage in Zorg en ondersteuning in 1 open casus." in body
    assert "Veilig Thuis krijgt inzage in Justitie; dat raakt nu geen open casus." in body
    assert "Regio Midden" in body
    assert "Kenmerk van het besluit" in body
    # Nothing is saved or applied before the confirmation.
    assert not SharingRuleChange.objects.exists()
    assert _cells_state() == before_cells
    assert CaseGroupObjectPermission.objects.count() == before_grants


def test_the_owner_and_zvh_rows_count_the_open_cases_they_read(demo):
    plan = change_plan(
        user=demo.users["privacy"],
        cells=[
            tuple(c.split(":"))
            for c in _default_cells(owner=("justitie", False), zvh=("gezondheid", False))
        ],
    )
    sentences = [c.sentence for c in plan.changes]
    assert sentences == [
        "Eigenaar (wijkteam) verliest inzage in Justitie in 9 open casussen.",
        "Zorg- en Veiligheidshuis verliest inzage in Gezondheid in 5 open casussen.",
    ]


def test_a_confirmation_needs_the_decision_and_saves_nothing_without_it(demo):
    client = demo.client_for("privacy")
    cells = _default_cells(politie=("zorg", True))
    version = _version(_prepare(client, cells))

    response = client.post(
        "/privacy/convenant/bevestigen/",
        {"cell": cells, "decision_reference": "  ", "version": version},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul het kenmerk van het besluit in" in body
    assert "Politie krijgt inzage in Zorg en ondersteuning in 2 open casussen." in body
    assert not SharingRuleChange.objects.exists()
    assert not SharingRule.objects.get(
        region__name="Regio Midden", party="politie", category="zorg"
    ).allowed

    saved = client.post(
        "/privacy/convenant/bevestigen/",
        {"cell": cells, "decision_reference": "besluit stuurgroep 12-11-2026", "version": version},
    )
    assert saved.status_code == 302
    change = SharingRuleChange.objects.get()
    assert change.decision_reference == "besluit stuurgroep 12-11-2026"
    history = client.get("/privacy/convenant/").content.decode()
    assert "besluit stuurgroep 12-11-2026" in history


def test_a_stale_confirmation_saves_nothing_and_says_why(demo):
    client = demo.client_for("privacy")
    cells = _default_cells(politie=("zorg", True))
    version = _version(_prepare(client, cells))
    # Meanwhile a colleague changes another cell.
    other = [tuple(c.split(":")) for c in _default_cells(om=("signalen", True))]
    sharing_rules_set(user=demo.users["privacy"], cells=other, decision_reference="besluit A")

    response = client.post(
        "/privacy/convenant/bevestigen/",
        {"cell": cells, "decision_reference": "besluit B", "version": version},
    )

    assert response.status_code == 409
    assert "gewijzigd nadat u deze wijziging voorbereidde" in response.content.decode()
    assert list(SharingRuleChange.objects.values_list("decision_reference", flat=True)) == [
        "besluit A"
    ]
    assert not SharingRule.objects.get(
        region__name="Regio Midden", party="politie", category="zorg"
    ).allowed


def test_submitting_the_unchanged_matrix_changes_nothing(demo):
    response = _prepare(demo.client_for("privacy"), _default_cells())
    assert response.status_code == 302
    assert not SharingRuleChange.objects.exists()


def test_counting_the_impact_takes_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    cells = [
        tuple(c.split(":"))
        for c in _default_cells(politie=("zorg", True), ggz=("justitie", True), om=("basis", False))
    ]
    with django_assert_max_num_queries(8):
        plan = change_plan(user=demo.users["privacy"], cells=cells)
    assert len(plan.changes) == 3


@pytest.mark.parametrize(
    "username", ["wijkteam", "regisseur", "politie", "ggz", "manager", "admin"]
)
def test_only_the_privacy_officer_prepares_or_confirms_a_change(demo, username):
    client = demo.client_for(username)
    cells = _default_cells(politie=("zorg", True))
    assert client.get("/privacy/convenant/").status_code == 403
    assert _prepare(client, cells).status_code == 403
    confirmed = client.post(
        "/privacy/convenant/bevestigen/",
        {"cell": cells, "decision_reference": "besluit", "version": "0"},
    )
    assert confirmed.status_code == 403
    assert not SharingRuleChange.objects.exists()
