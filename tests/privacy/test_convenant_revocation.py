"""Revoking a convenant cell takes effect at once, with no Celery worker running.

Found by the outside review (Trust II, finding 5): politie kept reading justitie notes
until the worker got round to the resync. Granting may wait for the worker; revoking
may not.
"""

from __future__ import annotations

from privacy.access import case_access
from privacy.models import CaseGroupObjectPermission
from tests.case_pages import case_page_text
from tests.privacy.test_convenant_ui import _default_cells, confirm_change


def _revoke(demo, party: str, category: str):
    # Callbacks are captured and NOT executed: no worker ever runs the resync task.
    return confirm_change(demo.client_for("privacy"), _default_cells(**{party: (category, False)}))


def test_police_loses_justitie_notes_the_moment_the_cell_is_revoked(
    demo, django_capture_on_commit_callbacks
):
    case = demo.cases["DEMO-ZVH"]
    politie = demo.client_for("politie")
    assert "[JUSTITIE]" in case_page_text(politie, case.pk)

    with django_capture_on_commit_callbacks(execute=False):
        assert _revoke(demo, "politie", "justitie").status_code == 302

    body = case_page_text(politie, case.pk)
    assert "[JUSTITIE]" not in body
    assert not case_access(demo.users["politie"], case).can_see("justitie")
    # Other partners keep what the matrix still gives them.
    assert case_access(demo.users["ggz"], case).can_see("gezondheid")


def test_revoking_the_zvh_cell_hides_it_from_the_regisseur_at_once(
    demo, django_capture_on_commit_callbacks
):
    case = demo.cases["DEMO-ZVH"]
    assert case_access(demo.users["regisseur"], case).can_see("overleg")
    with django_capture_on_commit_callbacks(execute=False):
        _revoke(demo, "zvh", "overleg")
    assert not case_access(demo.users["regisseur"], case).can_see("overleg")
    assert case_access(demo.users["wijkteam"], case).can_see("overleg")


def test_revoking_an_owner_cell_hides_it_from_the_owning_team_at_once(
    demo, django_capture_on_commit_callbacks
):
    case = demo.cases["DEMO-ZVH"]
    with django_capture_on_commit_callbacks(execute=False):
        _revoke(demo, "owner", "justitie")
    assert not case_access(demo.users["wijkteam"], case).can_see("justitie")
    assert case_access(demo.users["regisseur"], case).can_see("justitie")


def test_a_new_grant_waits_for_the_resync_task(demo, django_capture_on_commit_callbacks):
    case = demo.cases["DEMO-ZVH"]
    before = CaseGroupObjectPermission.objects.count()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        confirm_change(demo.client_for("privacy"), _default_cells(politie=("zorg", True)))
    assert len(callbacks) == 1
    assert CaseGroupObjectPermission.objects.count() == before
    assert not case_access(demo.users["politie"], case).can_see("zorg")
