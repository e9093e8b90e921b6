"""The privacy officer edits the convenant matrix; changes are logged and applied."""

from __future__ import annotations

import re

from privacy.access import case_access
from privacy.convenant import DEFAULT_MATRIX
from privacy.matrix import resync_all_open_cases, resync_cases
from privacy.models import CaseGroupObjectPermission, SharingRule, SharingRuleChange
from privacy.tasks import resync_open_cases
from tests.case_pages import case_page_text


def _default_cells(**changes) -> list[str]:
    """The default matrix as POST values, with `party=(category, allowed)` changes."""
    cells = {f"{party}:{cat}" for party, cats in DEFAULT_MATRIX.items() for cat in cats}
    for party, (category, allowed) in changes.items():
        key = f"{party}:{category}"
        if allowed:
            cells.add(key)
        else:
            cells.discard(key)
    return sorted(cells)


def confirm_change(
    client, cells: list[str], *, decision: str = "Besluit stuurgroep 12-11-2026", reason: str = ""
):
    """Both steps of a convenant change: prepare (the confirmation page), then confirm
    with the decision reference and the matrix version the page carries."""
    prepared = client.post("/privacy/convenant/", {"cell": cells})
    assert prepared.status_code == 200, prepared.content.decode()[:500]
    version = re.search(r'name="version" value="([0-9a-f]+)"', prepared.content.decode())
    assert version, "the confirmation page carries the matrix version"
    return client.post(
        "/privacy/convenant/bevestigen/",
        {"cell": cells, "decision_reference": decision, "reason": reason, "version": version[1]},
    )


def test_privacy_officer_sees_an_accessible_matrix(demo):
    response = demo.client_for("privacy").get("/privacy/convenant/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<caption>" in body
    assert '<th scope="col"' in body and '<th scope="row"' in body
    # Every checkbox has its own label naming party and category.
    assert 'for="cell-politie-gezondheid"' in body
    assert 'id="cell-politie-justitie"' in body
    assert body.count('type="checkbox"') == body.count('<label for="cell-')


def test_other_roles_cannot_open_the_matrix(demo):
    for username in ("wijkteam", "regisseur", "politie", "manager", "admin"):
        assert demo.client_for(username).get("/privacy/convenant/").status_code == 403


def test_a_change_is_logged_and_applied_to_open_cases(demo, django_capture_on_commit_callbacks):
    case = demo.cases["DEMO-ZVH"]
    police = demo.users["politie"]
    assert not case_access(police, case).can_see("zorg")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = confirm_change(
            demo.client_for("privacy"),
            _default_cells(politie=("zorg", True)),
            decision="Besluit stuurgroep 12-11-2026",
            reason="Zorgsignalen helpen de wijkagent",
        )
    assert len(callbacks) == 1, "the resync task is queued once, after commit"
    assert response.status_code == 302
    change = SharingRuleChange.objects.get()
    assert (change.party, change.category, change.old_allowed, change.new_allowed) == (
        "politie",
        "zorg",
        False,
        True,
    )
    assert change.changed_by == demo.users["privacy"]
    assert change.decision_reference == "Besluit stuurgroep 12-11-2026"
    assert change.reason == "Zorgsignalen helpen de wijkagent"
    # Tests run Celery eagerly: the resync task ran as the on-commit callback.
    assert case_access(police, case).can_see("zorg")
    page = case_page_text(demo.client_for("politie"), case.pk)
    assert "[ZORG]" in page
    history = demo.client_for("privacy").get("/privacy/convenant/").content.decode()
    assert "Besluit stuurgroep 12-11-2026" in history


def test_revoking_a_cell_hides_the_category_at_once(demo, django_capture_on_commit_callbacks):
    case = demo.cases["DEMO-ZVH"]
    with django_capture_on_commit_callbacks(execute=True):
        confirm_change(demo.client_for("privacy"), _default_cells(ggz=("gezondheid", False)))
    page = case_page_text(demo.client_for("ggz"), case.pk)
    assert "[GEZONDHEID]" not in page
    assert "[ZORG]" in page


def test_the_owner_basis_cell_cannot_be_removed(demo):
    response = demo.client_for("privacy").post(
        "/privacy/convenant/", {"cell": _default_cells(owner=("basis", False))}
    )
    assert response.status_code == 400
    assert "basisgegevens" in response.content.decode()
    assert all(r.allowed for r in SharingRule.objects.filter(party="owner", category="basis"))
    assert not SharingRuleChange.objects.exists()


def test_unknown_cells_change_nothing(demo):
    response = demo.client_for("privacy").post(
        "/privacy/convenant/", {"cell": [*_default_cells(), "hacker:alles"]}
    )
    assert response.status_code == 400
    assert not SharingRuleChange.objects.exists()


def test_resync_task_repairs_grants_of_all_open_cases_in_batches(demo):
    case = demo.cases["DEMO-ZVH"]
    expected = set(
        CaseGroupObjectPermission.objects.filter(content_object=case).values_list(
            "group_id", "permission_id"
        )
    )
    CaseGroupObjectPermission.objects.filter(content_object=case).delete()
    closed = demo.cases["DEMO-GESLOTEN"]
    changed = resync_all_open_cases(batch_size=2)
    assert changed >= len(expected)
    actual = set(
        CaseGroupObjectPermission.objects.filter(content_object=case).values_list(
            "group_id", "permission_id"
        )
    )
    assert actual == expected
    assert not CaseGroupObjectPermission.objects.filter(content_object=closed).exists()
    # Idempotent: a second run changes nothing.
    assert resync_open_cases() == 0


def test_resync_of_a_batch_takes_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    ids = [c.pk for c in demo.cases.values()]
    with django_assert_max_num_queries(10):
        resync_cases(ids)
