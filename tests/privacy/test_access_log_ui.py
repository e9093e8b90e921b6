"""The privacy officer's access-log tools: CSV export, per case, per employee and per day."""

from __future__ import annotations

import csv
import io

from privacy.models import AccessLog


def _view_some_cases(demo) -> None:
    demo.client_for("politie").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    demo.client_for("ggz").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    demo.client_for("wijkteam").get(f"/cases/{demo.cases['DEMO-STAGNATIE'].pk}/")


def test_csv_export_contains_the_filtered_rows_and_is_logged_itself(demo):
    _view_some_cases(demo)
    response = demo.client_for("privacy").get(
        "/privacy/access-log/export.csv", {"case": "DEMO-ZVH"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:5] == ["tijdstip", "gebruiker", "organisatie", "rol", "casus"]
    assert {r[1] for r in rows[1:]} == {"politie", "ggz"}
    assert all(r[4] == "DEMO-ZVH" for r in rows[1:])
    export = AccessLog.objects.filter(action="export").get()
    # The export spans many cases, so its own row has no case; the filter is its context.
    assert export.case is None
    assert export.user == demo.users["privacy"]
    assert "2 regels" in export.context and "DEMO-ZVH" in export.context


def test_access_log_page_links_to_export_and_overviews(demo):
    _view_some_cases(demo)
    body = demo.client_for("privacy").get("/privacy/access-log/").content.decode()
    assert "/privacy/access-log/export.csv" in body
    assert "/privacy/access-log/overview/" in body
    assert f"/privacy/case/{demo.cases['DEMO-ZVH'].pk}/access-log/" in body


def test_per_case_view_shows_who_viewed_but_no_case_content(demo):
    _view_some_cases(demo)
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("privacy").get(f"/privacy/case/{case.pk}/access-log/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wie heeft casus DEMO-ZVH ingezien" in body
    assert "Mark de Boer" in body and "Anouk Visser" in body
    assert case.title not in body
    assert "[GEZONDHEID]" not in body and "Verbeek" not in body
    audit_row = AccessLog.objects.filter(user=demo.users["privacy"]).get()
    assert "Lotte Mulder" in body, "the audit view lists its own row too"
    assert audit_row.case == case and audit_row.categories == []


def test_per_case_view_is_404_for_everyone_else(demo):
    case = demo.cases["DEMO-ZVH"]
    for username in ("wijkteam", "regisseur", "politie", "manager", "admin"):
        response = demo.client_for(username).get(f"/privacy/case/{case.pk}/access-log/")
        assert response.status_code == 404, username


def test_overview_per_employee_and_per_day(demo):
    _view_some_cases(demo)
    client = demo.client_for("privacy")
    per_user = client.get("/privacy/access-log/overview/").content.decode()
    assert "Inzage per medewerker" in per_user
    assert "politie" in per_user and "ggz" in per_user
    per_day = client.get("/privacy/access-log/overview/", {"group": "day"}).content.decode()
    assert "Inzage per dag" in per_day
    # Three case views today, plus the privacy officer's own view of the first overview.
    assert "<td>4</td>" in per_day


def test_only_the_privacy_officer_exports(demo):
    for username in ("regisseur", "manager", "politie"):
        client = demo.client_for(username)
        assert client.get("/privacy/access-log/export.csv").status_code == 403
        assert client.get("/privacy/access-log/overview/").status_code == 403
    assert not AccessLog.objects.filter(action="export").exists()


def test_closed_case_page_links_the_privacy_officer_to_who_viewed_it(demo):
    case = demo.cases["DEMO-GESLOTEN"]
    body = demo.client_for("privacy").get(f"/cases/{case.pk}/").content.decode()
    assert f"/privacy/case/{case.pk}/access-log/" in body
    assert "Wie heeft dit ingezien" in body


def test_viewing_the_access_log_is_logged_with_its_filter(demo):
    _view_some_cases(demo)
    before = AccessLog.objects.count()
    client = demo.client_for("privacy")
    response = client.get("/privacy/access-log/", {"case": "DEMO-ZVH", "action": "view"})
    assert response.status_code == 200
    assert AccessLog.objects.count() == before + 1
    row = AccessLog.objects.latest("id")
    assert row.user == demo.users["privacy"] and row.role == "privacy_officer"
    assert row.case is None and row.action == "view" and row.categories == []
    assert row.context == "toegangslog bekeken: case=DEMO-ZVH&action=view"
    # The page shows what was there when it was opened; its own row comes on the next.
    assert "Toegangslog bekeken" not in response.content.decode()
    later = client.get("/privacy/access-log/").content.decode()
    assert "Toegangslog bekeken (filter: casus DEMO-ZVH, actie view)" in later


def test_viewing_the_overviews_is_logged_per_grouping(demo):
    client = demo.client_for("privacy")
    client.get("/privacy/access-log/overview/")
    client.get("/privacy/access-log/overview/", {"group": "day", "date_from": "01-01-2026"})
    contexts = list(AccessLog.objects.order_by("id").values_list("context", "case"))
    assert contexts == [
        ("toegangslog-overzicht per medewerker", None),
        ("toegangslog-overzicht per dag: group=day&date_from=01-01-2026", None),
    ]


def test_the_per_case_log_page_writes_one_row_per_view(demo):
    case = demo.cases["DEMO-ZVH"]
    client = demo.client_for("privacy")
    client.get(f"/privacy/case/{case.pk}/access-log/")
    client.get(f"/privacy/case/{case.pk}/access-log/", {"page": 2})
    rows = AccessLog.objects.filter(user=demo.users["privacy"])
    assert rows.count() == 2
    assert all(r.case == case and r.categories == [] for r in rows)


def test_refused_log_pages_write_no_row(demo):
    for username in ("regisseur", "manager", "politie"):
        client = demo.client_for(username)
        assert client.get("/privacy/access-log/").status_code == 403
        assert client.get("/privacy/access-log/overview/").status_code == 403
    assert not AccessLog.objects.exists()
