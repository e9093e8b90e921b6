"""Ruleset versions: immutability, and the admin's draft → preview → publish flow."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from privacy.models import AccessLog
from triage import rescoring, selectors, services
from triage.defaults import RULESET_V1
from triage.engine import RISKS
from triage.forms import RulesetForm
from triage.models import ImmutableRulesetError, Ruleset, RulesetStatus, TriageAssessment

pytestmark = pytest.mark.django_db


def test_v1_is_shipped_as_the_active_published_version(db) -> None:
    v1 = selectors.active_ruleset()
    assert v1.name == "v1"
    assert v1.status == RulesetStatus.PUBLISHED
    assert v1.definition == RULESET_V1


def test_published_ruleset_cannot_be_changed_or_deleted(db) -> None:
    v1 = selectors.active_ruleset()
    v1.definition = {**v1.definition, "zorg_en_veiligheid_points": 40}
    with pytest.raises(ImmutableRulesetError):
        v1.save()
    with pytest.raises(ImmutableRulesetError):
        v1.delete()
    assert Ruleset.objects.get(name="v1").definition == RULESET_V1


def test_service_refuses_to_edit_a_published_version(demo) -> None:
    with pytest.raises(ValidationError, match="gepubliceerd"):
        services.ruleset_draft_update(
            user=demo.users["admin"],
            ruleset=selectors.active_ruleset(),
            name="v1",
            definition=RULESET_V1,
        )


def test_only_one_ruleset_can_be_active(demo) -> None:
    draft = services.ruleset_draft_create(user=demo.users["admin"])
    Ruleset.objects.filter(pk=draft.pk).update(status=RulesetStatus.PUBLISHED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ruleset.objects.filter(pk=draft.pk).update(is_active=True)


def test_a_draft_cannot_be_active(demo) -> None:
    draft = services.ruleset_draft_create(user=demo.users["admin"])
    Ruleset.objects.filter(is_active=True).update(is_active=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ruleset.objects.filter(pk=draft.pk).update(is_active=True)


def test_only_functional_admin_manages_rulesets(demo) -> None:
    with pytest.raises(PermissionDenied):
        services.ruleset_draft_create(user=demo.users["regisseur"])
    for username in ("wijkteam", "regisseur", "privacy", "manager"):
        response = demo.client_for(username).get(reverse("triage:ruleset_list"))
        assert response.status_code == 403


def test_invalid_draft_is_refused_with_a_dutch_message(demo) -> None:
    draft = services.ruleset_draft_create(user=demo.users["admin"])
    broken = {**draft.definition, "thresholds": {"acuut": None, "opschalen": 4, "consultatie": 8}}
    with pytest.raises(ValidationError, match="niet geldig"):
        services.ruleset_draft_update(
            user=demo.users["admin"], ruleset=draft, name=draft.name, definition=broken
        )
    assert Ruleset.objects.get(pk=draft.pk).definition["thresholds"]["opschalen"] == 16


def form_post(definition: dict, name: str, **overrides) -> dict:
    initial = RulesetForm.initial_from(name, "", definition)
    data = {k: ("" if v is None else v) for k, v in initial.items() if k != "knock_outs"}
    data["knock_outs"] = initial["knock_outs"]
    data.update(overrides)
    return data


def test_admin_edit_form_shows_field_errors_in_dutch(triage_demo) -> None:
    client = triage_demo.client_for("admin")
    draft = services.ruleset_draft_create(user=triage_demo.users["admin"])
    url = reverse("triage:ruleset_edit", args=[draft.pk])
    response = client.post(
        url,
        form_post(
            draft.definition,
            draft.name,
            threshold_opschalen=5,
            domain_points_1=0,
            risk_points_geweld=-1,
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html
    assert "minstens even hoog zijn als die voor consultatie" in html
    assert "Een betere score mag nooit meer punten geven" in html
    assert "Punten kunnen niet negatief zijn." in html
    assert Ruleset.objects.get(pk=draft.pk).definition == {**RULESET_V1, "name": draft.name}


def test_admin_creates_edits_previews_and_publishes_a_draft(triage_demo) -> None:
    client = triage_demo.client_for("admin")
    listing = client.get(reverse("triage:ruleset_list"))
    assert listing.status_code == 200
    assert "Nieuw concept op basis van v1" in listing.content.decode()

    created = client.post(reverse("triage:ruleset_new"))
    draft = Ruleset.objects.get(status=RulesetStatus.DRAFT)
    assert draft.name == "v2"
    assert draft.based_on.name == "v1"
    assert created.url == reverse("triage:ruleset_edit", args=[draft.pk])
    assert client.get(created.url).status_code == 200

    # Lower the threshold for opschalen from 16 to 12.
    saved = client.post(
        created.url,
        form_post(draft.definition, "v2", threshold_opschalen=12, description="Eerder opschalen"),
    )
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.definition["thresholds"]["opschalen"] == 12
    assert draft.definition["name"] == "v2"

    preview = client.get(saved.url)
    html = preview.content.decode()
    assert preview.status_code == 200
    # DEMO-ADVIES (score 15) and DEMO-STAGNATIE (12) go from consultatie to opschalen.
    impact = preview.context["impact"]
    assert impact.changed == 2
    assert preview.context["transitions"] == [{"from": 1, "to": 2, "cases": 2}]
    assert "2 casussen" in html
    # The functional admin sees no case data: counts only, and the page says so.
    assert preview.context["changed_cases"] == []
    assert "DEMO-ADVIES" not in html and "DEMO-STAGNATIE" not in html
    assert (
        "U ziet alleen aantallen. Functioneel beheer heeft geen toegang tot casusgegevens" in html
    )

    not_confirmed = client.post(reverse("triage:ruleset_publish", args=[draft.pk]))
    assert not_confirmed.status_code == 302
    assert selectors.active_ruleset().name == "v1"

    published = client.post(reverse("triage:ruleset_publish", args=[draft.pk]), {"confirm": "yes"})
    assert published.status_code == 302
    assert selectors.active_ruleset().name == "v2"
    assert Ruleset.objects.get(name="v1").status == RulesetStatus.RETIRED
    draft.refresh_from_db()
    assert draft.published_by == triage_demo.users["admin"]
    assert draft.published_at is not None
    assert client.get(reverse("triage:ruleset_edit", args=[draft.pk])).status_code == 302


def test_publishing_rescores_open_cases_and_old_assessments_keep_their_version(
    triage_demo, django_capture_on_commit_callbacks
) -> None:
    admin = triage_demo.users["admin"]
    draft = services.ruleset_draft_create(user=admin)
    services.ruleset_draft_update(
        user=admin,
        ruleset=draft,
        name="v2",
        definition={
            **draft.definition,
            "thresholds": {"acuut": None, "opschalen": 12, "consultatie": 8},
        },
    )
    old_ids = set(TriageAssessment.objects.values_list("id", flat=True))
    client = triage_demo.client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("triage:ruleset_publish", args=[draft.pk]), {"confirm": "yes"})
    # Earlier assessments are untouched and still say v1.
    assert set(
        TriageAssessment.objects.filter(id__in=old_ids).values_list("ruleset_name", flat=True)
    ) == {"v1"}
    stagnatie = selectors.latest_assessment(triage_demo.cases["DEMO-STAGNATIE"])
    assert stagnatie.ruleset_name == "v2"
    assert stagnatie.level == 2
    assert stagnatie.is_rescore
    # The rescore keeps the date of the answers: a recalculation never looks recent.
    assert stagnatie.assessed_at == stagnatie.rescored_from.assessed_at
    page = triage_demo.client_for("wijkteam").get(
        reverse("cases:detail", args=[triage_demo.cases["DEMO-STAGNATIE"].pk]) + "?sectie=triage"
    )
    assert "herberekend met een nieuwe triageversie" in page.content.decode()


def lowered_draft(admin) -> Ruleset:
    draft = services.ruleset_draft_create(user=admin)
    thresholds = {"acuut": None, "opschalen": 12, "consultatie": 8}
    return services.ruleset_draft_update(
        user=admin,
        ruleset=draft,
        name="v2",
        definition={**draft.definition, "thresholds": thresholds},
    )


def test_changed_cases_are_listed_only_to_who_may_see_them(triage_demo) -> None:
    draft = lowered_draft(triage_demo.users["admin"])
    impact = rescoring.impact_preview(ruleset=draft)
    ids = impact.changed_case_ids

    def refs(username):
        rows = selectors.changed_cases_visible_to(
            triage_demo.users[username], ruleset=draft, case_ids=ids
        )
        return [(r["case"].reference, r["old"], r["new"]) for r in rows]

    assert refs("wijkteam") == [("DEMO-ADVIES", 1, 2), ("DEMO-STAGNATIE", 1, 2)]
    assert refs("wijkteam2") == []
    assert refs("admin") == []
    assert refs("politie") == []


def test_preview_of_the_admin_logs_no_case_access(triage_demo) -> None:
    draft = lowered_draft(triage_demo.users["admin"])
    before = AccessLog.objects.count()
    response = triage_demo.client_for("admin").get(
        reverse("triage:ruleset_preview", args=[draft.pk])
    )
    assert response.context["impact"].changed == 2
    assert response.context["counts_only"] is True
    assert "U ziet alleen aantallen" in response.content.decode()
    assert AccessLog.objects.count() == before


def test_risk_fields_cover_every_risk() -> None:
    form = RulesetForm(initial=RulesetForm.initial_from("v1", "", RULESET_V1))
    assert [f.name for f in form.risk_point_fields] == [f"risk_points_{r}" for r in RISKS]


@pytest.mark.parametrize(
    ("name", "message"), [("v1", "bestaat al"), ("Versie 2!", "kleine letters"), ("", "kleine")]
)
def test_draft_name_must_be_free_and_simple(demo, name, message) -> None:
    draft = services.ruleset_draft_create(user=demo.users["admin"])
    with pytest.raises(ValidationError, match=message):
        services.ruleset_draft_update(
            user=demo.users["admin"], ruleset=draft, name=name, definition=draft.definition
        )
