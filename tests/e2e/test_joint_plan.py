"""One joint plan (issue 19), in a real browser: on DEMO-ZVH the regiehouder (wijkteam)
adds a goal for one person and an action, the procesregisseur adds an action, and politie
adds an action for its own organisation only. All of it shows in "Plan & overleg", and
the timeline names each author. Every page goes through axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.e2e]

SUBMIT = "main form button[type=submit].button--primary"


def _submit(session) -> None:
    with session.page.expect_navigation():
        session.page.click(SUBMIT)
    session.audit()
    assert "/escalation/" not in session.page.url, session.page.inner_text("main")


def _add_action(session, pk: int, description: str, organisation: str | None) -> list[str]:
    """Adds an action from the step page; returns the owner organisations offered."""
    session.goto(f"/escalation/cases/{pk}/plan/action/")
    page = session.page
    offered = [
        o.strip()
        for o in page.locator("select[name=owner_organisation] option").all_inner_texts()
        if o.strip() and not o.strip().startswith("-")
    ]
    page.fill("textarea[name=description]", description)
    if organisation:
        page.select_option("select[name=owner_organisation]", label=organisation)
    deadline = timezone.localdate() + timedelta(days=10)
    page.fill("input[name=deadline]", deadline.strftime("%d-%m-%Y"))
    _submit(session)
    return offered


def test_regiehouder_regisseur_and_politie_edit_one_plan(seeded, sessions, a11y):
    case = seeded["cases"]["DEMO-ZVH"]
    users = seeded["users"]
    pk = case.pk
    person = case.persons.order_by("pk").first()

    wijkteam = sessions("wijkteam")
    wijkteam.login("wijkteam")
    wijkteam.goto(f"/escalation/cases/{pk}/plan/goal/")
    page = wijkteam.page
    page.select_option("select[name=person]", label=person.full_name)
    page.select_option("select[name=domain]", value="financien")
    page.fill("textarea[name=text]", "Schulden in beeld en een budgetplan voor vader.")
    _submit(wijkteam)
    _add_action(wijkteam, pk, "Wijkteam begeleidt vader naar de schuldhulp.", "Wijkteam Noord")

    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    _add_action(regisseur, pk, "ZVH plant de evaluatie met alle partners.", "Veilig Thuis")

    politie = sessions("politie")
    politie.login("politie")
    offered = _add_action(politie, pk, "Wijkagent bezoekt het gezin wekelijks.", None)
    assert offered == ["Politie"]

    wijkteam.goto(f"/cases/{pk}/?sectie=plan")
    plan = page.inner_text("main section#overleg-en-plan")
    assert "Schulden in beeld en een budgetplan voor vader." in plan
    assert person.full_name in plan
    for action in (
        "Wijkteam begeleidt vader naar de schuldhulp.",
        "ZVH plant de evaluatie met alle partners.",
        "Wijkagent bezoekt het gezin wekelijks.",
    ):
        assert action in plan
    rows = page.locator("main section#overleg-en-plan table tr")
    assert "Politie" in rows.filter(has_text="Wijkagent bezoekt").inner_text()

    wijkteam.goto(f"/cases/{pk}/?sectie=tijdlijn")
    items = page.locator("main section#tijdlijn li.timeline__item")
    for text, author in (
        ("budgetplan voor vader", "wijkteam"),
        ("Wijkteam begeleidt vader", "wijkteam"),
        ("ZVH plant de evaluatie", "regisseur"),
        ("Wijkagent bezoekt het gezin", "politie"),
    ):
        item = items.filter(has_text=text)
        assert item.count() == 1, text
        assert users[author].get_full_name() in item.inner_text(), text

    politie.goto(f"/cases/{pk}/?sectie=plan")
    assert "Schulden in beeld" in politie.page.inner_text("main section#overleg-en-plan")
    assert a11y.violations == [], "\n".join(a11y.violations)
