"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Chromium comes from apt (`.ci/run` and `make test` install it when missing); Playwright
never downloads a browser of its own. Without Chromium the tests skip with the reason,
except under CI=true / REQUIRE_SERVICES=1, where a missing browser is a failure.
Every page a test visits goes through axe-core (from the pinned axe-playwright-python
package, injected over the DevTools protocol, so the strict CSP is untouched);
serious and critical violations fail the test. Screenshots of failures land in
test-results/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
MUST_RUN = os.environ.get("REQUIRE_SERVICES") == "1" or os.environ.get("CI") == "true"
BLOCKING_IMPACTS = ("serious", "critical")


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as exc:
        return f"browser test packages missing: {exc}"
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if MUST_RUN:
            pytest.fail(f"{reason} (required under CI / REQUIRE_SERVICES=1)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread; Django's ORM calls
    # from the test (seeding, flushing) are still plain synchronous calls.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class A11yAudit:
    """Runs axe-core on every page it is given and remembers blocking violations."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.violations: list[str] = []
        self.pages_checked: list[str] = []

    def check(self, page) -> None:
        page.wait_for_load_state("load")
        results = self.axe.run(page).response
        path = re.sub(r"^https?://[^/]+", "", page.url)
        self.pages_checked.append(path)
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = [", ".join(map(str, n["target"])) for n in violation["nodes"]][:5]
                self.violations.append(
                    f"{path}: {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} — {targets}"
                )


@pytest.fixture
def a11y() -> A11yAudit:
    return A11yAudit()


class Session:
    """One user's browser context; every navigation is audited by axe-core."""

    def __init__(self, browser, base_url: str, a11y: A11yAudit, name: str) -> None:
        self.context = browser.new_context(base_url=base_url, locale="nl-NL")
        # Generous: CI machines run the browser next to the whole suite.
        self.context.set_default_timeout(30_000)
        self.context.set_default_navigation_timeout(30_000)
        self.page = self.context.new_page()
        self.a11y = a11y
        self.name = name
        self.console_errors: list[str] = []
        self.page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
        )

    def audit(self) -> None:
        self.a11y.check(self.page)

    def goto(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status < 400, f"GET {path}: {response}"
        self.audit()

    def login(self, username: str, password: str = "demo") -> None:
        self.goto("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("form button[type=submit]")
        self.page.wait_for_load_state("load")
        assert "/accounts/login/" not in self.page.url, f"login as {username} failed"
        self.audit()


@pytest.fixture
def sessions(browser, live_server, a11y, request) -> Iterator:
    opened: list[Session] = []

    def open_session(name: str) -> Session:
        session = Session(browser, live_server.url, a11y, name)
        opened.append(session)
        return session

    yield open_session
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        RESULTS_DIR.mkdir(exist_ok=True)
        for session in opened:
            name = re.sub(r"[^\w.-]+", "_", f"{request.node.name}-{session.name}")
            try:
                session.page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)
            except Exception as exc:  # a crashed page must not hide the real failure
                print(f"screenshot of {name} failed: {exc}")
    for session in opened:
        session.context.close()


@pytest.fixture
def seeded(transactional_db, settings):
    """The demo data, seeded inside the test: transactional tests flush the tables,
    including what data migrations put there (the convenant matrix, triage ruleset v1)."""
    from workplace.demo.seed import seed_demo_data

    settings.REQUIRE_2FA = False
    orgs, users, cases = seed_demo_data()
    return {"orgs": orgs, "users": users, "cases": cases}
