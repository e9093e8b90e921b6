"""`manage.py triage_evaluate`: the JSON contract and exit codes of DESIGN.md."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from triage import services
from triage.defaults import RULESET_V1
from triage.engine import evaluate

pytestmark = pytest.mark.django_db

DESIGN_EXAMPLE = {
    "domains": {"financien": 2, "huisvesting": 1, "geestelijke_gezondheid": 2},
    "risks": {"geweld": True, "overlast": True},
    "organisations": 4,
    "months_in_wijkteam": 7,
}


def run(data, *args) -> tuple[str, str]:
    stdin = io.StringIO(data if isinstance(data, str) else json.dumps(data))
    out, err = io.StringIO(), io.StringIO()
    call_command("triage_evaluate", *args, stdin=stdin, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_object_in_gives_one_object_out() -> None:
    out, _err = run(DESIGN_EXAMPLE)
    result = json.loads(out)
    assert result == evaluate(DESIGN_EXAMPLE, RULESET_V1).to_dict()
    assert list(result) == [
        "score",
        "level",
        "level_name",
        "knock_outs",
        "reasons",
        "complete",
        "ruleset",
        "zvh_criteria",
    ]
    assert result["ruleset"] == "v1"
    points = [(r["points"], r["rule"]) for r in result["reasons"]]
    assert points == sorted(points, key=lambda p: (-p[0], p[1]))


def test_a_list_gives_a_list_in_the_same_order() -> None:
    items = [DESIGN_EXAMPLE, {}, {"risks": {"gevaar_zelf_of_ander": True}}]
    out, _err = run(items)
    results = json.loads(out)
    assert [r["level"] for r in results] == [evaluate(i, RULESET_V1).level for i in items]
    assert results[1]["score"] == 0
    assert results[2]["knock_outs"] == ["gevaar_zelf_of_ander"]


def test_file_argument_is_read(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(DESIGN_EXAMPLE), encoding="utf-8")
    out = io.StringIO()
    call_command("triage_evaluate", str(path), stdout=out)
    assert json.loads(out.getvalue())["level"] == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"domains": {"financien": 0}}, "domains.financien"),
        ({"domains": {"financien": 6}}, "domains.financien"),
        ({"domains": {"geluk": 3}}, "domains.geluk"),
        ({"risks": {"geweld": 1}}, "risks.geweld"),
        ({"risks": {"brand": True}}, "risks.brand"),
        ({"organisations": -1}, "organisations"),
        ({"months_in_wijkteam": "7"}, "months_in_wijkteam"),
        ({"extra": 1}, "extra"),
        ([{}, {"domains": {"adl": 9}}], "[1].domains.adl"),
    ],
)
def test_invalid_input_exits_2_naming_the_field(data, field) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("triage_evaluate", stdin=io.StringIO(json.dumps(data)), stdout=out)
    assert exc.value.returncode == 2
    assert field in str(exc.value)
    assert out.getvalue() == ""


@pytest.mark.parametrize("raw", ["{not json", "42", '"text"', "[1]"])
def test_malformed_json_exits_2(raw) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("triage_evaluate", stdin=io.StringIO(raw), stdout=out)
    assert exc.value.returncode == 2
    assert out.getvalue() == ""


def test_unknown_ruleset_exits_2() -> None:
    with pytest.raises(CommandError) as exc:
        run(DESIGN_EXAMPLE, "--ruleset", "v99")
    assert exc.value.returncode == 2
    assert "v99" in str(exc.value)


def test_named_ruleset_is_used(demo) -> None:
    admin = demo.users["admin"]
    draft = services.ruleset_draft_create(user=admin)
    services.ruleset_draft_update(
        user=admin,
        ruleset=draft,
        name="streng",
        definition={
            **draft.definition,
            "risk_points": {**draft.definition["risk_points"], "geweld": 10},
        },
    )
    out, _err = run(DESIGN_EXAMPLE, "--ruleset", "streng")
    result = json.loads(out)
    assert result["ruleset"] == "streng"
    assert {"rule": "geweld", "points": 10} in result["reasons"]


def _manage(*args: str, stdin: str, database: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(
        [sys.executable, str(root / "manage.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    done = _manage("migrate", "--noinput", stdin="", database=database)
    assert done.returncode == 0, done.stderr
    return database


def test_real_process_prints_json_and_exits_0(migrated_db) -> None:
    done = _manage("triage_evaluate", stdin=json.dumps(DESIGN_EXAMPLE), database=migrated_db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == evaluate(DESIGN_EXAMPLE, RULESET_V1).to_dict()


def test_real_process_exits_2_with_message_on_stderr_only(migrated_db) -> None:
    done = _manage(
        "triage_evaluate",
        stdin=json.dumps({"domains": {"financien": 7}}),
        database=migrated_db,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "domains.financien" in done.stderr


def test_real_process_unknown_ruleset_exits_2(migrated_db) -> None:
    done = _manage("triage_evaluate", "--ruleset", "nope", stdin="{}", database=migrated_db)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "nope" in done.stderr


def test_default_is_the_active_version_after_publishing(demo) -> None:
    admin = demo.users["admin"]
    draft = services.ruleset_draft_create(user=admin)
    services.ruleset_publish(user=admin, ruleset=draft)
    out, _err = run(DESIGN_EXAMPLE)
    assert json.loads(out)["ruleset"] == draft.name == "v2"
