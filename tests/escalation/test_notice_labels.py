"""The grounds of bestuurlijke informatie read as words everywhere, never as codes
(issue 16, point 6: `['wapens_of_bedreiging']`): the notice page and the inzage export
and PDF take the labels from the one map, escalation.models.notices.CRITERIA_LABELS."""

from __future__ import annotations

from escalation.models import AdministrativeNotice
from privacy.inzage_rows import other_app_rows
from privacy.templatetags.inzage_tags import nl_value

from .conftest import assess, fresh


def _notice(flow) -> AdministrativeNotice:
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case, level=2)
    assess(case, 2, risks={"wapens_of_bedreiging": True})
    flow.accept(fresh(case))
    notice = AdministrativeNotice.objects.get(case=case)
    assert notice.criteria == ["wapens_of_bedreiging"]
    return notice


def test_the_notice_names_its_grounds_in_dutch(flow):
    notice = _notice(flow)
    assert notice.get_criteria_display() == ["Wapens of bedreiging"]
    page = flow.demo.client_for("regisseur").get(f"/escalation/notices/{notice.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Wapens of bedreiging" in body and "wapens_of_bedreiging" not in body


def test_the_inzage_export_and_pdf_show_the_label_not_the_code(flow):
    notice = _notice(flow)
    rows = other_app_rows(notice.case, skip_apps=set())["bestuurlijke informatie"]
    assert rows[0]["criteria"] == ["Wapens of bedreiging"]
    assert nl_value(rows[0]["criteria"]) == "Wapens of bedreiging"
