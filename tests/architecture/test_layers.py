"""The structure between the apps, as tests (issue 11).

import-linter (`make lint`) checks that every app imports only from the layers below
it. These tests add what it cannot see: that nobody hides an import inside a function
to dodge a cycle, and that modules stay small enough to hold one concern.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "config",
    "workplace",
    "api",
    "beheer",
    "reports",
    "meetings",
    "escalation",
    "triage",
    "notifications",
    "documents",
    "privacy",
    "cases",
    "accounts",
    "organisations",
    "lib",
)
MAX_LINES = 400


def _project_modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )


def _imports_inside_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if path.name == "apps.py" and func.name == "ready":
            continue  # Django's documented place for imports that need the app registry.
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and node.level:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module]
                    if isinstance(node, ast.ImportFrom)
                    else [alias.name for alias in node.names]
                )
                if any((name or "").split(".")[0] in APPS for name in names):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_project_import_hides_inside_a_function():
    hidden = [hit for path in _project_modules() for hit in _imports_inside_functions(path)]
    assert hidden == [], "move these imports to module level (a cycle hides behind them)"


@pytest.mark.parametrize("path", _project_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_holds_more_than_one_concern(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{lines} lines: split it by concern"


def test_the_import_linter_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-2000:]
