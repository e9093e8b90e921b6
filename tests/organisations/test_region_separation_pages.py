"""The second region on every list page (issue 13): the start page, the case list, the
search, the screening list and the management report of one region show no case of the
other, for every demo role of either region.

Case-scoped URLs (a case id in the URL) are covered for both regions' roles by
tests/privacy/test_url_access_matrix.py; this file covers the pages that *list* cases.
"""

from __future__ import annotations

import pytest

from cases.models import Case
from privacy.grants import sync_case_access
from tests.escalation.conftest import Flow, fresh
from tests.escalation.reminder_helpers import full_demo  # noqa: F401  (fixture)
from tests.factories import CaseFactory

PAGES = {
    "start page": "/",
    "case list": "/cases/",
    "search": "/cases/?q=DEMO",
    "screening": "/escalation/screening/",
    "reports": "/reports/",
    "notices": "/escalation/notices/",
}
REGION_ONE_USERS = ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager", "privacy"]
OOST_USERS = ["regisseur-oost", "wijkteam-oost"]


@pytest.fixture
def regions(full_demo):  # noqa: F811
    """The full demo plus an Oost aanmelding awaiting screening (as DEMO-ACUUT is in
    region one), so each region has a case on every list."""
    demo = full_demo
    oost_team = demo.orgs["Wijkteam Oosterveld"]
    waiting = CaseFactory(
        owning_team=oost_team, regiehouder=demo.users["wijkteam-oost"], title="Zorgen"
    )
    sync_case_access(waiting)
    Flow(demo).escalate(fresh(waiting), user=demo.users["wijkteam-oost"])
    oost_region = oost_team.region
    return {
        "demo": demo,
        "oost": list(Case.objects.filter(region=oost_region).values_list("pk", "reference")),
        "one": list(Case.objects.exclude(region=oost_region).values_list("pk", "reference")),
        "oost_waiting": fresh(waiting),
    }


def leaks(html: str, cases: list[tuple[int, str]]) -> list[str]:
    """References of `cases` that the page links to or names."""
    return [ref for pk, ref in cases if f"/cases/{pk}/" in html or ref in html]


@pytest.mark.parametrize(
    "page",
    [
        "start page",
        "case list",
        "search",
        "screening",
        "reports",
        "notices",
    ],
)
def test_no_role_sees_a_case_of_the_other_region_on_a_list(regions, page):
    demo = regions["demo"]
    assert len(regions["one"]) >= 10 and len(regions["oost"]) == 2
    checks = [(u, regions["oost"]) for u in REGION_ONE_USERS]
    checks += [(u, regions["one"]) for u in OOST_USERS]
    for username, other_region in checks:
        response = demo.client_for(username).get(PAGES[page], follow=True)
        assert response.status_code in (200, 403), (username, response.status_code)
        assert leaks(response.content.decode(), other_region) == [], username


def test_each_region_sees_its_own_cases_on_its_lists(regions):
    demo, waiting = regions["demo"], regions["oost_waiting"]
    oost_case = demo.cases["DEMO-OOST"]
    for username in OOST_USERS:
        listing = demo.client_for(username).get("/cases/").content.decode()
        assert f"/cases/{oost_case.pk}/" in listing, username
    screening = demo.client_for("regisseur-oost").get("/escalation/screening/")
    assert waiting.reference in screening.content.decode()
    region_one = demo.client_for("regisseur").get("/escalation/screening/").content.decode()
    assert demo.cases["DEMO-ACUUT"].reference in region_one
