"""Helpers for the beheer user tests: the check-your-answers steps as a browser posts them."""

from __future__ import annotations

from django.urls import reverse

from organisations.models import Organisation, Role

INVITE = {
    "username": "nieuwe.agent",
    "first_name": "Nora",
    "last_name": "de Wit",
    "email": "n.dewit@politie.example",
    "role": Role.MEDEWERKER,
}


def invite_data(organisation: Organisation, **overrides) -> dict:
    return {**INVITE, "organisation": organisation.pk, **overrides}


def check_then_save(client, url: str, data: dict):
    """Post the form (check step), then the summary's save button; returns both."""
    checked = client.post(url, {**data, "stap": "controleren"})
    saved = client.post(url, {**data, "stap": "opslaan"})
    return checked, saved


def invite_url() -> str:
    return reverse("beheer:user_invite")
