"""factory-boy factories for tests that need cases outside the demo stories."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import Case, CaseNote, Person
from cases.phases import Phase
from organisations.models import Membership, OrganisationKind, Role
from organisations.services import membership_set, organisation_create


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("demo")


def organisation(name: str, kind: str = OrganisationKind.WIJKTEAM):
    return organisation_create(name=name, kind=kind)


def member(organisation, role: str = Role.MEDEWERKER, **kwargs) -> Membership:
    user = UserFactory(**kwargs)
    return membership_set(user=user, organisation=organisation, role=role).user


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    number = factory.Sequence(lambda n: 5000 + n)
    reference = factory.LazyAttribute(lambda o: f"{o.year}-{o.number:04d}")
    title = "Zorgen over huishouden"
    phase = Phase.WIJKTEAM
    client_informed = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote

    text = "Notitie"
    category = "signalen"
