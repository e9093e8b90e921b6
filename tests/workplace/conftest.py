from __future__ import annotations

import pytest

from .helpers import add_cases


@pytest.fixture
def more_cases(demo):
    """Add extra open cases: `more_cases(5)`, `more_cases(1, team=..., worker=...)`."""
    return lambda count, **kwargs: add_cases(demo, count, **kwargs)
