"""The whole journey of one household through Schakel, in a real browser.

Wijkteam registers and weighs the case and asks the ZVH; the regisseur accepts, holds
a casusoverleg with Politie and GGZ and plans actions; Politie reads the case without
the health note; the regisseur hands the case back; the wijkteam accepts the warm
handover and does the nazorg check; the manager downloads the management report.
Every page on the way is checked with axe-core.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.e2e]

HEALTH_NOTE = "[GEZONDHEID] Moeder is opgenomen geweest voor een alcoholverslaving."
SIGNAL_NOTE = "[SIGNALEN] Buren melden harde ruzies en een zoon die spijbelt."


def _date(days: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d-%m-%Y")


def _submit(session, selector: str = "main form button.button--primary[type=submit]") -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()
    assert not session.page.locator(".error-summary").count(), session.page.inner_text("main")


def _follow(session, href_part: str) -> None:
    """Click the link on the current page whose address contains `href_part`."""
    link = session.page.locator(f'main a[href*="{href_part}"]').first
    with session.page.expect_navigation():
        link.click()
    session.audit()


def _register_household(wijkteam) -> int:
    wijkteam.goto("/cases/")
    _follow(wijkteam, "/cases/new/")
    page = wijkteam.page
    page.fill("input[name=title]", "Gezin met zorgen over veiligheid en verslaving")
    page.select_option("select[name=legal_basis]", index=1)
    page.check("input[name=client_informed]")
    page.fill("input[name=client_informed_on]", _date(-1))
    page.fill("input[name=persons-0-first_name]", "Sanne")
    page.fill("input[name=persons-0-last_name]", "de Vries")
    page.fill("input[name=persons-0-date_of_birth]", "12-03-1984")
    page.fill("input[name=persons-0-postcode]", "3511 AB")
    page.fill("input[name=persons-0-city]", "Utrecht")
    with page.expect_navigation():
        page.click("button[name=add_person]")
    wijkteam.audit()
    page.fill("input[name=persons-1-first_name]", "Daan")
    page.fill("input[name=persons-1-last_name]", "de Vries")
    page.select_option("select[name=persons-1-relation]", index=2)
    _submit(wijkteam)
    match = re.search(r"/cases/(\d+)/", page.url)
    assert match, page.url
    assert "is geregistreerd" in page.inner_text("main")
    return int(match.group(1))


def _add_note(session, category: str, text: str) -> None:
    if "sectie=notities" not in session.page.url:
        _follow(session, "?sectie=notities")  # the Notities tab, one click away
    session.page.select_option("select[name=category]", value=category)
    session.page.fill("textarea[name=text]", text)
    _submit(session, 'form[action$="/notes/"] button[type=submit]')
    assert text in session.page.inner_text("main")


def _run_triage(wijkteam, pk: int) -> None:
    wijkteam.goto(f"/cases/{pk}/")
    _follow(wijkteam, f"/triage/case/{pk}/new/")
    page = wijkteam.page
    for name in sorted(
        set(page.eval_on_selector_all("input[name^=domain_]", "els => els.map(e => e.name)"))
    )[:7]:
        page.check(f"input[name={name}][value='1']")
    page.check("input[name=risk_geweld]")
    page.check("input[name=risk_kind_in_gevaar]")
    page.fill("input[name=organisations]", "3")
    with page.expect_navigation():
        page.click("button[name=action][value=calculate]")
    wijkteam.audit()
    page.check("input[name=judgement][value=agree]")
    with page.expect_navigation():
        page.click("button[name=action][value=save]")
    wijkteam.audit()
    assert not page.locator(".error-summary").count(), page.inner_text("main")


def _request_escalation(wijkteam, pk: int) -> None:
    wijkteam.goto(f"/cases/{pk}/")
    _follow(wijkteam, f"/escalation/cases/{pk}/request/")
    page = wijkteam.page
    page.fill("textarea[name=aanleiding]", "Geweld in het gezin, zoon opgepakt voor vernieling.")
    page.fill("textarea[name=doel]", "Een gezamenlijk plan met politie en GGZ.")
    page.check("input[name=client_informed]")
    _submit(wijkteam)
    assert "Aangemeld" in page.inner_text("main")


def _regisseur_takes_it_on(regisseur, pk: int) -> None:
    regisseur.goto(f"/cases/{pk}/")
    _follow(regisseur, f"/escalation/cases/{pk}/accept/")
    regisseur.page.fill("input[name=review_date]", _date(14))
    _submit(regisseur)

    _follow(regisseur, f"/escalation/cases/{pk}/conference/")
    page = regisseur.page
    page.fill("input[name=held_on]", _date(0))
    page.get_by_role("checkbox", name="Politie", exact=True).check()
    page.get_by_role("checkbox", name="GGZ", exact=True).check()
    page.fill("textarea[name=attendees]", "Wijkteam, ZVH, Politie, GGZ")
    page.fill("textarea[name=decisions]", "Politie houdt toezicht; GGZ start behandeling.")
    _submit(regisseur)

    regisseur.goto(f"/cases/{pk}/")
    _follow(regisseur, f"/escalation/cases/{pk}/plan/")
    regisseur.page.fill("textarea[name=goals]", "Veiligheid thuis; moeder in behandeling.")
    _submit(regisseur)
    for organisation, description in (
        ("Politie", "Huisbezoek door de wijkagent"),
        ("GGZ", "Intake verslavingszorg voor moeder"),
    ):
        regisseur.goto(f"/cases/{pk}/")
        _follow(regisseur, f"/escalation/cases/{pk}/plan/action/")
        page.fill("textarea[name=description]", description)
        page.select_option("select[name=owner_organisation]", label=organisation)
        page.fill("input[name=deadline]", _date(21))
        _submit(regisseur)
        # The actions table is in the "Plan & overleg" section of the case page.
        _follow(regisseur, "?sectie=plan")
        assert description in page.inner_text("main")


def _politie_reads_without_health(politie, pk: int) -> None:
    politie.goto("/cases/")
    _follow(politie, f"/cases/{pk}/")
    _follow(politie, "?sectie=notities")
    text = politie.page.inner_text("main")
    assert "Gezin met zorgen over veiligheid" in text
    assert SIGNAL_NOTE in text
    assert HEALTH_NOTE not in text
    assert "GEZONDHEID" not in politie.page.content()


def _regisseur_proposes_afschaling(regisseur, pk: int, new_regiehouder) -> None:
    regisseur.goto(f"/cases/{pk}/")
    _follow(regisseur, f"/escalation/cases/{pk}/handover/")
    page = regisseur.page
    page.select_option("select[name=receiving_team]", label="Wijkteam Noord")
    for item in (
        "safety_risk_reduced",
        "goals_met_or_transferred",
        "regiehouder_named",
        "client_informed",
        "aftercare_agreed",
    ):
        page.check(f"input[name={item}]")
    page.select_option("select[name=named_regiehouder]", value=str(new_regiehouder.pk))
    page.fill("textarea[name=aftercare_agreements]", "Maandelijks huisbezoek, 3 maanden.")
    page.fill("input[name=aftercare_check_date]", _date(30))
    _submit(regisseur, "main form button[type=submit]")


def _wijkteam_takes_it_back(wijkteam, pk: int) -> None:
    wijkteam.goto(f"/cases/{pk}/")
    _follow(wijkteam, f"/escalation/cases/{pk}/handover/accept/")
    wijkteam.page.fill("input[name=meeting_date]", _date(0))
    wijkteam.page.fill("textarea[name=meeting_attendees]", "Fatima El Amrani, Ingrid Hoekstra")
    _submit(wijkteam)
    assert "Nazorg" in wijkteam.page.inner_text("main")

    _follow(wijkteam, f"/escalation/cases/{pk}/aftercare/")
    wijkteam.page.check("input[name=outcome][value=stable]")
    wijkteam.page.fill("textarea[name=notes]", "Rustig thuis, moeder in behandeling.")
    wijkteam.page.fill("input[name=next_check_date]", _date(60))
    _submit(wijkteam)


def _manager_downloads_report(manager) -> None:
    manager.goto("/reports/")
    with manager.page.expect_download() as info:
        manager.page.click('main a[href*="/reports/management.pdf"]')
    download = info.value
    path = download.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_household_goes_up_to_the_zvh_and_back(seeded, sessions, a11y):
    wijkteam = sessions("wijkteam")
    wijkteam.login("wijkteam")
    pk = _register_household(wijkteam)
    _add_note(wijkteam, "gezondheid", HEALTH_NOTE)
    _add_note(wijkteam, "signalen", SIGNAL_NOTE)
    _run_triage(wijkteam, pk)
    _request_escalation(wijkteam, pk)

    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    _regisseur_takes_it_on(regisseur, pk)

    politie = sessions("politie")
    politie.login("politie")
    _politie_reads_without_health(politie, pk)

    _regisseur_proposes_afschaling(regisseur, pk, seeded["users"]["wijkteam"])
    _wijkteam_takes_it_back(wijkteam, pk)

    manager = sessions("manager")
    manager.login("manager")
    _manager_downloads_report(manager)

    assert len(a11y.pages_checked) >= 25
    assert a11y.violations == [], "\n".join(a11y.violations)
    for session in (wijkteam, regisseur, politie, manager):
        csp = [e for e in session.console_errors if "Content Security Policy" in e]
        assert csp == [], csp
