"""Bestuurlijke informatie: criteria create a task for the procesregisseur; the gemeente
sees only the notices (reference, pseudonymised summary, status), never the case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from escalation.models import AdministrativeNotice, InformedWhom
from escalation.services.notices import notice_mark, notice_record_informed
from escalation.transitions import TransitionRefused

from .conftest import assess, fresh


def _accepted_with(flow, level: int, risks: dict | None = None):
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case, level=level)
    if risks is not None:
        assess(case, level, risks=risks)
    flow.accept(fresh(case))
    return fresh(case)


@pytest.mark.parametrize(
    ("level", "risks", "expected"),
    [
        (3, None, ["acuut"]),
        (2, {"wapens_of_bedreiging": True}, ["wapens_of_bedreiging"]),
        (2, {"overlast": True, "politie_contacten": True}, ["overlast_en_politie"]),
        (2, {"overlast": True}, None),
    ],
)
def test_accepting_a_case_that_meets_the_criteria_creates_a_notice(flow, level, risks, expected):
    case = _accepted_with(flow, level, risks)
    notice = AdministrativeNotice.objects.filter(case=case).first()
    if expected is None:
        assert notice is None
    else:
        assert notice.criteria == expected
        assert notice.assigned_to == flow.u["regisseur"]
        assert not notice.done


def test_regisseur_can_mark_a_case_and_others_cannot(flow):
    case = _accepted_with(flow, 2)
    with pytest.raises(TransitionRefused):
        # Not the regiehouder (issue 14: the regiehouder may mark; a partner may not).
        notice_mark(user=flow.u["politie"], case=case, reason="Veel media-aandacht verwacht.")
    notice = notice_mark(user=flow.u["regisseur"], case=case, reason="Veel media-aandacht.")
    assert notice.criteria == ["regisseur"]
    with pytest.raises(TransitionRefused, match="al een taak"):
        notice_mark(user=flow.u["regisseur"], case=case, reason="Nogmaals aanmerken.")


def test_summary_with_a_household_name_is_refused(flow):
    case = _accepted_with(flow, 3)
    notice = AdministrativeNotice.objects.get(case=case)
    with pytest.raises(ValidationError, match="Gerrit"):
        notice_record_informed(
            user=flow.u["regisseur"],
            notice=notice,
            informed_on=flow.today,
            informed_whom=InformedWhom.BURGEMEESTER,
            pseudonymised_summary="Gerrit is een man van 58 met verslaving en schulden.",
        )
    notice.refresh_from_db()
    assert not notice.done


def test_recording_when_and_whom_completes_the_notice(flow):
    case = _accepted_with(flow, 3)
    notice = AdministrativeNotice.objects.get(case=case)
    notice_record_informed(
        user=flow.u["regisseur"],
        notice=notice,
        informed_on=flow.today - timedelta(days=1),
        informed_whom=InformedWhom.BURGEMEESTER,
        pseudonymised_summary="Man (50-60) met verslaving, schulden en overlast in de wijk.",
    )
    notice.refresh_from_db()
    assert notice.done and notice.informed_whom == InformedWhom.BURGEMEESTER
    with pytest.raises(TransitionRefused, match="al vastgelegd"):
        notice_record_informed(
            user=flow.u["regisseur"],
            notice=notice,
            informed_on=flow.today,
            informed_whom=InformedWhom.WETHOUDER,
            pseudonymised_summary="Tweede keer vastleggen mag niet.",
        )


def test_gemeente_sees_the_notice_list_but_never_the_case(wf_demo, gemeente_user):
    notice = AdministrativeNotice.objects.get(case__reference="DEMO-ZVH")
    notice_record_informed(
        user=wf_demo.users["regisseur"],
        notice=notice,
        informed_on=notice.created_at.date(),
        informed_whom=InformedWhom.WETHOUDER,
        pseudonymised_summary="Gezin met jonge kinderen, geweld en verslaving; ZVH coördineert.",
    )
    client = Client()
    client.force_login(gemeente_user)
    page = client.get(reverse("escalation:notices"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "DEMO-ZVH" in html and "ZVH coördineert" in html
    assert "Verbeek" not in html and "Lindelaan" not in html
    case_pk = wf_demo.cases["DEMO-ZVH"].pk
    assert client.get(reverse("cases:detail", args=[case_pk])).status_code == 404
    assert client.get(reverse("escalation:notice_record", args=[notice.pk])).status_code == 403
    assert client.get(reverse("cases:list")).status_code == 200
    assert "DEMO-ZVH" not in client.get(reverse("cases:list")).content.decode()


def test_partners_do_not_see_the_notices(wf_demo):
    assert wf_demo.client_for("politie").get(reverse("escalation:notices")).status_code == 403


# Trust II, finding 2: "Gezin Verbeeks, Lindelaan 17, geboren 30-01-2012" was accepted.
@pytest.mark.parametrize(
    "summary",
    [
        "Gezin Verbeeks met drie kinderen, geweld en verslaving in de wijk.",
        "Het gezin van de Lindelaan heeft schulden en er is huiselijk geweld.",
        "Gezin met kinderen, geweld en verslaving; postcode 3531 ab bekend.",
        "Gezin met kinderen; zoon geboren {dob:%d-%m-%Y}, veel politiecontacten.",
        "Gezin met kinderen; zoon geboren {dob:%d/%m/%y}, veel politiecontacten.",
        "Gezin met kinderen; zoon geboren {dob:%Y-%m-%d}, veel politiecontacten.",
        "Gezin met kinderen; zoon geboren {dob.day} {month} {dob.year}, veel politie.",
        "Moeder SANDRA en zoon dylan; verslaving en geweld in het gezin.",
    ],
)
def test_summary_that_still_names_the_household_is_refused(wf_demo, summary):
    notice = AdministrativeNotice.objects.get(case__reference="DEMO-ZVH")
    son = wf_demo.cases["DEMO-ZVH"].persons.get(first_name="Dylan")
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    text = summary.format(dob=son.date_of_birth, month=months[son.date_of_birth.month - 1])
    with pytest.raises(ValidationError, match="noemt het huishouden"):
        notice_record_informed(
            user=wf_demo.users["regisseur"],
            notice=notice,
            informed_on=notice.created_at.date(),
            informed_whom=InformedWhom.BURGEMEESTER,
            pseudonymised_summary=text,
        )
    notice.refresh_from_db()
    assert not notice.done and notice.pseudonymised_summary == ""


def test_a_pseudonymised_summary_with_ages_and_a_neighbourhood_is_accepted(wf_demo):
    notice = AdministrativeNotice.objects.get(case__reference="DEMO-ZVH")
    notice_record_informed(
        user=wf_demo.users["regisseur"],
        notice=notice,
        informed_on=notice.created_at.date(),
        informed_whom=InformedWhom.BURGEMEESTER,
        pseudonymised_summary="Gezin met twee kinderen (10-15 jaar) in wijk Noord; geweld, "
        "verslaving, zoon in 2025 aangehouden.",
    )
    notice.refresh_from_db()
    assert notice.done
