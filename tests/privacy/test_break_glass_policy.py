"""Break-the-glass is only for escalated, open cases, is no oracle, and every attempt is
logged (review finding 7)."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseEvent
from privacy.models import (
    AccessLog,
    BreakGlassAccess,
    CaseUserObjectPermission,
    SharingParty,
    SharingRule,
)

REASON = "Melding van acuut gevaar in de woning, wijkagent gaat nu ter plaatse"
REFUSED = (
    "Deze casus kan niet via noodtoegang worden geopend. Noodtoegang kan alleen voor "
    "een casus die bij het Zorg- en Veiligheidshuis is aangemeld en nog niet is gesloten, "
    "en alleen als het convenant uw organisatie inzage geeft. Controleer het kenmerk."
)


def _state() -> tuple:
    """Everything a refused attempt must leave alone (the access log apart)."""
    return (
        list(BreakGlassAccess.objects.values_list("id", flat=True)),
        list(CaseUserObjectPermission.objects.values_list("id", flat=True)),
        list(CaseEvent.objects.values_list("id", flat=True)),
        list(Case.objects.order_by("id").values_list("id", "phase")),
    )


def _attempt(demo, username: str, reference: str):
    return demo.client_for(username).post(
        "/privacy/break-the-glass/", {"reference": reference, "reason": REASON}
    )


def _error_text(response) -> str:
    return response.context["form"].errors["reference"][0]


@pytest.mark.parametrize(
    ("username", "reference"),
    [
        ("ggz", "DEMO-STAGNATIE"),  # wijkteam phase, Wijkteam Noord
        ("politie", "DEMO-ZUID-1"),  # wijkteam phase, another team
        ("regisseur", "DEMO-ADVIES"),  # wijkteam phase
        ("politie", "DEMO-GESLOTEN"),  # closed
        ("ggz", "2099-9999"),  # does not exist
    ],
)
def test_every_refusal_reads_the_same_and_changes_nothing(demo, username, reference):
    before = _state()
    response = _attempt(demo, username, reference)
    assert response.status_code == 400
    assert _error_text(response) == REFUSED
    assert _state() == before
    row = AccessLog.objects.get()
    assert row.user == demo.users[username]
    assert row.action == "view" and not row.break_the_glass and row.categories == []
    assert row.context.startswith("noodtoegang geweigerd: ")
    known = Case.objects.filter(reference=reference).first()
    assert row.case == known, "an unknown reference leaves no case in the row"


def test_the_log_says_why_an_attempt_was_refused(demo):
    _attempt(demo, "ggz", "DEMO-STAGNATIE")
    _attempt(demo, "ggz", "DEMO-GESLOTEN")
    _attempt(demo, "ggz", "2099-9999")
    assert list(AccessLog.objects.order_by("id").values_list("context", flat=True)) == [
        "noodtoegang geweigerd: fase wijkteam",
        "noodtoegang geweigerd: fase gesloten",
        "noodtoegang geweigerd: onbekend kenmerk 2099-9999",
    ]


def test_a_partner_without_basis_in_the_convenant_gets_the_same_refusal(demo):
    SharingRule.objects.filter(party=SharingParty.POLITIE, category="basis").update(allowed=False)
    before = _state()
    response = _attempt(demo, "politie", "DEMO-ACUUT")
    assert response.status_code == 400
    assert _error_text(response) == REFUSED
    assert _state() == before
    row = AccessLog.objects.get()
    assert row.context == "noodtoegang geweigerd: convenant geeft de organisatie geen inzage"


@pytest.mark.parametrize("phase", ["aangemeld", "zvh", "afschaling", "nazorg"])
def test_a_partner_may_open_an_escalated_open_case(demo, phase):
    case = demo.cases["DEMO-ACUUT"]
    Case.objects.filter(pk=case.pk).update(phase=phase)
    response = _attempt(demo, "ggz", case.reference)
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert BreakGlassAccess.objects.get().case == case
    granted = AccessLog.objects.get()
    assert granted.case == case and granted.break_the_glass and granted.action == "view"
    assert granted.context == "noodtoegang verleend"


def test_a_short_reason_is_logged_as_a_refused_attempt(demo):
    before = _state()
    response = demo.client_for("politie").post(
        "/privacy/break-the-glass/", {"reference": "DEMO-ACUUT", "reason": "even kijken"}
    )
    assert response.status_code == 400
    assert "minstens 20 tekens" in response.content.decode()
    assert _state() == before
    row = AccessLog.objects.get()
    assert row.case is None and not row.break_the_glass
    assert row.context == "noodtoegang geweigerd: formulier onvolledig (reason)"


@pytest.mark.parametrize("username", ["wijkteam", "manager", "privacy"])
def test_a_refused_role_is_logged_too(demo, username):
    before = _state()
    response = _attempt(demo, username, "DEMO-ACUUT")
    assert response.status_code == 403
    assert _state() == before
    row = AccessLog.objects.get()
    assert row.case is None
    assert row.context == "noodtoegang geweigerd: rol mag geen noodtoegang vragen"


def test_looking_at_the_form_is_not_an_attempt(demo):
    assert demo.client_for("politie").get("/privacy/break-the-glass/").status_code == 200
    assert not AccessLog.objects.exists()
