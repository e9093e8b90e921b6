"""Read a whole case the way a user can: every section of the case page.

The case page shows one section at a time (`?sectie=…`, cases/sections.py). Tests
that ask "is this text anywhere on the case page" (or nowhere) read all sections, so a
hidden category stays hidden on every tab, not only on the first.
"""

from __future__ import annotations

from cases.sections import SECTIONS, section_url


def case_page_text(client, case_pk: int) -> str:
    """The HTML of every section of the case page, joined; asserts each one opened."""
    bodies = []
    for section in SECTIONS:
        response = client.get(section_url(case_pk, section.slug))
        assert response.status_code == 200, (section.slug, response.status_code)
        bodies.append(response.content.decode())
    return "\n".join(bodies)
