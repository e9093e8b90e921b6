"""`/reports/` and `/reports/management.pdf`: figures for managers, without names."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from cases.models import CaseEvent, Person
from lib import pdf as pdf_module
from organisations.models import Role
from privacy.models import AccessLog
from reports.periods import current_quarter_key
from tests.factories import CaseFactory, member, organisation

from .helpers import pdf_text

pytestmark = pytest.mark.django_db

PERIOD = "2025-K1"


def _at(year, month, day) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


def history(case, *steps):
    """Phase events: steps are (date tuple, from_phase, to_phase); the case ends in the last."""
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind="phase_changed" if from_phase else "registered",
            from_phase=from_phase,
            to_phase=to_phase,
            created_at=_at(*when),
        )
        for when, from_phase, to_phase in steps
    )
    last_when, _from, last_phase = steps[-1]
    case.phase, case.phase_changed_at = last_phase, _at(*last_when)
    case.save(update_fields=["phase", "phase_changed_at"])


@pytest.fixture
def team_history(demo):
    """A wijkteam with three cases whose phase moves in Q1 2025 are known exactly."""
    team = organisation("Wijkteam Oost")
    worker = member(team)
    manager = member(team, role=Role.MANAGER)

    def case(registered):
        return CaseFactory(owning_team=team, regiehouder=worker, registered_at=_at(*registered))

    a = case((2024, 12, 1))
    history(
        a,
        ((2024, 12, 1), "", "wijkteam"),
        ((2025, 1, 11), "wijkteam", "aangemeld"),  # wijkteam 41 days
        ((2025, 1, 13), "aangemeld", "zvh"),  # aangemeld 2 days, accepted
        ((2025, 3, 15), "zvh", "afschaling"),  # zvh 61 days
        ((2025, 3, 25), "afschaling", "nazorg"),  # afschaling 10 days, handback
        ((2025, 5, 1), "nazorg", "gesloten"),  # after the quarter: still nazorg at its end
    )
    b = case((2025, 1, 1))
    history(
        b,
        ((2025, 1, 1), "", "wijkteam"),
        ((2025, 1, 21), "wijkteam", "aangemeld"),  # wijkteam 20 days
        ((2025, 1, 22), "aangemeld", "wijkteam"),  # aangemeld 1 day, declined
    )
    c = case((2024, 5, 1))
    history(
        c,
        ((2024, 5, 1), "", "wijkteam"),
        ((2024, 6, 1), "wijkteam", "aangemeld"),
        ((2024, 6, 2), "aangemeld", "zvh"),
        ((2024, 9, 1), "zvh", "afschaling"),
        ((2024, 10, 1), "afschaling", "nazorg"),
        ((2025, 2, 15), "nazorg", "aangemeld"),  # nazorg 137 days, re-escalation
    )
    # Another team's case in the same quarter: only the region sees it.
    other = CaseFactory(
        owning_team=demo.orgs["Wijkteam Zuid"],
        regiehouder=demo.users["wijkteam2"],
        registered_at=_at(2025, 1, 5),
    )
    history(other, ((2025, 1, 5), "", "wijkteam"), ((2025, 2, 1), "wijkteam", "aangemeld"))
    return {"team": team, "manager": manager}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def figures_of(response):
    return response.context["figures"]


def test_team_manager_sees_the_quarters_figures(team_history):
    response = client_for(team_history["manager"]).get("/reports/", {"periode": PERIOD})
    assert response.status_code == 200
    figures = figures_of(response)
    assert figures.flows == {
        "aanmeldingen": 3,
        "accepted": 1,
        "declined": 1,
        "handbacks": 1,
        "reescalations": 1,
        "closed": 0,
    }
    durations = {row["phase"]: (row["n"], row["p50"], row["p90"]) for row in figures.durations}
    assert durations["wijkteam"] == (2, pytest.approx(20), pytest.approx(41))
    assert durations["aangemeld"] == (2, pytest.approx(1), pytest.approx(2))
    assert durations["zvh"] == (1, pytest.approx(61), pytest.approx(61))
    assert durations["afschaling"] == (1, pytest.approx(10), pytest.approx(10))
    assert durations["nazorg"] == (1, pytest.approx(137), pytest.approx(137))
    assert [row["team"] for row in figures.phase_team] == ["Wijkteam Oost"]
    assert figures.phase_team[0]["counts"] == {
        "wijkteam": 1,
        "aangemeld": 1,
        "zvh": 0,
        "afschaling": 0,
        "nazorg": 1,
    }
    html = response.content.decode()
    assert "1e kwartaal 2025" in html
    assert "Afgewezen met advies" in html
    assert "<svg" in html


def test_a_later_quarter_shows_the_situation_of_then(team_history):
    response = client_for(team_history["manager"]).get("/reports/", {"periode": "2025-K2"})
    figures = figures_of(response)
    assert figures.flows["closed"] == 1
    assert figures.phase_team[0]["counts"]["nazorg"] == 0
    nazorg = next(row for row in figures.durations if row["phase"] == "nazorg")
    assert (nazorg["n"], nazorg["p50"]) == (1, pytest.approx(37))


def test_zvh_manager_sees_the_region(team_history, demo):
    zvh_manager = member(demo.orgs["Zorg- en Veiligheidshuis"], role=Role.MANAGER)
    response = client_for(zvh_manager).get("/reports/", {"periode": PERIOD})
    assert response.status_code == 200
    figures = figures_of(response)
    assert {row["team"] for row in figures.phase_team} == {"Wijkteam Oost", "Wijkteam Zuid"}
    assert figures.flows["aanmeldingen"] == 4


def test_a_month_is_a_period_too(team_history):
    response = client_for(team_history["manager"]).get("/reports/", {"periode": "2025-02"})
    flows = figures_of(response).flows
    assert flows["reescalations"] == 1
    assert flows["accepted"] == 0
    assert "februari 2025" in response.content.decode()


def test_default_period_is_the_current_quarter(demo):
    response = demo.client_for("manager").get("/reports/")
    assert response.status_code == 200
    assert figures_of(response).period.key == current_quarter_key()


@pytest.mark.parametrize("bad", ["2025-K5", "2025-13", "vorige week", "<script>"])
def test_an_invalid_period_gets_a_dutch_message(demo, bad):
    response = demo.client_for("manager").get("/reports/", {"periode": bad})
    assert response.status_code == 400
    assert "Kies een kwartaal of maand uit de lijst." in response.content.decode()
    assert "figures" not in response.context


def test_an_invalid_period_gives_no_pdf(demo):
    response = demo.client_for("manager").get("/reports/management.pdf", {"periode": "2025-K9"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "username", ["wijkteam", "regisseur", "politie", "ggz", "privacy", "admin"]
)
def test_non_managers_get_403(demo, username):
    client = demo.client_for(username)
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/management.pdf").status_code == 403


def test_partner_organisation_manager_gets_403(demo):
    police_manager = member(demo.orgs["Politie"], role=Role.MANAGER)
    assert client_for(police_manager).get("/reports/").status_code == 403


def demo_person_words(demo) -> set[str]:
    words = set()
    for first, last, address in Person.objects.values_list("first_name", "last_name", "address"):
        words |= {first, last}
        if address:
            words.add(address)
    return words


def test_management_report_contains_no_person_names_or_addresses(demo):
    client = demo.client_for("manager")
    html = client.get("/reports/").content.decode()
    text = pdf_text(client.get("/reports/management.pdf").content)
    words = demo_person_words(demo)
    assert words
    for word in words:
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        assert not pattern.search(html), word
        assert not pattern.search(text), word


def test_management_pdf_is_an_uncached_attachment_and_writes_no_access_log(demo):
    before = AccessLog.objects.count()
    response = demo.client_for("manager").get("/reports/management.pdf", {"periode": "2026-K1"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="managementrapportage-2026-K1.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Managementrapportage — 1e kwartaal 2026" in text
    assert "Vertrouwelijk — afgedrukt door Peter Smit op" in text
    # Counts only, no case data: nothing for the access log.
    assert AccessLog.objects.count() == before


def test_charts_are_identical_on_the_page_and_in_the_pdf(demo, monkeypatch):
    rendered: list[str] = []
    original = pdf_module.HTML

    def capture(*args, **kwargs):
        rendered.append(kwargs["string"])
        return original(*args, **kwargs)

    monkeypatch.setattr(pdf_module, "HTML", capture)
    client = demo.client_for("manager")
    page = client.get("/reports/", {"periode": "2026-K1"}).content.decode()
    client.get("/reports/management.pdf", {"periode": "2026-K1"})
    svg = re.compile(r"<svg.*?</svg>", re.S)
    on_page, in_pdf = svg.findall(page), svg.findall(rendered[0])
    assert len(on_page) >= 3
    assert on_page == in_pdf


def test_dashboard_queries_are_bounded(demo, django_assert_max_num_queries):
    client = demo.client_for("manager")
    with django_assert_max_num_queries(12):
        response = client.get("/reports/")
    assert response.status_code == 200


def test_overdue_unread_reminders_are_counted_per_case_and_kind(team_history, demo):
    from django.apps import apps

    if not apps.is_installed("notifications"):
        pytest.skip("the notifications app (reminders) is not installed")
    from notifications.models import Reminder

    manager = team_history["manager"]
    cases = {c.registered_at.date().isoformat(): c for c in team_history["team"].owned_cases.all()}
    a, b, c = cases["2024-12-01"], cases["2025-01-01"], cases["2024-05-01"]
    other_case = demo.orgs["Wijkteam Zuid"].owned_cases.first()
    someone_else = member(team_history["team"])

    def remind(case, kind, due, *, recipient=manager, read=None):
        return Reminder.objects.create(
            kind=kind,
            case=case,
            object_type="case",
            object_id=case.pk,
            due_date=_at(*due).date(),
            recipient=recipient,
            created_at=_at(*due),
            read_at=_at(*read) if read else None,
        )

    remind(a, "action_overdue", (2025, 3, 1))
    remind(a, "action_overdue", (2025, 3, 1), recipient=someone_else)  # same case: once
    remind(b, "review_due", (2025, 3, 10), read=(2025, 3, 20))  # read in time
    remind(c, "review_due", (2025, 3, 10), read=(2025, 4, 10))  # read only later
    remind(a, "screening_due", (2025, 4, 5))  # due after the quarter
    remind(other_case, "action_overdue", (2025, 3, 1))  # another team's case

    response = client_for(manager).get("/reports/", {"periode": PERIOD})
    counts = {row["kind"]: row["n"] for row in figures_of(response).overdue_reminders}
    assert counts["action_overdue"] == 1
    assert counts["review_due"] == 1
    assert counts["screening_due"] == 0
    assert "Actie over de deadline" in response.content.decode()
