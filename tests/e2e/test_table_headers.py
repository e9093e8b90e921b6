"""Table headers read whole at 1366 px (issue 16, points 5 and 6): the shared
`overflow-wrap: anywhere` that keeps long tokens from widening a page at 390 px must not
squeeze a column below its header's longest word ("Noodtoe-gang"). At 390 px tables stack
and nothing scrolls sideways. Screenshots land in var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {1366: {"width": 1366, "height": 900}, 390: {"width": 390, "height": 844}}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# Each word of each visible column header that the browser laid out on more than one line.
BROKEN_HEADER_WORDS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll("main thead th")) {
    if (!th.offsetParent) continue;
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

PAGES = {
    "privacy": {
        "toegangslog": "/privacy/access-log/",
        "per-medewerker": "/privacy/access-log/overview/",
        "per-dag": "/privacy/access-log/overview/?group=day",
        "per-casus": "/privacy/case/{DEMO-ZVH}/access-log/",
        "noodtoegang": "/privacy/break-the-glass/review/?status=all",
        "bewaartermijn": "/privacy/retention/",
    },
    "regisseur": {
        "screening": "/escalation/screening/",
        "casussen": "/cases/",
        "bestuurlijke-informatie": "/escalation/notices/",
    },
    "admin": {"gebruikers": "/functioneel-beheer/gebruikers/"},
}


def test_table_headers_are_not_broken_mid_word_and_phones_do_not_scroll(seeded, sessions, a11y):
    problems = []
    for username, pages in PAGES.items():
        session = sessions(username)
        session.login(username)
        page = session.page
        for width, size in SIZES.items():
            page.set_viewport_size(size)
            for name, path in pages.items():
                session.goto(path.replace("{DEMO-ZVH}", str(seeded["cases"]["DEMO-ZVH"].pk)))
                if width == 1366:
                    broken = page.evaluate(BROKEN_HEADER_WORDS)
                    if broken:
                        problems.append(f"{path} at 1366 px breaks {broken}")
                if page.evaluate(OVERFLOW) > 0:
                    problems.append(f"{path} scrolls sideways at {width} px")
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(
                    path=str(SCREENSHOTS / f"table-headers-{name}-{width}.png"), full_page=True
                )
    assert not problems, "\n".join(problems)
    assert not a11y.violations, "\n".join(a11y.violations)
