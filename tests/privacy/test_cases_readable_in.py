"""`cases_readable_in`: the cases whose one category a user may read, decided in SQL,
must be exactly the cases `access_for_cases` says the user may read it in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from cases.categories import Category, view_codename
from cases.models import Case
from privacy.access import access_for_cases, cases_readable_in
from privacy.models import CaseUserObjectPermission

USERS = ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager", "privacy", "admin"]


def _by_access(user, category: str) -> set[str]:
    access = access_for_cases(user, Case.objects.all())
    return {
        c.reference for c in Case.objects.all() if c.pk in access and access[c.pk].can_see(category)
    }


@pytest.mark.parametrize("username", USERS)
def test_same_cases_as_the_access_per_case_for_every_category(demo, username):
    user = demo.users[username]
    for category in Category.values:
        readable = set(cases_readable_in(user, category).values_list("reference", flat=True))
        assert readable == _by_access(user, category), (username, category)


def test_politie_reads_the_plan_but_not_health_of_the_case_it_takes_part_in(demo):
    user = demo.users["politie"]
    assert "DEMO-ZVH" in cases_readable_in(user, Category.PLAN).values_list("reference", flat=True)
    assert not cases_readable_in(user, Category.GEZONDHEID).filter(reference="DEMO-ZVH").exists()


def test_a_personal_grant_counts_until_it_expires(demo):
    user, case = demo.users["wijkteam2"], demo.cases["DEMO-ZVH"]
    for codename in (view_codename(Category.BASIS), view_codename(Category.SIGNALEN)):
        CaseUserObjectPermission.objects.create(
            user=user,
            permission=Permission.objects.get(codename=codename),
            content_object=case,
            expires_at=timezone.now() + timedelta(hours=1),
        )
    assert case in cases_readable_in(user, Category.SIGNALEN)
    assert case not in cases_readable_in(user, Category.GEZONDHEID)
    CaseUserObjectPermission.objects.filter(user=user).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert case not in cases_readable_in(user, Category.SIGNALEN)
