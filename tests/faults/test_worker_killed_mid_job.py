"""A real Celery worker SIGKILLed in the middle of a rescore or a convenant resync: the
job comes back (acks_late + reject_on_worker_lost for a killed pool process; the Redis
visibility timeout for a killed worker, picked up by a fresh one) and finishes with
nothing lost and nothing twice.

The job is stopped at a known point: this test holds a row lock (FOR UPDATE) on a case
in a middle batch, so that batch's commit waits on the foreign-key check of its new
rows while the batches before it are committed. The worker is killed during that wait.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Callable

import psycopg
import pytest
import redis

from cases.models import Case, CaseEvent
from privacy.convenant import DEFAULT_MATRIX
from privacy.grants import sync_case_access
from privacy.matrix import resync_all_open_cases, sharing_rules_set
from privacy.models import CaseGroupObjectPermission
from privacy.tasks import resync_open_cases
from tests.factories import CaseFactory
from tests.triage.test_rescore import add_cases, publish_lower_threshold
from triage import demo as triage_seed
from triage import rescoring, tasks
from triage.models import AssessmentSource, TriageAssessment

from .conftest import database_url, pool_children, process_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
BOUND = 90.0  # two worker start-ups on a busy 2-core machine fit in it
# Longer than delivery → kill (about a second), so the killed worker's message is not
# redelivered while it still runs; short enough to keep the test fast.
VISIBILITY_TIMEOUT = 4
KILLS = ["pool process", "whole worker"]


def _admin_connection() -> psycopg.Connection:
    return psycopg.connect(database_url(), connect_timeout=5)


def _lock_waiter(probe: psycopg.Connection) -> int | None:
    row = probe.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    ).fetchone()
    return row[0] if row else None


def _until(condition: Callable[[], object], what: str, processes, deadline: float) -> None:
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {BOUND:.0f} s\n{processes.log('first')}")
        time.sleep(0.1)


def run_killed_then_recovered(
    *, processes, own_redis, tmp_path, kill: str, blocked_case_id: int, queue: Callable, done
) -> int:
    """Queue the job, let a worker run it until it waits on `blocked_case_id`, SIGKILL it
    (`kill`), release the lock and wait until the job has finished. Returns what was
    done when the worker died (`done()` then)."""
    env = process_env(
        redis_url=own_redis.url,
        workdir=tmp_path,
        FAULT_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT if kill == "whole worker" else 3600),
    )
    broker = redis.Redis.from_url(own_redis.url)
    deadline = time.monotonic() + BOUND
    with _admin_connection() as side, _admin_connection() as probe:
        probe.autocommit = True
        side.execute("SELECT 1 FROM cases_case WHERE id = %s FOR UPDATE", [blocked_case_id])
        queue()
        worker = processes.worker("first", env)
        _until(
            lambda: _lock_waiter(probe),
            "the job never reached the locked case",
            processes,
            deadline,
        )
        orphan = _lock_waiter(probe)
        if kill == "pool process":
            children = pool_children(worker.pid)
            assert len(children) == 1, children
            os.kill(children[0], signal.SIGKILL)
        else:
            processes.kill("first")
        done_when_killed = done()
        side.rollback()
        # The killed worker's database session ends once it notices its client is gone.
        _until(
            lambda: (
                not probe.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [orphan]
                ).fetchone()
            ),
            "the killed worker's session did not end",
            processes,
            deadline,
        )
    if kill == "whole worker":
        processes.worker("second", env)
    _until(
        lambda: broker.llen("celery") == 0 and broker.hlen("unacked") == 0,
        "the job was not finished after the kill",
        processes,
        deadline,
    )
    return done_when_killed


@pytest.fixture
def triage_demo(demo):
    """The demo stories with their triage assessments."""
    triage_seed.seed(cases=demo.cases, users=demo.users, orgs=demo.orgs)
    return demo


@pytest.mark.parametrize("kill", KILLS)
def test_a_rescore_killed_mid_job_rescores_every_case_exactly_once(
    postgres_only, triage_demo, own_redis, broker_at, processes, tmp_path, kill
):
    # Score 12: consultatie under v1, opschalen under v2, so each gets a timeline event.
    add_cases(
        triage_demo, 12, score_domains={"financien": 1, "huisvesting": 1, "adl": 1, "justitie": 1}
    )
    v2 = publish_lower_threshold(triage_demo.users["admin"])
    preview = rescoring.impact_preview(ruleset=v2)
    to_rescore = sorted(
        TriageAssessment.objects.filter(pk__in=_latest_ids()).values_list("case_id", flat=True)
    )
    assert len(to_rescore) == preview.examined >= 12
    assert len(preview.changed_case_ids) >= 12
    rescored = TriageAssessment.objects.filter(ruleset=v2, source=AssessmentSource.RESCORE)
    broker_at(own_redis.url)

    done_when_killed = run_killed_then_recovered(
        processes=processes,
        own_redis=own_redis,
        tmp_path=tmp_path,
        kill=kill,
        blocked_case_id=to_rescore[len(to_rescore) // 2],
        queue=lambda: tasks.rescore_open_cases.delay(ruleset_name=v2.name, batch_size=3),
        done=rescored.count,
    )

    assert 0 < done_when_killed < len(to_rescore), "killed in the middle, not before or after"
    per_case = Counter(rescored.values_list("case_id", flat=True))
    assert sorted(per_case) == to_rescore
    assert set(per_case.values()) == {1}
    events = Counter(
        CaseEvent.objects.filter(kind="triage_rescored").values_list("case_id", flat=True)
    )
    assert sorted(events) == sorted(preview.changed_case_ids)
    assert set(events.values()) == {1}


def _latest_ids() -> list[int]:
    return [
        row.id
        for batch in rescoring.selectors.open_latest_assessment_batches(1000)
        for row in batch
    ]


def _grants() -> set[tuple[int, int, int]]:
    return set(
        CaseGroupObjectPermission.objects.values_list(
            "content_object_id", "group_id", "permission_id"
        )
    )


@pytest.mark.parametrize("kill", KILLS)
def test_a_resync_killed_mid_job_leaves_every_case_with_the_grants_of_the_matrix(
    postgres_only, demo, own_redis, broker_at, processes, tmp_path, kill
):
    noord = demo.orgs["Wijkteam Noord"]
    for _i in range(16):
        CaseFactory(owning_team=noord, regiehouder=demo.users["wijkteam"])
    resync_all_open_cases()
    default = [(party, cat) for party, cats in DEFAULT_MATRIX.items() for cat in cats]
    privacy = demo.users["privacy"]
    # Withdrawing the owner's zorg cell revokes at once; allowing it again leaves every
    # open case of the region without its zorg grant until the resync has run.
    sharing_rules_set(
        user=privacy,
        cells=[c for c in default if c != ("owner", "zorg")],
        decision_reference="Besluit 1",
    )
    without_zorg = _grants()
    sharing_rules_set(user=privacy, cells=default, decision_reference="Besluit 1")
    open_ids = sorted(Case.objects.open().filter(region=noord.region).values_list("pk", flat=True))
    assert len(open_ids) >= 16
    broker_at(own_redis.url)

    def zorg_grants_back() -> int:
        return len(_grants() - without_zorg)

    done_when_killed = run_killed_then_recovered(
        processes=processes,
        own_redis=own_redis,
        tmp_path=tmp_path,
        kill=kill,
        blocked_case_id=open_ids[len(open_ids) // 2],
        queue=lambda: resync_open_cases.delay(batch_size=4),
        done=zorg_grants_back,
    )

    after = _grants()
    assert 0 < done_when_killed < len(after - without_zorg), "killed in the middle"
    # What the access layer computes for each case, one by one, is what the job left.
    for case in Case.objects.open():
        sync_case_access(case)
    assert _grants() == after
    assert {case for case, _g, _p in after - without_zorg} >= set(open_ids)
