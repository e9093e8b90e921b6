"""Reading cases through the API: the same access rules and access log as the pages."""

from __future__ import annotations

import pytest

from privacy.access import visible_cases
from privacy.models import AccessLog
from triage.services import assessment_create

from .conftest import assert_problem

pytestmark = pytest.mark.django_db


def _refs(response) -> set[str]:
    return {c["reference"] for c in response.json()["results"]}


def test_politie_lists_only_the_cases_it_may_open(demo, api):
    response = api("politie").get("/api/v1/cases/")
    assert response.status_code == 200
    expected = set(visible_cases(demo.users["politie"]).values_list("reference", flat=True))
    assert _refs(response) == expected
    assert "DEMO-ACUUT" not in _refs(response)


def test_list_writes_no_access_log_row(demo, api):
    before = AccessLog.objects.count()
    api("wijkteam").get("/api/v1/cases/")
    assert AccessLog.objects.count() == before


def test_list_filters_by_phase_team_and_search(demo, api):
    client = api("wijkteam")
    in_wijkteam = visible_cases(demo.users["wijkteam"]).filter(phase="wijkteam")
    by_phase = _refs(client.get("/api/v1/cases/?phase=wijkteam"))
    assert by_phase == set(in_wijkteam.values_list("reference", flat=True))
    assert {"DEMO-STAGNATIE", "DEMO-ADVIES"} <= by_phase
    zuid = demo.orgs["Wijkteam Zuid"].pk
    by_team = _refs(api("wijkteam2").get(f"/api/v1/cases/?team={zuid}"))
    assert {"DEMO-ZUID-1", "DEMO-ZUID-2"} <= by_team
    assert "DEMO-AFSCHALING" not in by_team  # owned by Noord, though Zuid receives it
    assert _refs(client.get("/api/v1/cases/?q=DEMO-ZVH")) == {"DEMO-ZVH"}
    assert _refs(client.get("/api/v1/cases/?updated_since=2999-01-01T00:00:00Z")) == set()


def test_list_pages_by_cursor(demo, api):
    client = api("wijkteam")
    first = client.get("/api/v1/cases/?page_size=2").json()
    second = client.get(first["next"]).json()
    refs = [c["reference"] for c in first["results"] + second["results"]]
    assert len(refs) == len(set(refs)) == 4


def test_bad_filter_is_a_problem(demo, api):
    body = assert_problem(api("wijkteam").get("/api/v1/cases/?phase=onbekend"), 400)
    assert "phase" in body["errors"]


def test_case_list_query_count_is_bounded(demo, api, django_assert_max_num_queries):
    client = api("wijkteam")
    client.get("/api/v1/cases/")  # warm the token's last_used_at
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/cases/").status_code == 200


def test_hidden_case_is_404_for_every_case_route(demo, api):
    case = demo.cases["DEMO-ACUUT"]
    client = api("politie")
    for suffix in ("", "persons/", "notes/", "triage/", "actions/"):
        assert_problem(client.get(f"/api/v1/cases/{case.pk}/{suffix}"), 404)
    assert_problem(client.post(f"/api/v1/cases/{case.pk}/notes/", {}, "application/json"), 404)
    assert_problem(client.get("/api/v1/cases/999999/"), 404)


def test_detail_writes_one_access_log_row(demo, api):
    case = demo.cases["DEMO-ZVH"]
    before = AccessLog.objects.filter(case=case).count()
    response = api("politie").get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    rows = AccessLog.objects.filter(case=case).order_by("-id")
    assert rows.count() == before + 1
    row = rows.first()
    assert row.user == demo.users["politie"]
    assert "gezondheid" not in row.categories
    assert response.json()["categories"] == row.categories


@pytest.mark.parametrize("suffix", ["persons/", "notes/", "triage/", "actions/"])
def test_every_case_read_writes_one_row(demo, api, suffix):
    case = demo.cases["DEMO-ZVH"]
    before = AccessLog.objects.filter(case=case).count()
    assert api("regisseur").get(f"/api/v1/cases/{case.pk}/{suffix}").status_code == 200
    assert AccessLog.objects.filter(case=case).count() == before + 1


def test_police_cannot_see_health_notes(demo, api):
    case = demo.cases["DEMO-ZVH"]
    client = api("politie")
    response = client.get(f"/api/v1/cases/{case.pk}/notes/?page_size=100")
    assert response.status_code == 200
    assert "[GEZONDHEID]" not in response.content.decode()
    assert {n["category"] for n in response.json()["results"]} <= {
        "basis",
        "signalen",
        "justitie",
        "triage",
        "plan",
        "overleg",
    }
    filtered = client.get(f"/api/v1/cases/{case.pk}/notes/?category=gezondheid")
    assert filtered.json()["results"] == []


def test_ggz_cannot_see_justice_notes(demo, api):
    case = demo.cases["DEMO-ZVH"]
    response = api("ggz").get(f"/api/v1/cases/{case.pk}/notes/?page_size=100")
    assert "[JUSTITIE]" not in response.content.decode()


def test_police_triage_has_no_health_reasons(demo, api):
    case = demo.cases["DEMO-ZVH"]
    assessment_create(
        user=demo.users["regisseur"],
        case=case,
        answers={"domains": {"verslaving": 1, "financien": 1}},
        judgement="agree",
    )
    police = api("politie").get(f"/api/v1/cases/{case.pk}/triage/").json()["assessment"]
    worker = api("wijkteam").get(f"/api/v1/cases/{case.pk}/triage/").json()["assessment"]
    assert "domein:verslaving" in {r["rule"] for r in worker["reasons"]}
    assert "domein:verslaving" not in {r["rule"] for r in police["reasons"]}
    assert police["health_withheld"] and not worker["health_withheld"]


def test_manager_reads_no_justice_or_health(demo, api):
    case = demo.cases["DEMO-ZVH"]
    text = api("manager").get(f"/api/v1/cases/{case.pk}/notes/?page_size=100").content.decode()
    assert "[GEZONDHEID]" not in text and "[JUSTITIE]" not in text


def test_persons_of_a_visible_case(demo, api):
    case = demo.cases["DEMO-ZVH"]
    persons = api("politie").get(f"/api/v1/cases/{case.pk}/persons/").json()
    assert {p["last_name"] for p in persons} == set(
        case.persons.values_list("last_name", flat=True)
    )


def test_no_cors_headers(demo, api):
    response = api("wijkteam").get("/api/v1/cases/", headers={"Origin": "https://evil.example"})
    assert not any(h.lower().startswith("access-control-") for h in response.headers)
    assert "no-store" in response["Cache-Control"]
