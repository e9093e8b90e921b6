"""Issue 14: partners (and wijkteams) aanmelden a case directly at the ZVH."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Person
from cases.phases import Phase
from escalation.models import EscalationRequest
from escalation.services.screening import escalation_accept
from privacy.models import AccessLog, CaseParticipation

URL = reverse("cases:intake")
VALID_BSN = "111222333"  # passes the elfproef


def _post(client, demo, *, last_name="Jansen", born="01-02-1980", bsn="", acute=False):
    return client.post(
        URL,
        {
            "team": demo.orgs["Wijkteam Noord"].pk,
            "aanleiding": "Herhaalde meldingen van geweld en bedreiging in de woning.",
            "urgency": "acuut" if acute else "normaal",
            "client_informed": "ja",
            "reason_not_informed": "",
            "persons-TOTAL_FORMS": "3",
            "persons-INITIAL_FORMS": "0",
            "persons-MIN_NUM_FORMS": "1",
            "persons-MAX_NUM_FORMS": "20",
            "persons-0-first_name": "Kees",
            "persons-0-last_name": last_name,
            "persons-0-date_of_birth": born,
            "persons-0-bsn": bsn,
            "persons-0-relation": "client",
            "persons-1-relation": "client",
            "persons-2-relation": "client",
        },
    )


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("politie", 200),
        ("ggz", 200),
        ("wijkteam", 200),
        ("regisseur", 403),
        ("manager", 403),
        ("privacy", 403),
        ("admin", 403),
    ],
)
def test_only_partners_and_wijkteam_workers_can_open_the_intake(demo, username, status):
    assert demo.client_for(username).get(URL).status_code == status


def test_politie_aanmelding_goes_through_screening(demo):
    response = _post(demo.client_for("politie"), demo, bsn=VALID_BSN)
    assert response.status_code == 302
    request = EscalationRequest.objects.get(requested_by=demo.users["politie"])
    case = request.case
    assert case.phase == Phase.AANGEMELD
    assert case.owning_team == demo.orgs["Wijkteam Noord"]
    assert list(request.partners.all()) == [demo.orgs["Politie"]]
    # The partner reads its aanmelding by reference only, never the case.
    assert (
        demo.client_for("politie").get(reverse("cases:detail", args=[case.pk])).status_code == 404
    )
    html = demo.client_for("politie").get(reverse("escalation:worklist")).content.decode()
    assert "Uw aanmeldingen (1)" in html and case.reference in html
    screening = demo.client_for("regisseur").get(reverse("escalation:screening"))
    assert case.reference in screening.content.decode()
    assert "Aangemeld door Politie" in screening.content.decode()
    escalation_accept(
        user=demo.users["regisseur"],
        case=case,
        procesregisseur=demo.users["regisseur"],
        review_date=timezone.localdate() + timedelta(days=14),
    )
    assert CaseParticipation.objects.active().filter(case=case, organisation__name="Politie")
    html = demo.client_for("politie").get(reverse("escalation:worklist")).content.decode()
    assert "Geaccepteerd" in html


def test_a_bsn_failing_the_elfproef_is_refused(demo):
    response = _post(demo.client_for("politie"), demo, bsn="123456789")
    assert response.status_code == 200
    assert "elfproef" in response.content.decode()
    assert not EscalationRequest.objects.filter(requested_by=demo.users["politie"]).exists()


def test_the_bsn_is_never_shown(demo):
    _post(demo.client_for("wijkteam"), demo, bsn=VALID_BSN)
    case = Person.objects.get(bsn=VALID_BSN).case
    for username in ("wijkteam", "regisseur"):
        client = demo.client_for(username)
        assert VALID_BSN not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert VALID_BSN not in client.get(reverse("cases:list")).content.decode()


def test_regisseur_sees_where_the_household_is_known_and_invites_that_party(demo):
    # A person of DEMO-ZVH (Politie and GGZ take part) is brought in again by GGZ.
    known = Person.objects.filter(case__reference="DEMO-ZVH").first()
    _post(
        demo.client_for("ggz"),
        demo,
        last_name=known.last_name.upper(),
        born=known.date_of_birth.strftime("%d-%m-%Y"),
    )
    case = Case.objects.get(escalation_requests__requested_by=demo.users["ggz"])
    url = reverse("escalation:known", args=[case.pk])
    client = demo.client_for("regisseur")
    html = client.get(url).content.decode()
    assert "Bekend bij Wijkteam Noord" in html and "Bekend bij Politie" in html
    # Which organisations, never what: no name or title of the other case.
    assert "Ronald" not in html and "huiselijk geweld" not in html
    logged = AccessLog.objects.filter(context__startswith="screening: bekend-bij-controle")
    assert logged.filter(case__reference="DEMO-ZVH", categories=[]).exists()
    assert logged.filter(case=case).exists()
    response = client.post(url, {"organisation": demo.orgs["Politie"].pk})
    assert response.status_code == 302
    assert demo.orgs["Politie"] in EscalationRequest.objects.get(case=case).partners.all()


def test_the_known_check_is_hidden_from_partners_and_other_teams(demo):
    _post(demo.client_for("politie"), demo)
    case = Case.objects.get(escalation_requests__requested_by=demo.users["politie"])
    url = reverse("escalation:known", args=[case.pk])
    assert demo.client_for("politie").get(url).status_code == 404
    assert demo.client_for("wijkteam2").get(url).status_code == 404
    assert demo.client_for("wijkteam").get(url).status_code == 403
    assert demo.client_for("regisseur").get(url).status_code == 200
