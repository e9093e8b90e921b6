"""A case the user may not see answers 404 on every case URL, exactly like an unknown id."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, get_resolver, reverse

from cases.models import Case, CaseEvent, CaseNote
from privacy.models import AccessLog

# Wijkteam Zuid receives DEMO-AFSCHALING (it must read it to accept the handover), so
# that Noord case is the one it may open; every other Noord case is closed to it.
NOORD_HIDDEN_FROM_ZUID = [
    "DEMO-ZVH",
    "DEMO-ACUUT",
    "DEMO-ADVIES",
    "DEMO-NAZORG",
    "DEMO-STAGNATIE",
    "DEMO-GESLOTEN",
]


def case_url_names() -> list[str]:
    """Every `cases:` URL that takes the case id."""
    resolver = get_resolver()
    cases_resolver = next(
        p for p in resolver.url_patterns if getattr(p, "namespace", None) == "cases"
    )
    return sorted(
        f"cases:{p.name}"
        for p in cases_resolver.url_patterns
        if isinstance(p, URLPattern) and "pk" in p.pattern.converters
    )


def case_url(name: str, pk: int) -> str:
    resolver = get_resolver()
    cases_resolver = next(
        p for p in resolver.url_patterns if getattr(p, "namespace", None) == "cases"
    )
    pattern = next(p for p in cases_resolver.url_patterns if f"cases:{p.name}" == name)
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = pk if key == "pk" else converter.to_url(converter.to_python("1"))
    return reverse(name, kwargs=kwargs)


def _without_per_request_tokens(body: bytes) -> bytes:
    # Every render carries a fresh CSRF token (logout form, htmx header), CSP nonce and
    # the seconds the session has left (its idle countdown).
    tokens = rb'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce="|data-session-idle=")'
    return re.sub(tokens + rb'[^"]+', rb"\1-", body)


def _traces() -> tuple[int, int, int]:
    return AccessLog.objects.count(), CaseNote.objects.count(), CaseEvent.objects.count()


def test_case_urls_are_enumerated(demo):
    names = case_url_names()

    assert "cases:detail" in names and "cases:note_add" in names


@pytest.mark.parametrize("reference", NOORD_HIDDEN_FROM_ZUID)
def test_wijkteam2_gets_404_on_the_page_of_every_hidden_noord_case(demo, reference):
    case = demo.cases[reference]
    assert case.owning_team == demo.orgs["Wijkteam Noord"]

    response = demo.client_for("wijkteam2").get(f"/cases/{case.pk}/")

    assert response.status_code == 404
    assert reference.encode() not in response.content
    assert case.title.encode() not in response.content


@pytest.mark.parametrize("method", ["get", "post"])
def test_wijkteam2_gets_404_on_every_case_url_of_hidden_noord_cases(demo, method):
    client = demo.client_for("wijkteam2")
    before = _traces()

    for reference in NOORD_HIDDEN_FROM_ZUID:
        case = demo.cases[reference]
        for name in case_url_names():
            url = case_url(name, case.pk)
            data = {"category": "signalen", "text": "Poging"} if method == "post" else None
            response = getattr(client, method)(url, data)
            assert response.status_code == 404, (method, url, reference)
            assert reference.encode() not in response.content

    assert _traces() == before


def test_wijkteam2_gets_404_on_every_noord_case_added_later(demo, more_cases):
    cases = more_cases(3)
    client = demo.client_for("wijkteam2")

    for case in cases:
        for name in case_url_names():
            assert client.get(case_url(name, case.pk)).status_code == 404
            assert client.post(case_url(name, case.pk), {}).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_and_forbidden_case_look_the_same(demo, method):
    client = demo.client_for("wijkteam2")
    forbidden = demo.cases["DEMO-ZVH"]
    unknown_pk = Case.objects.order_by("-pk").first().pk + 1000

    for name in case_url_names():
        hidden = getattr(client, method)(case_url(name, forbidden.pk))
        missing = getattr(client, method)(case_url(name, unknown_pk))
        assert hidden.status_code == missing.status_code == 404
        assert _without_per_request_tokens(hidden.content) == _without_per_request_tokens(
            missing.content
        )


def test_404_writes_no_access_log_row(demo):
    before = AccessLog.objects.count()

    demo.client_for("wijkteam2").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    demo.client_for("privacy").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    demo.client_for("admin").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")

    assert AccessLog.objects.count() == before


@pytest.mark.parametrize("username", ["privacy", "admin"])
def test_privacy_officer_and_admin_get_404_on_open_cases(demo, username):
    client = demo.client_for(username)

    for reference in ("DEMO-ZVH", "DEMO-ZUID-1", "DEMO-ACUUT"):
        assert client.get(f"/cases/{demo.cases[reference].pk}/").status_code == 404


def test_politie_gets_404_on_cases_it_does_not_take_part_in(demo):
    client = demo.client_for("politie")

    for reference in ("DEMO-ACUUT", "DEMO-ADVIES", "DEMO-ZUID-2", "DEMO-GESLOTEN"):
        assert client.get(f"/cases/{demo.cases[reference].pk}/").status_code == 404


def test_a_non_numeric_case_id_is_not_found(demo):
    client = demo.client_for("wijkteam")

    assert client.get("/cases/abc/").status_code == 404
    assert client.get("/cases/99999999999999999999/").status_code == 404
