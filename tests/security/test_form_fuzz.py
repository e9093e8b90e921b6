"""Bad input to every form: malformed and oversized values never cause a 500 and never
change case data.

The test finds the forms itself: it crawls the pages each demo role can reach, collects
every <form> (action, method, fields) and every URL pattern of the project, then posts
hostile values to each. Case-scoped URLs get a case the user may see (from the crawl,
or the user's own demo case), so the views get past their 404 and into form handling.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

pytestmark = pytest.mark.django_db

CASE_APPS = ("cases", "privacy", "triage", "escalation", "reports")
NOT_CASE_DATA = {"privacy.accesslog"}  # reading a page writes one; that is the point of it

OVERSIZED = "x" * 10_001  # just over the largest text limit (notes: 10 000)
NULL = "Tekst\x00met nulbyte"
HTML = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
HUGE_INT = "-99999999999999999999"

# Who crawls and which demo case each uses for case-scoped URLs not found by crawling.
ROLES = {
    "wijkteam": "DEMO-ADVIES",
    "wijkteam2": "DEMO-AFSCHALING",
    "regisseur": "DEMO-ZVH",
    "politie": "DEMO-ZVH",
    "manager": "DEMO-STAGNATIE",
    "privacy": "DEMO-ZVH",
    "admin": "DEMO-ZVH",
}
SKIP_PREFIXES = ("/beheer/", "/static/")
SKIP_SUFFIXES = (".pdf", ".csv", ".json")
MAX_PAGES_PER_ROLE = 90


@dataclass
class Field:
    kind: str  # text, textarea, select, checkbox, radio, hidden, number, date, …
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # current state of checkboxes/radios


@dataclass
class FoundForm:
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def visible(self) -> dict[str, Field]:
        return {n: f for n, f in self.fields.items() if f.kind != "hidden"}

    @property
    def hidden(self) -> dict[str, str]:
        return {n: f.value for n, f in self.fields.items() if f.kind == "hidden"}


class _PageParser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.links: list[str] = []
        self.forms: list[FoundForm] = []
        self._form: FoundForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.base, a["href"]))
        elif tag == "form":
            action = urljoin(self.base, a.get("action") or self.base)
            self._form = FoundForm(action=action, method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            found = self._form.fields.setdefault(a["name"], Field(kind=kind))
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            found.value = found.value or value
            found.options.append(value)
            if "checked" in a:
                found.checked.append(value)
        elif tag == "textarea":
            self._form.fields[a["name"]] = Field(kind="textarea")
        elif tag == "select":
            self._select = a["name"]
            self._form.fields[a["name"]] = Field(kind="select")
        elif tag == "option" and self._select:
            select = self._form.fields[self._select]
            select.options.append(a.get("value", ""))
            if "selected" in a:
                select.checked.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _local_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _crawl(client: Client, start: list[str]) -> tuple[set[str], list[FoundForm]]:
    seen: set[str] = set()
    queue = list(start)
    forms: list[FoundForm] = []
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, f"GET {url} gave {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _PageParser("http://testserver" + url)
        parser.feed(response.content.decode())
        forms.extend(parser.forms)
        for link in parser.links:
            local = _local_path(link)
            if local and urlsplit(local).path not in {urlsplit(s).path for s in seen}:
                queue.append(urlsplit(local).path)
    return seen, forms


def _routes(patterns=None, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """Every route with its view name, like ('cases/<int:pk>/notes/', 'cases:note_add')."""
    routes = []
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace or "") if x)
            routes += _routes(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = ":".join(x for x in (namespace, p.name or "") if x)
            routes.append((prefix + str(p.pattern), name))
    return routes


def _view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _concrete(route: str, view_name: str, case_pk: int, known: dict[str, str]) -> str:
    """A URL for `route`: one the crawl found if any, else with the case's pk filled in."""
    for path, name in sorted(known.items()):
        if name == view_name:
            return urlsplit(path).path
    return "/" + re.sub(r"<(?:\w+:)?\w+>", str(case_pk), route)


def _snapshot() -> str:
    """A digest of every row of the case-related models (not the access log)."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label not in CASE_APPS or label in NOT_CASE_DATA:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model._base_manager.order_by("pk").values_list(*names):
            digest.update(repr((label, row)).encode())
    return digest.hexdigest()


def _payloads(form: FoundForm) -> dict[str, tuple[dict, bool]]:
    """name -> (POST data, strict). Strict payloads must change nothing at all; the
    lenient ones (HTML, odd-but-typed values) may be valid text for a free-text form.
    Checkboxes and radios keep their current state, so only the typed values differ."""
    choice_kinds = ("checkbox", "radio")
    texts = {n: f for n, f in form.visible.items() if f.kind not in choice_kinds}
    state = {n: f.checked for n, f in form.visible.items() if f.kind in choice_kinds}

    def fill(value_for) -> dict:
        return {**form.hidden, **state, **{n: value_for(f) for n, f in texts.items()}}

    def wrong(f: Field):
        if f.kind == "select":
            return HUGE_INT
        if f.kind == "number":
            return "1e309"
        return ["31-02-2026", "{{ 7*7 }}", HUGE_INT]

    payloads: dict[str, tuple[dict, bool]] = {}
    if texts:
        payloads["null_bytes"] = (fill(lambda f: NULL), True)
        payloads["oversized"] = (fill(lambda f: OVERSIZED), True)
        payloads["html"] = (fill(lambda f: HTML), False)
        payloads["wrong_types"] = (fill(wrong), False)
    if texts:
        # What a browser sends for an untouched form: every field present but blank.
        payloads["blank"] = (fill(lambda f: ""), True)
    if form.visible:
        payloads["nothing"] = ({}, True)
    if form.hidden:
        valid = {n: (f.checked or f.options[:1] or ["1"]) for n, f in form.visible.items()}
        payloads["tampered_hidden"] = ({**valid, **{n: NULL for n in form.hidden}}, True)
    return payloads


def _seed_demo_extensions(demo) -> None:
    from workplace.demo.seed import seed_extensions

    seed_extensions(cases=demo.cases, users=demo.users, orgs=demo.orgs)


def _check(problems, label, kind, response, before, after, strict, client) -> None:
    status = response.status_code
    if status >= 500:
        problems.append(f"{label}: HTTP {status}")
        return
    changed = before != after
    html = response.content.decode(errors="replace")
    is_html = "text/html" in response.get("Content-Type", "")
    if (
        kind != "nothing"
        and strict
        and status in (200, 400)
        and is_html
        and ("error-summary" not in html)
    ):
        # Refused input is shown again with an error summary linked to the fields.
        problems.append(f"{label}: HTTP {status} without an error summary")
    if changed and strict:
        problems.append(f"{label}: HTTP {status} and the database changed")
    if changed and not strict and status in (301, 302, 303):
        # Accepted as free text: it must come back escaped, never as markup.
        page = client.get(response["Location"])
        if page.status_code >= 500 or '<script>alert("xss")</script>' in page.content.decode():
            problems.append(f"{label}: stored HTML is rendered unescaped")


def _find_targets(demo, routes) -> dict[str, tuple[str, str, FoundForm, bool]]:
    """view name -> (username, path, form, found on a page), over all roles.

    Each view is fuzzed once, as the first role (in ROLES order) whose pages show a
    form for it; views no page shows a form for get generic text fields."""
    targets: dict[str, tuple[str, str, FoundForm, bool]] = {}
    known: dict[str, str | None] = {}
    for username, reference in ROLES.items():
        case = demo.cases[reference]
        crawler = Client()
        crawler.force_login(demo.users[username])
        # Every story case first (each is in another phase, so shows other forms).
        start = ["/", "/cases/", f"/cases/{case.pk}/"]
        start += [f"/cases/{c.pk}/" for c in demo.cases.values()]
        start += ["/" + re.sub(r"<(?:\w+:)?\w+>", str(case.pk), r) for r, _n in routes]
        seen, forms = _crawl(crawler, start)
        known.update({p: _view_name(p) for p in seen})
        for form in forms:
            path = _local_path(form.action)
            name = _view_name(path) if path and form.method == "post" else None
            if name and name not in targets:
                targets[name] = (username, urlsplit(path).path, form, True)
    case = demo.cases[ROLES["regisseur"]]
    for route, name in routes:
        if name not in targets:
            generic = FoundForm(
                action="",
                method="post",
                fields={n: Field(kind="text") for n in ("text", "reason", "title", "q")},
            )
            # No page shows a form for it: the view may take no input at all (a
            # button), so only "no 500" and the CSRF check are asserted.
            path = _concrete(route, name, case.pk, known)
            targets[name] = ("regisseur", path, generic, False)
    return targets


def test_no_form_accepts_malformed_input_or_fails_with_500(demo):
    _seed_demo_extensions(demo)
    if "triage:ruleset_new" in {n for _r, n in _routes()}:
        # A draft ruleset, as functioneel beheer's button makes one, so its edit form
        # (JSON rules) is on a page too.
        demo.client_for("admin").post(reverse("triage:ruleset_new"))
    routes = [(r, n) for r, n in _routes() if not r.startswith(("beheer/", "healthz"))]
    targets = _find_targets(demo, routes)
    problems: list[str] = []
    snapshot = _snapshot()
    for name, (username, path, form, from_page) in sorted(targets.items()):
        user = demo.users[username]
        client = Client()
        client.force_login(user)
        if from_page:
            payloads = _payloads(form)
        else:
            payloads = {"generic": (_payloads(form)["null_bytes"][0], False)}
        for kind, (data, strict) in payloads.items():
            before = snapshot
            response = client.post(path, data)
            snapshot = _snapshot()
            label = f"{username} {kind} POST {path} ({name})"
            _check(problems, label, kind, response, before, snapshot, strict, client)
            if "/accounts/login/" in response.get("Location", ""):
                client.force_login(user)  # a logout form logged us out; go on
        # Missing CSRF token: refused before any form handling.
        csrf_client = Client(enforce_csrf_checks=True)
        csrf_client.force_login(user)
        valid = {n: (f.checked or f.options[:1] or ["1"]) for n, f in form.visible.items()}
        response = csrf_client.post(path, {**form.hidden, **valid})
        if response.status_code not in (403, 405):
            problems.append(f"{username} no_csrf POST {path}: HTTP {response.status_code}")
        before, snapshot = snapshot, _snapshot()
        if snapshot != before:
            problems.append(f"{username} no_csrf POST {path}: the database changed")
    assert sum(1 for t in targets.values() if t[3]) >= 15, sorted(targets)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("value", [NULL, OVERSIZED, HTML, HUGE_INT])
def test_search_and_filter_forms_handle_hostile_values(demo, value):
    for username in ("wijkteam", "regisseur", "privacy"):
        client = demo.client_for(username)
        for url in ("/cases/", "/privacy/access-log/", "/escalation/worklist/"):
            for name in ("q", "phase", "team", "page", "user", "case", "date_from", "sort"):
                response = client.get(url, {name: value})
                assert response.status_code < 500, f"{username} GET {url}?{name}=… gave 500"


def test_login_form_rejects_hostile_values_without_500(client, demo):
    for value in (NULL, OVERSIZED, HTML, ["a", "b"]):
        response = client.post("/accounts/login/", {"username": value, "password": value})
        assert response.status_code in (200, 400)
        assert "error-summary" in response.content.decode()
        assert "_auth_user_id" not in client.session
