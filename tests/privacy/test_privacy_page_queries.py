"""Privacy pages take a fixed number of queries, whatever the amount of data (as a
normal, non-superuser user: superusers would hide permission queries)."""

from __future__ import annotations

from privacy.models import AccessLog, BreakGlassAccess


def _fill_log(demo, n: int) -> None:
    case = demo.cases["DEMO-ZVH"]
    for _ in range(n):
        for username in ("politie", "ggz", "wijkteam"):
            demo.client_for(username).get(f"/cases/{case.pk}/")


def test_access_log_page_queries_do_not_grow_with_rows(demo, django_assert_max_num_queries):
    _fill_log(demo, 5)
    client = demo.client_for("privacy")
    client.get("/privacy/access-log/")
    with django_assert_max_num_queries(12):
        response = client.get("/privacy/access-log/")
    assert AccessLog.objects.count() >= 15
    assert response.content.decode().count("Casuspagina") >= 15


def test_case_access_log_queries(demo, django_assert_max_num_queries):
    _fill_log(demo, 5)
    client = demo.client_for("privacy")
    with django_assert_max_num_queries(12):
        response = client.get(f"/privacy/case/{demo.cases['DEMO-ZVH'].pk}/access-log/")
    assert "Anouk Visser" in response.content.decode()


def test_participants_page_queries(demo, django_assert_max_num_queries):
    client = demo.client_for("regisseur")
    with django_assert_max_num_queries(16):
        response = client.get(f"/privacy/case/{demo.cases['DEMO-ZVH'].pk}/participants/")
    assert "Politie" in response.content.decode()


def test_break_glass_review_queries(demo, django_assert_max_num_queries):
    reason = "Acute dreiging gemeld door de meldkamer, nu nodig"
    # Three escalated cases the police do not take part in (wijkteam-phase cases are refused).
    for ref in ("DEMO-ZUID-2", "DEMO-AFSCHALING", "DEMO-ACUUT"):
        demo.client_for("politie").post(
            "/privacy/break-the-glass/", {"reference": ref, "reason": reason}
        )
    assert BreakGlassAccess.objects.count() == 3
    client = demo.client_for("privacy")
    with django_assert_max_num_queries(10):
        response = client.get("/privacy/break-the-glass/review/")
    assert response.content.decode().count(reason) == 3
