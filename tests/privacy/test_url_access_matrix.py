"""Every case-scoped URL × every demo role: hidden cases answer 404, hidden categories
never appear.

The URL patterns are ENUMERATED from the project's resolver, so a new case-scoped URL is
covered automatically, and one that is not registered in `CASE_URLS` below fails
`test_every_case_scoped_url_is_registered`.

A URL pattern is *case-scoped* when it takes a `case_pk` or `case_id` keyword, or a `pk`
keyword in a route with a `case/` or `cases/` segment (e.g. `/cases/<pk>/notes/`,
`/privacy/case/<pk>/basis/`). Its case id comes from the URL, so it must go through
`privacy.access.get_case_for_user` (404 for unknown and forbidden alike).

For every case-scoped URL and every demo user this test:
* requests it (GET, and POST with empty data) for a case the user may not see and for a
  case id that does not exist: both answer 404 (or both 405 for a POST-only view's GET:
  the same answer, so existence is not leaked) and no AccessLog row is written;
* requests it for each demo case the user may see: no 500, and no marker of a category
  the user may not see (`[GEZONDHEID]`, `[JUSTITIE]`, …) appears in the response;
* for URLs that also take another object's id (`extra=`), requests a visible case with
  the object of a hidden case: 404 (no IDOR through the second id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cases.categories import Category
from cases.models import Case
from privacy.access import case_access, visible_cases
from privacy.models import AccessLog


@dataclass(frozen=True)
class CaseUrl:
    # Keyword arguments besides the case id, computed from the case (e.g. a note id).
    extra: Callable[[Case], dict] = field(default=lambda case: {})
    # The privacy officer's audit views are keyed by case id without the access layer
    # (see privacy/views.py): for her they answer 200 for any case, but show no case
    # content; for everyone else they are 404.
    audit: bool = False


def _latest(related_name: str, kwarg: str) -> Callable[[Case], dict]:
    """extra= for a URL that also takes the id of an object of the case."""

    def extra(case: Case) -> dict:
        pk = getattr(case, related_name).order_by("-pk").values_list("pk", flat=True).first()
        return {kwarg: pk or MISSING_PK}

    return extra


# THE REGISTER OF CASE-SCOPED URLS. When you add a URL that takes a case id, add its
# "namespace:name" here (with `extra=` if it takes more keyword arguments) and make sure
# the view reads the case with `get_case_for_user`. Entries for URLs that do not exist
# (yet) are ignored.
CASE_URLS: dict[str, CaseUrl] = {
    "cases:detail": CaseUrl(),
    "cases:note_add": CaseUrl(),
    "cases:overview_pdf": CaseUrl(),
    "privacy:case_participants": CaseUrl(),
    "privacy:case_basis": CaseUrl(),
    "privacy:case_access_log": CaseUrl(audit=True),
    "escalation:notice_mark": CaseUrl(),
    "escalation:consult": CaseUrl(),
    "escalation:consult_answer": CaseUrl(),
    "escalation:request": CaseUrl(),
    "escalation:re_escalate": CaseUrl(),
    "escalation:accept": CaseUrl(),
    "escalation:decline": CaseUrl(),
    "escalation:conference": CaseUrl(),
    "escalation:review": CaseUrl(),
    "escalation:plan": CaseUrl(),
    "escalation:action_add": CaseUrl(),
    "escalation:handover": CaseUrl(),
    "escalation:handover_accept": CaseUrl(),
    "escalation:handover_reject": CaseUrl(),
    "escalation:aftercare": CaseUrl(),
    "escalation:close": CaseUrl(),
    "triage:assessment_new": CaseUrl(),
    "triage:assessment": CaseUrl(extra=_latest("assessments", "assessment_pk")),
    "documents:upload": CaseUrl(),
    "documents:download": CaseUrl(extra=_latest("documents", "document_pk")),
    "escalation:known": CaseUrl(),
    "escalation:goal": CaseUrl(),
    # The API reads cases through the same access layer (api/base.py).
    "api:case": CaseUrl(),
    "api:persons": CaseUrl(),
    "api:notes": CaseUrl(),
    "api:triage": CaseUrl(),
    "api:actions": CaseUrl(),
    **{
        f"api:step_{step}": CaseUrl()
        for step in (
            "escalate",
            "consult",
            "consult_answer",
            "accept",
            "decline",
            "conference",
            "plan",
            "goal",
            "action_add",
            "review",
            "propose_handover",
            "accept_handover",
            "reject_handover",
            "aftercare_check",
            "re_escalate",
            "close",
        )
    },
}

CASE_KWARGS = {"case_pk", "case_id"}
DEMO_USERS = [
    "wijkteam",
    "wijkteam2",
    "regisseur",
    "politie",
    "ggz",
    "manager",
    "privacy",
    "admin",
    # The second region (issue 13): its ZVH and wijkteam see none of region 1's cases.
    "regisseur-oost",
    "wijkteam-oost",
]
MISSING_PK = 987_654
MARKERS = {c: f"[{c.upper()}]" for c in Category.values}


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern), set(p.pattern.converters)


def _is_case_scoped(route: str, kwargs: set[str]) -> bool:
    if kwargs & CASE_KWARGS:
        return True
    segments = route.split("/")
    return "pk" in kwargs and any(s in ("case", "cases") for s in segments)


def case_scoped_patterns() -> list[tuple[str | None, str, set[str]]]:
    return [
        (name, route, kwargs)
        for name, route, kwargs in _walk(get_resolver().url_patterns)
        if _is_case_scoped(route, kwargs)
    ]


def _registered() -> list[tuple[str, str, set[str]]]:
    return sorted(
        (name, route, kwargs) for name, route, kwargs in case_scoped_patterns() if name in CASE_URLS
    )


def _url(route: str, kwargs: set[str], pk: int, spec: CaseUrl, case: Case | None) -> str:
    values = {k: pk for k in kwargs & (CASE_KWARGS | {"pk"})}
    if case is not None:
        values.update(spec.extra(case))
    else:
        values.update({k: MISSING_PK for k in kwargs - values.keys()})
    path = route
    for key, value in values.items():
        for conv in ("int", "str", "slug", "path", ""):
            token = f"<{conv}:{key}>" if conv else f"<{key}>"
            path = path.replace(token, str(value))
    return "/" + path.lstrip("^").rstrip("$")


def test_every_case_scoped_url_is_registered():
    unregistered = [
        f"{name or '(naamloos)'} → /{route}"
        for name, route, _kw in case_scoped_patterns()
        if name not in CASE_URLS
    ]
    assert not unregistered, (
        "Case-scoped URL(s) not registered in tests/privacy/test_url_access_matrix.py: "
        + ", ".join(unregistered)
        + ". Add each 'namespace:name' to CASE_URLS (with extra=lambda case: {...} for "
        "other keyword arguments) and read the case with privacy.access.get_case_for_user."
    )


def test_registered_urls_are_found_by_the_walk():
    names = {name for name, _route, _kw in _registered()}
    assert {"cases:detail", "privacy:case_basis", "privacy:case_access_log"} <= names


def _hidden_case(user, cases: dict[str, Case]) -> Case:
    """A demo case the user may not open; for region 1's regisseur the other region's
    ZVH case, so every URL also proves the separation of regions."""
    visible = set(visible_cases(user).values_list("pk", flat=True))
    refs = ("DEMO-ZUID-1", "DEMO-STAGNATIE", "DEMO-ACUUT", "DEMO-ZVH")
    if user.username == "regisseur":
        refs = ("DEMO-OOST", *refs)
    for ref in refs:
        if cases[ref].pk not in visible:
            return cases[ref]
    raise AssertionError(f"no hidden demo case for {user}")


PARAMS = [
    pytest.param(name, username, id=f"{name}-{username}")
    for name in sorted(CASE_URLS)
    for username in DEMO_USERS
]


@pytest.mark.parametrize(("url_name", "username"), PARAMS)
def test_case_url_hides_what_the_role_may_not_see(demo, url_name, username):
    found = {name: (route, kwargs) for name, route, kwargs in _registered()}
    if url_name not in found:
        pytest.skip(f"{url_name} does not exist (yet)")
    route, kwargs = found[url_name]
    spec = CASE_URLS[url_name]
    user = demo.users[username]
    client = demo.client_for(username)
    is_privacy_officer = username == "privacy"

    # 1. A case the user may not see, and one that does not exist.
    hidden = _hidden_case(user, demo.cases)
    for method in ("get", "post"):
        before = AccessLog.objects.count()
        missing = getattr(client, method)(_url(route, kwargs, MISSING_PK, spec, None))
        response = getattr(client, method)(_url(route, kwargs, hidden.pk, spec, hidden))
        if spec.audit and is_privacy_officer:
            assert missing.status_code == 404
            body = response.content.decode()
            assert hidden.title not in body
            assert not any(m in body for m in MARKERS.values())
            continue
        assert response.status_code == missing.status_code, (method, response.status_code)
        # 405 only where the URL takes no such method at all (an API read answers POST
        # with 405 before looking at any case): the same for a missing case, so it tells
        # nothing about existence.
        expected = (404, 405)
        assert response.status_code in expected, (method, response.status_code)
        assert AccessLog.objects.count() == before, "a hidden case must not be logged as seen"

    # 2. Every demo case the user may see: hidden categories never appear.
    for case in visible_cases(user).order_by("pk"):
        access = case_access(user, case)
        hidden_markers = [m for c, m in MARKERS.items() if not access.can_see(c)]
        for method in ("get", "post"):
            response = getattr(client, method)(_url(route, kwargs, case.pk, spec, case))
            assert response.status_code < 500, (case.reference, method)
            body = response.content.decode(errors="replace")
            leaked = [m for m in hidden_markers if m in body]
            assert not leaked, f"{url_name} shows {leaked} to {username} on {case.reference}"

    # 3. A visible case with another (hidden) case's object id.
    foreign = spec.extra(hidden)
    if foreign and MISSING_PK not in foreign.values() and not (spec.audit and is_privacy_officer):
        for case in visible_cases(user).order_by("pk")[:3]:
            path = _url(route, kwargs, case.pk, CaseUrl(extra=lambda c: foreign), case)
            assert client.get(path).status_code == 404, (path, "object of another case")
