"""`HasGrant`, the SQL of "may this group or user open this case": the same answer as the
grant rows say, also when the access layer's query becomes a subquery of another (Django
relabels the case it tests) and whatever the personal grant's expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cases.models import Case, Person
from privacy.access import cases_readable_in, visible_cases
from privacy.grant_check import HasGrant
from privacy.models import CaseGroupObjectPermission, CaseUserObjectPermission

USERS = ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager"]


def _granted_by_rows(user, codename: str) -> set[int]:
    """The case ids the grant rows give the user's organisation or, unexpired, the user."""
    group_id = user.memberships.get().organisation.group_id
    now = timezone.now()
    by_group = CaseGroupObjectPermission.objects.filter(
        group_id=group_id, permission__codename=codename
    ).values_list("content_object_id", flat=True)
    by_user = [
        grant.content_object_id
        for grant in CaseUserObjectPermission.objects.filter(
            user=user, permission__codename=codename
        )
        if grant.expires_at is None or grant.expires_at > now
    ]
    return set(by_group) | set(by_user)


def _has_grant(user, codename: str, **kwargs) -> HasGrant:
    return HasGrant(
        group_id=user.memberships.get().organisation.group_id,
        user_id=user.pk,
        codename=codename,
        now=timezone.now(),
        **kwargs,
    )


def _personal(user, case, codename="view_case_basis", **expiry) -> None:
    CaseUserObjectPermission.objects.update_or_create(
        user=user,
        permission=Permission.objects.get(codename=codename),
        content_object=case,
        defaults={"expires_at": timezone.now() + timedelta(**expiry) if expiry else None},
    )


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("codename", ["view_case_basis", "view_case_gezondheid"])
def test_the_cases_the_grant_rows_give(demo, username, codename):
    user = demo.users[username]

    cases = Case.objects.filter(_has_grant(user, codename))

    assert set(cases.values_list("pk", flat=True)) == _granted_by_rows(user, codename)


def test_a_personal_grant_opens_the_case_until_it_expires(demo):
    user, other = demo.users["politie"], demo.users["ggz"]
    hidden = demo.cases["DEMO-ADVIES"]
    assert not visible_cases(user).filter(pk=hidden.pk).exists()

    _personal(user, hidden, minutes=-1)
    assert not visible_cases(user).filter(pk=hidden.pk).exists()

    _personal(user, hidden, hours=24)
    assert visible_cases(user).filter(pk=hidden.pk).exists()

    _personal(user, hidden)  # no expiry: a grant the access layer keeps honouring
    assert visible_cases(user).filter(pk=hidden.pk).exists()
    assert not visible_cases(other).filter(pk=hidden.pk).exists()


def test_a_personal_grant_of_another_permission_does_not_open_the_case(demo):
    user = demo.users["politie"]
    hidden = demo.cases["DEMO-ADVIES"]

    _personal(user, hidden, codename="view_case_zorg", hours=24)

    assert not visible_cases(user).filter(pk=hidden.pk).exists()


@pytest.mark.parametrize("username", USERS)
def test_the_same_cases_when_the_query_is_a_subquery(demo, username):
    user = demo.users[username]
    visible = set(visible_cases(user).values_list("pk", flat=True))

    # As `pk IN (…)`: the access query is relabeled inside another query of cases.
    inside = Case.objects.filter(pk__in=visible_cases(user).values("pk"))
    # Correlated to an outer row of another table, as the bell counts reminders.
    persons = Person.objects.filter(
        Exists(visible_cases(user).filter(pk=OuterRef("case_id")))
    ).values_list("case_id", flat=True)
    # Tested directly on the outer row, through an OuterRef.
    by_ref = Person.objects.filter(
        Exists(Case.objects.filter(_has_grant(user, "view_case_basis", case=OuterRef("case_id"))))
    ).values_list("case_id", flat=True)

    assert set(inside.values_list("pk", flat=True)) == visible
    assert (
        set(persons)
        == set(by_ref)
        == visible & set(Person.objects.values_list("case_id", flat=True))
    )


def test_two_grant_checks_nested_in_one_query(demo):
    user = demo.users["politie"]
    readable = set(cases_readable_in(user, "justitie").values_list("pk", flat=True))
    assert readable, "politie reads justitie of the case it takes part in"

    # cases_readable_in holds two checks (basis and justitie); nested once more.
    nested = Case.objects.filter(pk__in=cases_readable_in(user, "justitie").values("pk")).filter(
        Exists(visible_cases(user).filter(pk=OuterRef("pk")))
    )

    assert set(nested.values_list("pk", flat=True)) == readable
