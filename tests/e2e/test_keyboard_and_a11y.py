"""Keyboard-only use, visible focus, the idle-session warning and the audit itself."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e]

FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    description: el.tagName.toLowerCase() + (el.name ? "[name=" + el.name + "]" : "")
      + " " + (el.getAttribute("href") || el.textContent.trim().slice(0, 30)),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    focusVisible: el.matches(":focus-visible"),
  };
}"""


class Keyboard:
    """Moves through a page with Tab only, checking each focused element shows focus."""

    def __init__(self, session) -> None:
        self.session = session
        self.page = session.page
        self.invisible_focus: list[str] = []

    def tab_to(self, selector: str, limit: int = 120) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.page.evaluate(FOCUS_STATE)
            if state["description"].startswith("body"):
                continue  # focus still outside the page (the browser's own UI)
            if not (state["outline"] or state["shadow"]) or not state["focusVisible"]:
                self.invisible_focus.append(f"{self.page.url}: {state['description']}")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def press_enter_on(self, selector: str) -> None:
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.session.audit()


def test_registration_and_triage_work_with_the_keyboard_alone(seeded, sessions, a11y):
    session = sessions("keyboard")
    session.goto("/accounts/login/")
    keys = Keyboard(session)
    keys.type_into("input[name=username]", "wijkteam")
    keys.type_into("input[name=password]", "demo")
    with session.page.expect_navigation():
        session.page.keyboard.press("Enter")
    session.audit()

    keys.press_enter_on('a[href="/cases/new/"]')
    keys.type_into("input[name=title]", "Alleenstaande vader met schulden")
    keys.tab_to("select[name=legal_basis]")
    session.page.keyboard.press("ArrowDown")
    keys.tab_to("input[name=client_informed]")
    session.page.keyboard.press("Space")
    keys.type_into("input[name=client_informed_on]", "01-11-2026")
    keys.type_into("input[name=persons-0-first_name]", "Karim")
    keys.type_into("input[name=persons-0-last_name]", "Bakker")
    keys.press_enter_on("button.button--primary[type=submit]")
    assert re.search(r"/cases/\d+/$", session.page.url), session.page.inner_text("main")
    assert "Alleenstaande vader met schulden" in session.page.inner_text("h1")
    pk = int(re.search(r"/cases/(\d+)/", session.page.url).group(1))

    keys.press_enter_on(f'a[href="/triage/case/{pk}/new/"]')
    domains = session.page.eval_on_selector_all(
        "input[name^=domain_]", "els => [...new Set(els.map(e => e.name))]"
    )
    for name in domains[:6]:
        # Tab lands on the checked radio ("Onbekend"); the arrow key picks score 1.
        keys.tab_to(f"input[name={name}]:checked")
        session.page.keyboard.press("ArrowRight")
        assert session.page.is_checked(f"input[name={name}][value='1']")
    keys.tab_to("input[name=risk_geweld]")
    session.page.keyboard.press("Space")
    keys.press_enter_on("button[name=action][value=calculate]")
    keys.tab_to("input[name=judgement]")
    session.page.keyboard.press("Space")
    keys.press_enter_on("button[name=action][value=save]")
    assert not session.page.locator(".error-summary").count(), session.page.inner_text("main")

    assert keys.invisible_focus == [], "\n".join(keys.invisible_focus)
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_error_summary_links_move_focus_to_the_field(seeded, sessions, a11y):
    session = sessions("errors")
    session.login("wijkteam")
    session.goto("/cases/new/")
    with session.page.expect_navigation():
        session.page.click("button.button--primary[type=submit]")
    session.audit()
    summary = session.page.locator(".error-summary")
    assert summary.count() == 1
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert session.page.evaluate("() => '#' + document.activeElement.id") == target
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_idle_warning_appears_and_staying_logged_in_works(seeded, sessions, settings):
    settings.SESSION_IDLE_SECONDS = 20
    settings.SESSION_WARNING_SECONDS = 10
    session = sessions("idle")
    session.login("wijkteam")
    warning = session.page.locator("#session-warning")
    assert warning.is_hidden()
    warning.wait_for(state="visible", timeout=15_000)
    session.audit()
    session.page.keyboard.press("Enter")  # focus is on "Ingelogd blijven"
    warning.wait_for(state="hidden", timeout=5_000)
    # Not touched again: the page goes to the login page, which says why.
    session.page.wait_for_url(re.compile(r"/accounts/login/"), timeout=40_000)
    session.audit()
    assert "automatisch uitgelogd" in session.page.inner_text("main")
    assert [e for e in session.console_errors if "Content Security Policy" in e] == []


def test_axe_audit_catches_known_violations(seeded, sessions, a11y):
    session = sessions("axe")
    session.goto("/accounts/login/")
    session.page.set_content("<html><body><img src='/static/css/schakel.css'><input></body></html>")
    a11y.check(session.page)
    found = "\n".join(a11y.violations)
    assert "image-alt (critical)" in found
    assert "label (critical)" in found


def test_inline_script_is_blocked_by_the_content_security_policy(seeded, sessions):
    session = sessions("csp")
    session.goto("/accounts/login/")
    session.page.evaluate(
        """() => {
          const s = document.createElement("script");
          s.textContent = "window.__inlineRan = true";
          document.body.appendChild(s);
        }"""
    )
    assert session.page.evaluate("() => window.__inlineRan === true") is False
    # htmx (with the nonce) and our own script files did load.
    assert session.page.evaluate("() => typeof window.htmx") == "object"


SWEEP_ROLES = ("wijkteam", "regisseur", "politie", "manager", "privacy", "admin")
SWEEP_SKIP = (".pdf", ".csv", ".json", "/logout", "/beheer/", "/static/")


def test_every_page_each_role_reaches_passes_axe(seeded, sessions, a11y):
    """Beyond the journey: every page linked from each role's pages (up to 25 per role)."""
    for username in SWEEP_ROLES:
        session = sessions(username)
        session.login(username)
        queue = ["/", "/accounts/security/", "/accounts/2fa/setup/"]
        seen: set[str] = set()
        while queue and len(seen) < 25:
            path = queue.pop(0).split("#")[0]
            if path in seen or any(part in path for part in SWEEP_SKIP):
                continue
            seen.add(path)
            response = session.page.goto(path)
            assert response is not None and response.status < 500, f"{username} GET {path}"
            if response.status >= 400:
                continue
            session.audit()
            hrefs = session.page.eval_on_selector_all(
                "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
            )
            queue += [h for h in hrefs if h.split("#")[0] not in seen]
    assert len(a11y.pages_checked) >= 60
    assert a11y.violations == [], "\n".join(a11y.violations)
