"""The access layer: grants computed from phase, participation and the convenant matrix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from cases.models import Case
from cases.phases import Phase
from privacy.access import (
    access_for_cases,
    case_access,
    count_visible_cases,
    get_case_for_user,
    visible_cases,
)
from privacy.grants import sync_case_access
from privacy.models import (
    CaseGroupObjectPermission,
    CaseParticipation,
    CaseUserObjectPermission,
)
from tests.case_pages import case_page_text

ALL = {"basis", "signalen", "zorg", "gezondheid", "justitie", "triage", "plan", "overleg"}

# DESIGN.md, "Default convenant matrix", applied to DEMO-ZVH (phase zvh, owned by
# Wijkteam Noord, Politie and GGZ taking part). Written out here rather than read
# from the code, so that a changed default is caught.
DEMO_ZVH_MATRIX: dict[str, tuple[set[str], bool]] = {
    "wijkteam": (ALL, True),
    "regisseur": (ALL, True),
    "politie": ({"basis", "signalen", "justitie", "triage", "plan", "overleg"}, True),
    "ggz": ({"basis", "signalen", "zorg", "gezondheid", "triage", "plan", "overleg"}, True),
    "manager": ({"basis", "signalen", "triage", "plan"}, False),
    "wijkteam2": (set(), False),
    # Only closed cases, for inzage and audit.
    "privacy": (set(), False),
    "admin": (set(), False),
}


def _move(case: Case, phase: str, **fields) -> Case:
    Case.objects.filter(pk=case.pk).update(phase=phase, **fields)
    case.refresh_from_db()
    sync_case_access(case)
    return case


@pytest.mark.parametrize("username", sorted(DEMO_ZVH_MATRIX))
def test_demo_zvh_grants_follow_the_convenant_matrix(demo, username):
    expected, can_change = DEMO_ZVH_MATRIX[username]

    access = case_access(demo.users[username], demo.cases["DEMO-ZVH"])

    assert set(access.categories) == expected
    assert access.can_change is can_change
    assert not access.break_the_glass


@pytest.mark.parametrize("username", sorted(DEMO_ZVH_MATRIX))
def test_visible_cases_and_get_case_agree_with_the_grants(demo, username):
    user = demo.users[username]
    case = demo.cases["DEMO-ZVH"]
    may_see = bool(DEMO_ZVH_MATRIX[username][0])

    assert visible_cases(user).filter(pk=case.pk).exists() is may_see
    assert count_visible_cases(user, lambda qs: qs.filter(pk=case.pk)) == int(may_see)
    if may_see:
        assert get_case_for_user(user, case.pk)[0] == case
    else:
        with pytest.raises(Http404):
            get_case_for_user(user, case.pk)


@pytest.mark.parametrize("username", sorted(DEMO_ZVH_MATRIX))
def test_count_of_visible_cases_matches_the_list(demo, username):
    user = demo.users[username]

    assert count_visible_cases(user) == visible_cases(user).count()
    assert count_visible_cases(user, limit=2) == min(2, visible_cases(user).count())
    phase_zvh = lambda qs: qs.filter(phase=Phase.ZVH)  # noqa: E731
    assert count_visible_cases(user, phase_zvh) == phase_zvh(visible_cases(user)).count()


def test_count_includes_break_the_glass_cases_once(demo):
    from django.contrib.auth.models import Permission

    user = demo.users["regisseur"]
    basis = Permission.objects.get(codename="view_case_basis")
    hidden, already_visible = demo.cases["DEMO-ADVIES"], demo.cases["DEMO-ZVH"]
    before = count_visible_cases(user)
    for case in (hidden, already_visible):
        CaseUserObjectPermission.objects.create(
            user=user,
            permission=basis,
            content_object=case,
            expires_at=timezone.now() + timedelta(hours=24),
        )

    assert count_visible_cases(user) == before + 1 == visible_cases(user).count()


def test_count_ignores_expired_break_the_glass_grants(demo):
    from django.contrib.auth.models import Permission

    user = demo.users["regisseur"]
    before = count_visible_cases(user)
    CaseUserObjectPermission.objects.create(
        user=user,
        permission=Permission.objects.get(codename="view_case_basis"),
        content_object=demo.cases["DEMO-ADVIES"],
        expires_at=timezone.now() - timedelta(minutes=1),
    )

    assert count_visible_cases(user) == before == visible_cases(user).count()


def test_access_for_a_page_of_cases_matches_one_by_one(demo, django_assert_max_num_queries):
    user = demo.users["regisseur"]
    cases = list(Case.objects.all())

    with django_assert_max_num_queries(3):
        page = access_for_cases(user, cases)

    for case in cases:
        single = case_access(user, case)
        assert page.get(case.pk, single) == single
        assert (case.pk in page) == bool(single.categories)


def test_sync_case_access_runs_at_most_20_queries(demo, django_assert_max_num_queries):
    case = demo.cases["DEMO-ZVH"]
    CaseGroupObjectPermission.objects.filter(content_object=case).delete()

    with django_assert_max_num_queries(20):
        sync_case_access(case)

    assert set(case_access(demo.users["politie"], case).categories) == DEMO_ZVH_MATRIX["politie"][0]


def test_sync_is_idempotent(demo):
    case = demo.cases["DEMO-ZVH"]
    before = set(CaseGroupObjectPermission.objects.filter(content_object=case).values_list("pk"))

    sync_case_access(case)

    after = set(CaseGroupObjectPermission.objects.filter(content_object=case).values_list("pk"))
    assert after == before


def test_closing_a_case_revokes_the_owner_and_partners_and_opens_it_to_the_privacy_officer(demo):
    case = _move(demo.cases["DEMO-ZVH"], Phase.GESLOTEN, closed_at=timezone.now())

    for username in ("wijkteam", "regisseur", "politie", "ggz", "manager"):
        assert not case_access(demo.users[username], case).categories, username
        assert not visible_cases(demo.users[username]).filter(pk=case.pk).exists()
    assert set(case_access(demo.users["privacy"], case).categories) == ALL
    assert visible_cases(demo.users["privacy"]).filter(pk=case.pk).exists()
    assert not CaseGroupObjectPermission.objects.filter(content_object=case).exists()


def test_closed_case_answers_404_to_its_former_owner(demo):
    case = _move(demo.cases["DEMO-ZVH"], Phase.GESLOTEN, closed_at=timezone.now())

    assert demo.client_for("wijkteam").get(f"/cases/{case.pk}/").status_code == 404
    assert demo.client_for("privacy").get(f"/cases/{case.pk}/").status_code == 200


def test_receiving_team_sees_an_afschaling_case_as_an_owner(demo):
    case = demo.cases["DEMO-AFSCHALING"]

    access = case_access(demo.users["wijkteam2"], case)

    assert set(access.categories) == ALL and access.can_change


def test_receiving_team_loses_the_case_when_the_handover_is_rejected(demo):
    case = _move(demo.cases["DEMO-AFSCHALING"], Phase.ZVH)

    assert not case_access(demo.users["wijkteam2"], case).categories
    assert set(case_access(demo.users["wijkteam"], case).categories) == ALL


def test_zvh_does_not_see_a_wijkteam_case_without_a_consultation(demo):
    case = demo.cases["DEMO-ADVIES"]

    assert not case_access(demo.users["regisseur"], case).categories
    assert not visible_cases(demo.users["regisseur"]).filter(pk=case.pk).exists()


def test_zvh_reads_only_basis_signalen_and_triage_while_advice_access_runs(demo):
    case = _move(
        demo.cases["DEMO-ADVIES"],
        Phase.WIJKTEAM,
        advice_access_until=timezone.now() + timedelta(days=14),
    )

    access = case_access(demo.users["regisseur"], case)

    assert set(access.categories) == {"basis", "signalen", "triage"}
    assert not access.can_change
    body = case_page_text(demo.client_for("regisseur"), case.pk)
    assert "[SIGNALEN]" in body and "[ZORG]" not in body


def test_zvh_loses_advice_access_once_it_has_expired(demo):
    case = _move(
        demo.cases["DEMO-ADVIES"],
        Phase.WIJKTEAM,
        advice_access_until=timezone.now() - timedelta(minutes=1),
    )

    assert not case_access(demo.users["regisseur"], case).categories


def test_advice_access_gives_partners_nothing(demo):
    case = demo.cases["DEMO-ADVIES"]
    CaseParticipation.objects.create(
        case=case, organisation=demo.orgs["Politie"], reason="x", added_by=demo.users["regisseur"]
    )
    # A participant from before the case came back to the wijkteam (an earlier ZVH track):
    # the advice window opens the case to the ZVH, not to it.
    _move(
        case,
        Phase.WIJKTEAM,
        phase_changed_at=timezone.now() + timedelta(seconds=1),
        advice_access_until=timezone.now() + timedelta(days=14),
    )

    assert not case_access(demo.users["politie"], case).categories


def test_partner_invited_to_a_wijkteam_overleg_sees_the_case_per_the_convenant(demo):
    from privacy.services import participation_add

    case = demo.cases["DEMO-ADVIES"]
    participation_add(
        case=case,
        organisation=demo.orgs["Politie"],
        user=case.regiehouder,
        reason="Uitgenodigd voor het casusoverleg van het wijkteam.",
    )

    access = case_access(demo.users["politie"], case)
    assert set(access.categories) == DEMO_ZVH_MATRIX["politie"][0]
    assert not case_access(demo.users["ggz"], case).categories
    assert not case_access(demo.users["regisseur"], case).categories


def test_partner_of_an_earlier_track_does_not_see_a_case_declined_to_the_wijkteam(demo):
    case = demo.cases["DEMO-ZVH"]
    assert case_access(demo.users["politie"], case).categories

    _move(case, Phase.WIJKTEAM, phase_changed_at=timezone.now())

    assert not case_access(demo.users["politie"], case).categories


def test_resync_keeps_the_wijkteam_overleg_rule(demo):
    from privacy.matrix import resync_cases

    invited, declined = demo.cases["DEMO-ADVIES"], demo.cases["DEMO-ZVH"]
    CaseParticipation.objects.create(
        case=invited, organisation=demo.orgs["GGZ"], reason="x", added_by=invited.regiehouder
    )
    _move(declined, Phase.WIJKTEAM, phase_changed_at=timezone.now())
    CaseGroupObjectPermission.objects.filter(content_object__in=[invited, declined]).delete()

    resync_cases([invited.pk, declined.pk])

    assert case_access(demo.users["ggz"], invited).categories
    assert not case_access(demo.users["politie"], declined).categories


def test_zvh_sees_a_case_from_aangemeld_on(demo):
    case = demo.cases["DEMO-ACUUT"]

    access = case_access(demo.users["regisseur"], case)

    assert set(access.categories) == ALL and access.can_change


def test_partner_sees_a_case_only_from_zvh_on(demo):
    case = demo.cases["DEMO-ACUUT"]
    CaseParticipation.objects.create(
        case=case, organisation=demo.orgs["GGZ"], reason="x", added_by=demo.users["regisseur"]
    )
    sync_case_access(case)
    assert not case_access(demo.users["ggz"], case).categories

    _move(case, Phase.ZVH)
    assert set(case_access(demo.users["ggz"], case).categories) == DEMO_ZVH_MATRIX["ggz"][0]


def test_removed_partner_loses_access(demo):
    from privacy.services import participation_remove

    case = demo.cases["DEMO-ZVH"]
    participation_remove(
        case=case, organisation=demo.orgs["Politie"], user=demo.users["regisseur"], reason="Klaar"
    )

    assert not case_access(demo.users["politie"], case).categories
    assert demo.client_for("politie").get(f"/cases/{case.pk}/").status_code == 404


def test_added_partner_gets_its_convenant_categories(demo):
    from privacy.services import participation_add

    case = demo.cases["DEMO-ZVH"]
    participation_add(
        case=case,
        organisation=demo.orgs["Reclassering"],
        user=demo.users["regisseur"],
        reason="Toezicht vader",
    )
    from tests.factories import member

    reclassering = member(demo.orgs["Reclassering"])

    assert set(case_access(reclassering, case).categories) == {
        "basis",
        "justitie",
        "plan",
        "overleg",
    }


def test_another_wijkteam_never_gains_access_by_being_invited(demo):
    case = demo.cases["DEMO-ZVH"]
    CaseParticipation.objects.create(
        case=case,
        organisation=demo.orgs["Wijkteam Zuid"],
        reason="x",
        added_by=demo.users["regisseur"],
    )
    sync_case_access(case)

    assert not case_access(demo.users["wijkteam2"], case).categories


def test_gemeente_never_sees_a_case(demo):
    from tests.factories import member

    gemeente = member(demo.orgs["Gemeente"])

    assert not visible_cases(gemeente).exists()


def test_a_changed_convenant_cell_changes_access_after_sync(demo):
    from privacy.models import SharingRule

    case = demo.cases["DEMO-ZVH"]
    SharingRule.objects.filter(party="politie", category="justitie").update(allowed=False)
    sync_case_access(case)

    assert "justitie" not in case_access(demo.users["politie"], case).categories


def test_user_without_membership_sees_nothing(demo):
    from tests.factories import UserFactory

    outsider = UserFactory()

    assert not visible_cases(outsider).exists()
    assert not case_access(outsider, demo.cases["DEMO-ZVH"]).categories
