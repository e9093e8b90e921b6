"""One run at a time of a whole-database job (a rescore, a convenant resync).

Celery delivers a message at least once (acks_late, reject_on_worker_lost): a message
whose worker was killed comes back, and after the Redis visibility timeout a message of
a slow but living worker is delivered a second time, to another worker. Two runs of a
job that reads "what is still to do" and then writes it would both write the same
rows, and a run with an older matrix or ruleset could finish after a newer one.

A PostgreSQL session advisory lock makes the second run wait until the first is done
(then it finds nothing left, or applies the newer state after the older). The lock
belongs to the database session, so a killed worker's lock goes with its connection.
On SQLite (one writer at a time, the embedded default) there is nothing to take.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (the same in every process)."""
    return zlib.crc32(name.encode()) - 2**31


@contextmanager
def one_run_at_a_time(name: str) -> Iterator[None]:
    """Hold the advisory lock `name` for the duration of the block, waiting for it."""
    if connection.vendor != "postgresql":
        yield
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
